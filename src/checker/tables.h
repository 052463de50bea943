// Reading the tables 二、三、四 of a report into TableValues with the labels of a format (format.h).
// Internal to src/checker; exposed for the unit tests.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/checker.h"
#include "checker/input.h"

namespace gk::checker {

struct ParsedTables {
  reports::TableValues values;
  std::map<std::string, TableStatus> status;  // by table key, for every table of the format
  std::map<std::string, int> rows_seen;       // "table3.r1" → 1 for every row read
  std::vector<Finding> findings;              // incomplete rows, unreadable cells, rows missing
  std::vector<bool> table_lines;              // per line: used as a table row
  std::set<std::string> incomplete;           // tables found with data rows missing
};

// Reads every row of `lines` whose label names a data row of `format` (exact label after
// normalize_label, or the label ending with it, so "（三）不予公开 1.属于国家秘密" finds r3_1), and
// 表四's label-less row of 15 numbers. The first occurrence of a row wins. Blank cells and dashes
// are left absent and counted as blank.
ParsedTables parse_tables(const reports::Format& format, const std::vector<Line>& lines);

// How many labels of the tables found in `lines` belong only to the 2019 format and only to the
// 2021 format (label evidence for the era).
std::pair<int, int> format_label_hits(const std::vector<Line>& lines);

}  // namespace gk::checker
