// See report_cli.h.
#include "app/report_cli.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "platform/db/migrations.h"
#include "reports/report_export.h"

namespace gk::app {

namespace fs = std::filesystem;

void add_report_command(CLI::App& cli, ReportCommand& c) {
  c.cmd = cli.add_subcommand("report", "write an agency's annual report (年度报告) generated from the records");
  c.cmd->add_option("--db", c.db_path, "database file")->required();
  c.cmd->add_option("--agency", c.agency_id, "agency id")->required();
  c.cmd->add_option("--year", c.year, "report year (2019 or later)")->required();
  c.cmd->add_option("--scope", c.scope, "self (the agency alone) or subtree (with every unit under it)")
      ->check(CLI::IsMember({"self", "subtree"}));
  c.cmd->add_option("--format", c.format, "json, xlsx, pdf or html")
      ->required()
      ->check(CLI::IsMember({"json", "xlsx", "pdf", "html"}));
  c.cmd->add_option("--out", c.out, "output file ('-' for standard output)")->required();
}

int run_report_command(const ReportCommand& c) {
  const auto format = reports::parse_export_format(c.format);
  if (!format) {
    std::cerr << "error: unknown format " << c.format << " (json, xlsx, pdf or html)\n";
    return 2;
  }
  if (!fs::exists(c.db_path)) {
    std::cerr << "error: database " << c.db_path << " does not exist\n";
    return 1;
  }
  auto database = db::Database::open_sqlite(c.db_path);
  if (database->conn().scalar_int("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'") == 0) {
    std::cerr << "error: " << c.db_path << " is not a gongkai database\n";
    return 1;
  }
  db::migrate(database->conn());
  const bool subtree = c.scope == "subtree";
  auto doc = reports::current_document(database->conn(), c.agency_id, c.year, subtree);
  if (!doc) {
    const Error& e = doc.error();
    if (e.kind == Error::Kind::kNotFound) {
      std::cerr << "error: no agency with id " << c.agency_id << "\n";
    } else if (e.code == "no_format") {
      std::cerr << "error: there is no annual report format for " << c.year
                << " (the national format applies from the 2019 reports on)\n";
    } else {
      std::cerr << "error: cannot generate the report (" << e.code << ")\n";
    }
    return 1;
  }
  auto file = reports::export_document(*doc, *format);
  if (!file) {
    std::cerr << "error: cannot render the report as " << c.format << " (" << file.error().code << ")\n";
    return 1;
  }
  if (c.out == "-") {
    std::cout.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
    std::cout.flush();
    return std::cout ? 0 : 1;
  }
  std::ofstream out(c.out, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "error: cannot open " << c.out << " for writing\n";
    return 1;
  }
  out.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
  out.close();
  if (!out) {
    std::cerr << "error: cannot write " << c.out << "\n";
    return 1;
  }
  std::cerr << "wrote " << c.out << " (" << file->bytes.size() << " bytes, " << c.format << ")\n";
  return 0;
}

}  // namespace gk::app
