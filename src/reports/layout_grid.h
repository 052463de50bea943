// The merged-cell layout of a report table (format.h Layout) placed on its grid: each cell with its
// row, column and spans, and the text it prints. Shared by the XLSX and PDF renderers.
#pragma once

#include <string>
#include <vector>

#include "reports/format.h"
#include "reports/table_values.h"

namespace gk::reports {

struct GridCell {
  const LayoutCell* cell = nullptr;
  int row = 0, col = 0, rows = 1, cols = 1;
  bool head = false;  // in the table head (the first layout.header_rows rows)
  bool is_value() const { return cell->kind == LayoutCell::Kind::kValue; }
};

// The cells of `table`'s layout with their places, row by row, left to right.
std::vector<GridCell> place_layout(const Table& table);

// What a cell prints: a label or caption verbatim, or the value through format_value ("" when the
// cell is absent from `values`).
std::string grid_cell_text(const Format& format, const GridCell& cell, const TableValues& values);

}  // namespace gk::reports
