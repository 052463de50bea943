// The command line's side of notifications: `gongkai notify send | reminders | staff-email`.
// Each takes the opened, migrated database and returns the exit code.
#pragma once

#include <string>

#include "platform/db/db.h"

namespace gk::app {

// Delivers every queued message now (backoff waits ignored) and prints the counts.
int cmd_notify_send(db::Db& db);
// Runs the deadline-reminder job once as of `today` (YYYY-MM-DD; "" = today in China).
int cmd_notify_reminders(db::Db& db, const std::string& today);
// Sets the reminder address of a user ("" clears it).
int cmd_notify_staff_email(db::Db& db, const std::string& username, const std::string& email);

}  // namespace gk::app
