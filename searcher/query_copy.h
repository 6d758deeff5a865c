// Handing a Xapian::Query to another thread.
#pragma once

#include <xapian.h>

namespace newsdex {

// A deep copy of `q` that shares nothing with it. Copies of a Xapian::Query share
// reference-counted internals that are not thread-safe, so a query used on another thread
// must be copied this way, on the thread that owns `q`, before the other thread starts.
inline Xapian::Query copy_for_another_thread(const Xapian::Query& q) {
  return Xapian::Query::unserialise(q.serialise());
}

}  // namespace newsdex
