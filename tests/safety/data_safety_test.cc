// Issue 17, items 1-4 and the whitespace guard: no article is lost or overwritten without a word.
#include <xapian.h>

#include <sstream>
#include <string>

#include "core/database.h"
#include "core/errors.h"
#include "core/schema.h"
#include "indexer/admin.h"
#include "indexer/index_writer.h"
#include "indexer/indexer.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/reuters_reader.h"
#include "searcher/search.h"
#include "test_util.h"

namespace newsdex::testing {
namespace {

IndexSummary index_into(const std::string& db, const std::vector<std::string>& paths) {
  IndexOptions o;
  o.db_path = db;
  o.extract = false;
  return index_paths(paths, o, IndexObserver{});
}

SearchResult search(const std::string& db,
                    std::vector<std::pair<std::string, std::string>> params) {
  Searcher s(db);
  return s.search(parse_search_params(params));
}

TEST(DataSafety, AnUnterminatedReutersElementIsSkippedAndTheNextArticleKept) {
  const std::string sgml =
      "<REUTERS NEWID=\"1\">\n<TEXT><TITLE>CUT SHORT</TITLE><BODY>no end\n"
      "<REUTERS NEWID=\"2\">\n<TEXT><TITLE>WHOLE STORY</TITLE><BODY>Kept.</BODY></TEXT>\n"
      "</REUTERS>\n";
  CollectingSink sink;
  read_reuters_sgml(sgml, "cut.sgm", sink);
  ASSERT_EQ(sink.articles.size(), 1U);
  EXPECT_EQ(sink.articles[0].id, "reuters-2");
  EXPECT_EQ(sink.articles[0].title, "WHOLE STORY");
  ASSERT_EQ(sink.skips.size(), 1U);
  EXPECT_EQ(sink.skips[0].reason, "malformed_sgml");
  EXPECT_EQ(sink.skips[0].where.to_string(), "cut.sgm:1");
  EXPECT_EQ(sink.locations[0].line, 3U);
}

TEST(DataSafety, AnUnterminatedLastReutersElementIsCountedAsSkipped) {
  TempDir dir;
  write_file(dir / "a.sgm",
             "<REUTERS NEWID=\"1\"><TEXT><TITLE>ONE</TITLE></TEXT></REUTERS>\n"
             "<REUTERS NEWID=\"2\"><TEXT><TITLE>TWO</TITLE>\n");
  const auto s = index_into(dir / "db", {dir / "a.sgm"});
  EXPECT_EQ(s.indexed, 1U);
  EXPECT_EQ(s.skipped_total(), 1U);
}

TEST(DataSafety, LongIdsSharingTheirFirst240BytesStayTwoArticles) {
  TempDir dir;
  const std::string stem = "https://example.com/" + std::string(300, 'a');
  write_file(dir / "a.jsonl", "{\"id\":\"" + stem + "/one\",\"title\":\"first\"}\n{\"id\":\"" +
                                  stem + "/two\",\"title\":\"second\"}\n");
  const auto s = index_into(dir / "db", {dir / "a.jsonl"});
  EXPECT_EQ(s.indexed, 2U);
  EXPECT_EQ(s.replaced, 0U);
  EXPECT_EQ(s.total_documents, 2U);
  // Each id finds its own article; deleting one leaves the other.
  {
    Searcher searcher(dir / "db");
    EXPECT_EQ(searcher.document(stem + "/one")["title"], "first");
    EXPECT_EQ(searcher.document(stem + "/two")["title"], "second");
    EXPECT_THROW(searcher.document(stem + "/three"), NotFoundError);
  }
  const auto d = delete_articles(dir / "db", {stem + "/one"});
  EXPECT_EQ(d.deleted.size(), 1U);
  EXPECT_EQ(d.total_documents, 1U);
  Searcher searcher(dir / "db");
  EXPECT_EQ(searcher.document(stem + "/two")["title"], "second");
  EXPECT_THROW(searcher.document(stem + "/one"), NotFoundError);
  // Re-indexing the long id replaces it, as a short id would be.
  EXPECT_EQ(index_into(dir / "db", {dir / "a.jsonl"}).replaced, 1U);
}

TEST(DataSafety, AnIdSpelledLikeAnotherIdsHashedTermNeverReplacesIt) {
  TempDir dir;
  const std::string long_id(400, 'x');
  const std::string lookalike =
      schema::value_of_term(schema::field("id"), schema::term(schema::field("id"), long_id));
  ASSERT_LE(lookalike.size() + 1, schema::kMaxTermBytes);
  {
    IndexWriter w(dir / "db");
    Article a;
    a.id = long_id;
    a.title = "long";
    w.add(a);
    a.id = lookalike;
    a.title = "lookalike";
    EXPECT_THROW(w.add(a), InputError);
    EXPECT_FALSE(w.remove(lookalike));
    w.commit();
    EXPECT_EQ(w.document_count(), 1U);
  }
  EXPECT_EQ(Searcher(dir / "db").document(long_id)["title"], "long");
}

TEST(DataSafety, LongCompanyValuesSharingAPrefixStayDistinctFacetValues) {
  TempDir dir;
  const std::string stem(300, 'C');
  write_file(dir / "a.jsonl", "{\"id\":\"1\",\"title\":\"a\",\"companies\":[\"" + stem +
                                  " One\"]}\n{\"id\":\"2\",\"title\":\"b\",\"companies\":[\"" +
                                  stem + " Two\"]}\n");
  index_into(dir / "db", {dir / "a.jsonl"});
  const auto r = search(dir / "db", {{"q", ""}, {"facets", "company"}});
  ASSERT_EQ(r.facets.size(), 1U);
  EXPECT_EQ(r.facets[0].second.size(), 2U);
  EXPECT_EQ(search(dir / "db", {{"filter", "company=" + stem + " One"}}).total, 1U);
}

TEST(DataSafety, IdsUpTo64BitsUnsignedKeepTheirDigitsAndLongerOnesAreRefused) {
  TempDir dir;
  write_file(dir / "a.jsonl",
             "{\"id\":-1,\"title\":\"minus one\"}\n"
             "{\"id\":18446744073709551615,\"title\":\"max\"}\n"
             "{\"id\":184467440737095516150,\"title\":\"too long\"}\n");
  const auto s = index_into(dir / "db", {dir / "a.jsonl"});
  EXPECT_EQ(s.indexed, 2U);
  EXPECT_EQ(s.replaced, 0U);
  EXPECT_EQ(s.skipped.at("wrong_type"), 1U);
  Searcher searcher(dir / "db");
  EXPECT_EQ(searcher.document("-1")["title"], "minus one");
  EXPECT_EQ(searcher.document("18446744073709551615")["title"], "max");
}

// Found by fuzz_jsonl: nlohmann's out_of_range for a number past a double escaped the reader.
TEST(DataSafety, ANumberPastADoubleIsAMalformedRecordNotACrash) {
  std::istringstream in("{\"id\":1e400}\n{\"id\":\"2\",\"n\":-1e999}\n{\"id\":\"3\"}\n");
  CollectingSink sink;
  read_jsonl(in, "big.jsonl", JsonlOptions{}, sink);
  ASSERT_EQ(sink.articles.size(), 1U);
  EXPECT_EQ(sink.articles[0].id, "3");
  ASSERT_EQ(sink.skips.size(), 2U);
  EXPECT_EQ(sink.skips[0].reason, "malformed_json");
  EXPECT_EQ(sink.skips[0].where.to_string(), "big.jsonl:1");
}

TEST(DataSafety, ADatabaseLeftBeforeItsFirstCommitIsAnEmptyNewsdexDatabase) {
  TempDir dir;
  {
    // What a first run killed before its first commit leaves: Xapian's files, no metadata.
    Xapian::WritableDatabase raw(dir / "db", Xapian::DB_CREATE);
    raw.commit();
  }
  EXPECT_NO_THROW(open_database_for_reading(dir / "db"));
  EXPECT_EQ(search(dir / "db", {{"q", "anything"}}).total, 0U);
  EXPECT_EQ(Searcher(dir / "db").stats()["total_documents"], 0);
  write_file(dir / "a.jsonl", "{\"id\":\"1\",\"title\":\"back\"}\n");
  EXPECT_EQ(index_into(dir / "db", {dir / "a.jsonl"}).total_documents, 1U);
  EXPECT_EQ(search(dir / "db", {{"q", "back"}}).total, 1U);
}

TEST(DataSafety, ANewDatabaseIsMarkedAsNewsdexBeforeAnyArticleIsWritten) {
  TempDir dir;
  { IndexWriter w(dir / "db"); }  // opened and dropped without a commit of its own
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaSchemaKey)), schema::kMetaSchemaVersion);
}

TEST(DataSafety, CompanyValuesWithLineBreaksAreOneValueWithSingleSpaces) {
  TempDir dir;
  write_file(dir / "a.jsonl",
             "{\"id\":\"1\",\"title\":\"a\",\"companies\":[\"Salomon\\nBrothers\"]}\n"
             "{\"id\":\"2\",\"title\":\"b\",\"companies\":[\"Salomon  Brothers\"]}\n");
  index_into(dir / "db", {dir / "a.jsonl"});
  const auto r = search(dir / "db", {{"q", ""}, {"facets", "company"}});
  ASSERT_EQ(r.facets[0].second.size(), 1U);
  EXPECT_EQ(r.facets[0].second[0].value, "Salomon Brothers");
  EXPECT_EQ(r.facets[0].second[0].count, 2U);
  EXPECT_EQ(Searcher(dir / "db").document("1")["companies"][0], "Salomon Brothers");
}

}  // namespace
}  // namespace newsdex::testing
