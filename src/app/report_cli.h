// `gongkai report --db PATH --agency ID --year YYYY [--scope self|subtree]
//                 --format json|xlsx|pdf|html --out FILE`
// The annual report of an agency generated from the records (with the texts stored for it) written as
// a file (reports/report_export.h). Errors in English on standard error; exit code 0 on success,
// 1 when the report cannot be produced (unknown agency, a year without a report format, a render or
// write failure), 2 on bad arguments.
#pragma once

#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace gk::app {

struct ReportCommand {
  CLI::App* cmd = nullptr;
  std::string db_path;
  int64_t agency_id = 0;
  int year = 0;
  std::string scope = "self";
  std::string format;
  std::string out;
};

// Registers the `report` subcommand on `cli`, binding its arguments to `c` (which must outlive parsing).
void add_report_command(CLI::App& cli, ReportCommand& c);

// Runs it; returns the exit code.
int run_report_command(const ReportCommand& c);

}  // namespace gk::app
