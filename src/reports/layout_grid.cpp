// See layout_grid.h.
#include "reports/layout_grid.h"

namespace gk::reports {

std::vector<GridCell> place_layout(const Table& t) {
  const auto width = static_cast<size_t>(t.layout.width);
  const size_t height = t.layout.rows.size();
  std::vector<std::vector<bool>> taken(height, std::vector<bool>(width, false));
  std::vector<GridCell> out;
  for (size_t r = 0; r < height; ++r) {
    size_t c = 0;
    for (const LayoutCell& cell : t.layout.rows[r]) {
      while (c < width && taken[r][c]) ++c;
      GridCell g;
      g.cell = &cell;
      g.row = static_cast<int>(r);
      g.col = static_cast<int>(c);
      g.rows = cell.rowspan;
      g.cols = cell.colspan;
      g.head = g.row < t.layout.header_rows;
      for (size_t i = r; i < r + static_cast<size_t>(cell.rowspan) && i < height; ++i) {
        for (size_t j = c; j < c + static_cast<size_t>(cell.colspan) && j < width; ++j) taken[i][j] = true;
      }
      out.push_back(g);
      c += static_cast<size_t>(cell.colspan);
    }
  }
  return out;
}

std::string grid_cell_text(const Format& format, const GridCell& g, const TableValues& values) {
  if (!g.is_value()) return g.cell->text;
  auto cell = format.resolve(g.cell->key);
  auto v = values.get(g.cell->key);
  if (!cell || !v) return "";
  return format_value(*cell->column, *v);
}

}  // namespace gk::reports
