#include "indexer/readers/reuters_reader.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/text.h"
#include "test_util.h"

namespace newsdex {

using testing::CollectingSink;

namespace {
const char* kTwoStories =
    "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
    "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5544\" "
    "NEWID=\"1\">\n"
    "<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
    "<TOPICS><D>cocoa</D></TOPICS>\n<PLACES><D>el-salvador</D></PLACES>\n<PEOPLE></PEOPLE>\n"
    "<ORGS><D>icco</D></ORGS>\n<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n"
    "<UNKNOWN> C T f0704reute</UNKNOWN>\n"
    "<TEXT>&#2;\n<TITLE>BAHIA COCOA &lt;REVIEW&gt;</TITLE>\n"
    "<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued &amp; more\n"
    "in Bahia.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
    "<REUTERS TOPICS=\"NO\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"1\" "
    "NEWID=\"2\">\n"
    "<DATE>  3-MAR-1987 00:43:42.82&#5;&#5;&#5;RM</DATE>\n"
    "<TOPICS></TOPICS>\n<PLACES></PLACES>\n<PEOPLE></PEOPLE>\n<ORGS></ORGS>\n<EXCHANGES></"
    "EXCHANGES>\n"
    "<COMPANIES></COMPANIES>\n<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>LAWSON M\xFC QTR NET</TITLE>\n"
    "&#3;</TEXT>\n</REUTERS>\n"
    "<REUTERS TOPICS=\"NO\" NEWID=\"3\">\n<DATE>3-APR-1987 07:09:06.48</DATE>\n"
    "<TEXT TYPE=\"UNPROC\">&#2;\nWHEAT TENDER\nBody of an unprocessed "
    "story.\n&#3;</TEXT>\n</REUTERS>\n";
}  // namespace

TEST(ReutersReader, ReadsStoriesWithMetadataAndDecodesReferences) {
  CollectingSink s;
  read_reuters_sgml(kTwoStories, "reut2-000.sgm", s);
  ASSERT_EQ(s.articles.size(), 3U);
  const auto& a = s.articles[0];
  EXPECT_EQ(a.id, "reuters-1");
  EXPECT_EQ(a.title, "BAHIA COCOA <REVIEW>");
  EXPECT_EQ(a.body, "Showers continued & more\nin Bahia.");
  EXPECT_EQ(a.date, "1987-02-26");
  EXPECT_EQ(a.published, "1987-02-26T15:01:01");
  EXPECT_EQ(a.topics, std::vector<std::string>{"cocoa"});
  EXPECT_EQ(a.orgs, std::vector<std::string>{"icco"});  // an organisation, never a company
  EXPECT_TRUE(a.companies.empty());
  EXPECT_FALSE(a.companies_given);
  EXPECT_TRUE(a.topics_given);
  EXPECT_EQ(s.locations[0].to_string(), "reut2-000.sgm:2");
}

TEST(ReutersReader, HandlesIrregularDatesBriefsLatin1AndUnprocessedStories) {
  CollectingSink s;
  read_reuters_sgml(kTwoStories, "x.sgm", s);
  ASSERT_EQ(s.articles.size(), 3U);
  const auto& brief = s.articles[1];
  EXPECT_EQ(brief.date, "1987-03-03");
  EXPECT_EQ(brief.title, "LAWSON M\xC3\xBC QTR NET");
  EXPECT_TRUE(brief.body.empty());
  EXPECT_FALSE(brief.topics_given);
  const auto& unproc = s.articles[2];
  EXPECT_EQ(unproc.title, "WHEAT TENDER");
  EXPECT_EQ(unproc.body, "Body of an unprocessed story.");
  EXPECT_TRUE(s.skips.empty());
}

TEST(ReutersReader, DropsControlCharacterReferences) {
  EXPECT_EQ(decode_sgml_text("a&#2;b&#127;c&#31;d &lt;e&gt; &amp;"), "abcd <e> &");
}

TEST(ReutersReader, ReadsAllOfReuters21578WithNoStoryLost) {
  const std::string dir = testing::shared_data_dir() + "/reuters21578";
  if (!testing::shared_corpus_present("reuters21578")) {
    GTEST_SKIP() << dir << " is absent; the full Reuters count is not checked";
  }
  CollectingSink s;
  for (int i = 0; i <= 21; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/reut2-%03d.sgm", i);
    read_reuters_sgml(testing::read_whole_file(dir + name), name, s);
  }
  EXPECT_EQ(s.articles.size(), 21578U);
  EXPECT_TRUE(s.skips.empty());
  std::size_t dated = 0, with_topics = 0;
  for (const auto& a : s.articles) {
    dated += a.date.empty() ? 0 : 1;
    with_topics += a.topics_given ? 1 : 0;
    EXPECT_TRUE(text::is_valid_utf8(a.title + a.body)) << a.id;
  }
  EXPECT_EQ(dated, 21578U);
  EXPECT_EQ(with_topics, 11367U);
}

}  // namespace newsdex
