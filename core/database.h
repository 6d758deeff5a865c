// Opening Newsdex databases: the checks and error messages shared by every subcommand.
#pragma once

#include <xapian.h>

#include <string>

namespace newsdex {

// $NEWSDEX_DB, else "./newsdex-db".
std::string default_database_path();

// Opens an existing Newsdex database for reading.
// Throws DatabaseError when `path` does not exist, is not a Xapian database, or was not
// written by Newsdex.
Xapian::Database open_database_for_reading(const std::string& path);

// Opens a Newsdex database for writing, creating it (and its directory) when absent.
// Throws DatabaseError when `path` holds something that is not a Newsdex database, or when
// another writer holds the lock.
Xapian::WritableDatabase open_database_for_writing(const std::string& path);

}  // namespace newsdex
