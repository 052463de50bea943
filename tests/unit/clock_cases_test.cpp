// The statutory clock against the case table tests/clock/cases.txt: every row is read, evaluated
// and compared on the keys it states. A failure names the row.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "clock/clock.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::testing {
namespace {

struct Row {
  int line = 0;
  std::string name, today, settings, events;
  std::vector<std::pair<std::string, std::string>> expected;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) out.push_back(text::trim(part));
  return out;
}

std::vector<Row> read_rows(const std::string& path) {
  std::ifstream in(path);
  std::vector<Row> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (text::trim(line).empty() || text::trim(line)[0] == '#') continue;
    auto cols = split(line, '|');
    if (cols.size() != 5) {
      ADD_FAILURE() << path << ":" << n << ": expected 5 columns separated by |, got " << cols.size();
      continue;
    }
    Row r{n, cols[0], cols[1], cols[2], cols[3], {}};
    for (const auto& kv : split(cols[4], ' ')) {
      if (kv.empty()) continue;
      const auto eq = kv.find('=');
      if (eq == std::string::npos) {
        ADD_FAILURE() << path << ":" << n << ": expected key=value, got " << kv;
        continue;
      }
      r.expected.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

clock::Settings settings_of(const Row& r) {
  clock::Settings s;
  if (r.settings == "-") return s;
  for (const auto& kv : split(r.settings, ' ')) {
    if (kv == "start=same") s.start_rule = calendar::StartRule::kSameDay;
    else if (kv == "fee=count") s.fee_wait_pauses = false;
    else if (kv.starts_with("soon=")) s.due_soon_workdays = std::stoi(kv.substr(5));
    else ADD_FAILURE() << "line " << r.line << ": unknown setting " << kv;
  }
  return s;
}

std::string date_or_none(const std::optional<calendar::Date>& d) { return d ? format_date(*d) : "none"; }

// Checks one row; returns the mismatches.
std::vector<std::string> check(const Row& r) {
  std::vector<std::string> bad;
  auto today = parse_date(r.today);
  if (!today) return {"bad today " + r.today};
  auto events = clock::parse_events(r.events);
  Result<clock::Reading> reading = events ? clock::evaluate(*calendar::current(), *events, *today, settings_of(r))
                                          : Result<clock::Reading>(events.error());
  for (const auto& [key, want] : r.expected) {
    if (key == "error") {
      if (reading) bad.push_back("expected error " + want + ", got a reading");
      else if (reading.error().code != want) bad.push_back("error " + reading.error().code + " (" + reading.error().message + "), expected " + want);
      continue;
    }
    if (!reading) {
      bad.push_back("unexpected error: " + reading.error().message);
      break;
    }
    const clock::Reading& x = *reading;
    std::string got;
    if (key == "due") got = date_or_none(x.due);
    else if (key == "phase") got = clock::phase_name(x.phase);
    else if (key == "urgency") got = clock::urgency_name(x.urgency);
    else if (key == "left") got = std::to_string(x.workdays_left);
    else if (key == "closed") got = date_or_none(x.closed_on);
    else if (key == "on_time") got = x.replied_on_time ? "yes" : "no";
    else if (key == "provisional") got = x.due_provisional ? "yes" : "no";
    else if (key == "warnings") got = std::to_string(x.warnings.size());
    else if (key.starts_with("limit.")) {
      got = "(none)";
      for (const auto& l : x.limits) {
        if (l.key == key.substr(6) && (got == "(none)" || format_date(l.due) == want)) got = format_date(l.due);
      }
    } else {
      bad.push_back("unknown key " + key);
      continue;
    }
    if (got != want) bad.push_back(key + "=" + got + ", expected " + want);
  }
  return bad;
}

TEST(ClockCases, EveryRowOfTheCaseTableHolds) {
  const char* root = std::getenv("GK_SOURCE_DIR");
  if (!root) GTEST_SKIP() << "GK_SOURCE_DIR not set (run through ctest)";
  const auto rows = read_rows(std::string(root) + "/tests/clock/cases.txt");
  ASSERT_GE(rows.size(), 150u) << "the clock case table should hold at least 150 cases";
  std::map<std::string, int> names;
  int failed = 0;
  for (const Row& r : rows) {
    if (++names[r.name] > 1) ADD_FAILURE() << "line " << r.line << ": duplicate case name " << r.name;
    EXPECT_FALSE(r.expected.empty()) << "line " << r.line << ": no expectations";
    for (const auto& msg : check(r)) {
      ADD_FAILURE() << "tests/clock/cases.txt:" << r.line << " [" << r.name << "] " << msg;
      ++failed;
    }
  }
  std::cout << "[ clock    ] " << rows.size() << " cases, " << failed << " mismatches\n";
}

}  // namespace
}  // namespace gk::testing
