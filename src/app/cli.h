// The `gongkai` command line: init, serve, migrate, user, agency, token, calendar, search, notify, backup, restore.
#pragma once

namespace gk::app {

// Parses the arguments and runs the command; returns the process exit code (0 on success,
// 1 on a failed operation, 2 on bad arguments).
int run_cli(int argc, char** argv);

}  // namespace gk::app
