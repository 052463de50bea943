// The report checker against its corpus (tests/checker/corpus): every report with an
// <name>.expected.json is checked, and era, year, agency, publication date, the sections missing,
// the tables found, every table cell, every prose figure and the set of finding codes must match.
// Prints the extraction accuracy (table cells and figures right / total) on a line starting
// "checker accuracy:" — also written to stdout so `make test` shows it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "checker/checker.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path corpus_dir() {
  const char* root = std::getenv("GK_SOURCE_DIR");
  return fs::path(root ? root : ".") / "tests" / "checker" / "corpus";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool same_number(const json& a, const json& b) {
  if (!a.is_number() || !b.is_number()) return false;
  return std::fabs(a.get<double>() - b.get<double>()) < 1e-9;
}

struct Tally {
  int right = 0;
  int total = 0;
};

}  // namespace

TEST(CheckerCorpus, EveryReportMatchesItsExpectation) {
  const fs::path dir = corpus_dir();
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  std::vector<fs::path> expectations;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.size() > 14 && n.substr(n.size() - 14) == ".expected.json") expectations.push_back(e.path());
  }
  std::sort(expectations.begin(), expectations.end());
  ASSERT_GE(expectations.size(), 25u) << "the corpus must hold at least 25 reports";

  Tally cells, figures;
  std::set<std::string> eras;
  for (const auto& exp_path : expectations) {
    const std::string name = exp_path.filename().string().substr(0, exp_path.filename().string().size() - 14);
    fs::path report;
    for (const char* ext : {".html", ".txt", ".pdf"})
      if (fs::exists(dir / (name + ext))) report = dir / (name + ext);
    ASSERT_FALSE(report.empty()) << "no report file for " << name;
    SCOPED_TRACE(name);
    const json exp = json::parse(slurp(exp_path));
    auto res = gk::checker::check_report(slurp(report));
    ASSERT_TRUE(res.ok()) << res.error().message;
    const json got = gk::checker::to_json(*res);
    eras.insert(exp.at("era").get<std::string>());

    EXPECT_EQ(got.at("era"), exp.at("era"));
    EXPECT_EQ(got.at("year"), exp.at("year"));
    EXPECT_EQ(got.at("agency"), exp.at("agency"));
    if (exp.contains("published")) {
      EXPECT_EQ(got.at("published"), exp.at("published"));
    }
    auto sorted = [](const json& a) {
      std::vector<std::string> v = a.get<std::vector<std::string>>();
      std::sort(v.begin(), v.end());
      return v;
    };
    EXPECT_EQ(sorted(got.at("sections_missing")), sorted(exp.at("sections_missing")));
    EXPECT_EQ(got.at("tables_found"), exp.at("tables_found"));

    // Table cells: each expected cell right, and no cell the report does not have.
    for (const auto& [ref, v] : exp.at("values").items()) {
      ++cells.total;
      const bool ok = got.at("values").contains(ref) && same_number(got.at("values").at(ref), v);
      cells.right += ok;
      EXPECT_TRUE(ok) << "cell " << ref << ": expected " << v << ", got "
                      << (got.at("values").contains(ref) ? got.at("values").at(ref).dump() : "nothing");
    }
    for (const auto& [ref, v] : got.at("values").items()) {
      if (exp.at("values").contains(ref)) continue;
      ++cells.total;  // an invented cell counts against accuracy
      ADD_FAILURE() << "cell " << ref << " read as " << v << " but the report has no such value";
    }

    // Prose figures, as a multiset of (kind, value).
    std::vector<std::pair<std::string, double>> want, have;
    for (const auto& f : exp.at("figures")) want.emplace_back(f.at("kind"), f.at("value").get<double>());
    for (const auto& f : got.at("figures")) have.emplace_back(f.at("kind"), f.at("value").get<double>());
    for (const auto& w : want) {
      ++figures.total;
      auto it = std::find(have.begin(), have.end(), w);
      if (it != have.end()) {
        ++figures.right;
        have.erase(it);
      } else {
        ADD_FAILURE() << "figure " << w.first << " = " << w.second << " not found";
      }
    }
    for (const auto& h : have) {
      ++figures.total;
      ADD_FAILURE() << "figure " << h.first << " = " << h.second << " read but not in the report";
    }

    std::set<std::string> codes;
    for (const auto& f : got.at("findings")) codes.insert(f.at("code").get<std::string>());
    EXPECT_EQ(codes, exp.at("finding_codes").get<std::set<std::string>>());
  }
  EXPECT_TRUE(eras.count("pre2019") && eras.count("2019") && eras.count("2021")) << "the corpus covers the three eras";

  const int right = cells.right + figures.right, total = cells.total + figures.total;
  std::ostringstream line;
  line.setf(std::ios::fixed);
  line.precision(1);
  line << "checker accuracy: " << right << "/" << total << " = " << (total ? 100.0 * right / total : 0.0) << "% ("
       << expectations.size() << " reports; table cells " << cells.right << "/" << cells.total << ", prose figures "
       << figures.right << "/" << figures.total << ")";
  std::cout << line.str() << std::endl;
  RecordProperty("checker_accuracy", line.str());
  EXPECT_GT(total, 1000) << "the corpus should exercise many cells";
}
