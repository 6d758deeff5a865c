// Opening helpers shared by the indexer and the searcher: revision keys and the retry on a
// revision overwritten by a writer.
#include "core/database.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace newsdex {

TEST(Database, RevisionKeyNamesOneRevisionWhicheverHandleReadsIt) {
  testing::TempDir dir;
  Xapian::WritableDatabase w(dir / "db", Xapian::DB_CREATE_OR_OPEN);
  w.add_document(Xapian::Document());
  w.commit();
  Xapian::Database a(dir / "db"), b(dir / "db");
  const std::string before = revision_key(a);
  EXPECT_EQ(before, revision_key(b));
  EXPECT_EQ(before, w.get_uuid() + "@" + std::to_string(w.get_revision()));
  w.add_document(Xapian::Document());
  w.commit();
  ASSERT_TRUE(a.reopen());
  EXPECT_NE(revision_key(a), before);
  EXPECT_EQ(revision_key(b), before);  // not reopened: still the old revision
}

TEST(Database, RetryIfModifiedReadsAgainThenGivesUp) {
  int calls = 0;
  EXPECT_EQ(retry_if_modified([&] {
              if (++calls < 3) throw Xapian::DatabaseModifiedError("overwritten");
              return 7;
            }),
            7);
  EXPECT_EQ(calls, 3);

  calls = 0;
  EXPECT_THROW(retry_if_modified([&]() -> int {
                 ++calls;
                 throw Xapian::DatabaseModifiedError("always");
               }),
               Xapian::DatabaseModifiedError);
  EXPECT_EQ(calls, kModifiedTries);

  calls = 0;  // any other error is not retried
  EXPECT_THROW(retry_if_modified([&]() -> int {
                 ++calls;
                 throw Xapian::DatabaseCorruptError("broken");
               }),
               Xapian::DatabaseCorruptError);
  EXPECT_EQ(calls, 1);
}

}  // namespace newsdex
