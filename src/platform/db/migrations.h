// Numbered schema migrations, embedded in the binary and applied in order at start.
#pragma once

#include <string>
#include <vector>

#include "platform/db/db.h"

namespace gk::db {

struct MigrationStatus {
  int current_version = 0;
  std::vector<std::string> applied;  // names applied by this call
};

// Applies every embedded migration newer than the database's version, each in its own
// transaction. Throws DbError if a migration fails (the database keeps the last good version).
MigrationStatus migrate(Db& db);

// The highest version known to this binary.
int latest_version();

}  // namespace gk::db
