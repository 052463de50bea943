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

// Applies every embedded migration the database has not recorded yet, in number order, each in its
// own transaction (one numbered below the newest applied too: parallel work can land out of order).
// Throws DbError if a migration fails (the database keeps the migrations applied before it).
MigrationStatus migrate(Db& db);

// The highest version known to this binary.
int latest_version();

}  // namespace gk::db
