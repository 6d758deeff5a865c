// Xapian::Query objects and threads: a query matching everything that shares nothing with other
// threads, and handing a query to another thread.
#pragma once

#include <xapian.h>

namespace newsdex {

// A query that matches every document, with internals of its own. Never copy
// Xapian::Query::MatchAll instead: it is one static object whose reference count is not
// atomic, so copies made on two server workers at once corrupt it and free it under a
// running search (issue 30: empty-query searches on several workers crashed the server in
// Query::get_type()). scripts/lint.sh refuses the name.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

// A deep copy of `q` that shares nothing with it. Copies of a Xapian::Query share
// reference-counted internals that are not thread-safe, so a query used on another thread
// must be copied this way, on the thread that owns `q`, before the other thread starts.
inline Xapian::Query copy_for_another_thread(const Xapian::Query& q) {
  return Xapian::Query::unserialise(q.serialise());
}

}  // namespace newsdex
