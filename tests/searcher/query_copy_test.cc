// copy_for_another_thread: a deep copy that matches what the original matches.
#include "searcher/query_copy.h"

#include <gtest/gtest.h>

namespace newsdex {

TEST(QueryCopy, CopiesTheWholeQueryTree) {
  const Xapian::Query q(Xapian::Query::OP_AND,
                        Xapian::Query(Xapian::Query::OP_PHRASE, Xapian::Query("samsung"),
                                      Xapian::Query("electronics")),
                        Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("chip", 2),
                                      Xapian::Query("XCOMPANY:Samsung")));
  const Xapian::Query copy = copy_for_another_thread(q);
  EXPECT_EQ(copy.get_description(), q.get_description());
  EXPECT_EQ(copy.serialise(), q.serialise());
  EXPECT_TRUE(copy_for_another_thread(Xapian::Query()).empty());
}

// Issue 30's crash: the empty query was Xapian::Query::MatchAll, one static object whose
// non-atomic reference count several server workers changed at once.
TEST(QueryCopy, MatchAllSharesNothingWithXapiansStaticObject) {
  const Xapian::Query all = match_all();
  EXPECT_EQ(all.get_type(), Xapian::Query::LEAF_MATCH_ALL);
  EXPECT_NE(all.internal.get(), Xapian::Query::MatchAll.internal.get());
  EXPECT_NE(match_all().internal.get(), all.internal.get());
}

}  // namespace newsdex
