// `gongkai check FILE|DIR... [--json] [--previous FILE]`: the report checker (src/checker) on the
// command line. Directories are walked recursively (files ending .html .htm .txt .pdf, sorted). With
// --json one JSON line per report (checker::to_json plus "file"); otherwise a readable report per file.
// With several files a summary follows (zero applications, missing tables, score distribution; with
// --json it is one last JSON line {"summary": …}). Exit code 0 when it ran (findings are output, not
// failures), 1 when a file could not be read or checked, 2 on bad arguments.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gk::app {

struct CheckCommand {
  CLI::App* cmd = nullptr;
  std::vector<std::string> paths;
  bool json = false;
  std::string previous;
};

// Registers the `check` subcommand on `cli`, binding its arguments to `c` (which must outlive parsing).
void add_check_command(CLI::App& cli, CheckCommand& c);

// Runs it; returns the exit code.
int run_check_command(const CheckCommand& c);

}  // namespace gk::app
