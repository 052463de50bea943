// The demo dataset of `gongkai init --demo`: a fictional county government with departments and
// townships, a user for every role, and about 300 catalog items over 2019–2026.
#pragma once

#include <string>
#include <vector>

#include "platform/db/db.h"

namespace gk::app {

struct DemoAccount {
  std::string username;
  std::string password;
  std::string roles;   // Chinese labels
  std::string agency;
};

// Fills an empty, migrated database. Returns the accounts created (passwords in clear, printed once).
std::vector<DemoAccount> load_demo(db::Db& db);

}  // namespace gk::app
