// See render_html.h.
#include "reports/render_html.h"

#include <algorithm>
#include <vector>

#include "platform/http/request.h"
#include "platform/text/html_sanitizer.h"

namespace gk::reports {
namespace {

// A layout cell with its place on the grid.
struct Placed {
  const LayoutCell* cell = nullptr;
  size_t row = 0, col = 0, rows = 1, cols = 1;
  std::string id;  // for header cells
  bool in_head = false;
  bool is_header() const { return cell->kind != LayoutCell::Kind::kValue; }
  // Header cells that name other cells; captions (表三's note, 表二's 信息内容) do not.
  bool names_cells() const { return is_header() && cell->kind != LayoutCell::Kind::kCaption; }
  bool overlaps_cols(const Placed& o) const { return col < o.col + o.cols && o.col < col + cols; }
  bool overlaps_rows(const Placed& o) const { return row < o.row + o.rows && o.row < row + rows; }
};

std::vector<std::vector<Placed>> place(const Table& t, const std::string& id_base) {
  const auto width = static_cast<size_t>(t.layout.width);
  std::vector<std::vector<bool>> taken(t.layout.rows.size(), std::vector<bool>(width, false));
  std::vector<std::vector<Placed>> out(t.layout.rows.size());
  int n = 0;
  for (size_t r = 0; r < t.layout.rows.size(); ++r) {
    size_t c = 0;
    for (const LayoutCell& cell : t.layout.rows[r]) {
      while (c < width && taken[r][c]) ++c;
      Placed p;
      p.cell = &cell;
      p.row = r;
      p.col = c;
      p.rows = static_cast<size_t>(cell.rowspan);
      p.cols = static_cast<size_t>(cell.colspan);
      p.in_head = static_cast<int>(r) < t.layout.header_rows;
      for (size_t i = r; i < r + p.rows && i < taken.size(); ++i) {
        for (size_t j = c; j < c + p.cols && j < width; ++j) taken[i][j] = true;
      }
      if (p.is_header()) p.id = id_base + "-h" + std::to_string(++n);
      out[r].push_back(std::move(p));
      c += static_cast<size_t>(cell.colspan);
    }
  }
  return out;
}

// The ids of the header cells a value cell belongs to: those beside it on the left (outermost
// first), then those above it in its columns (nearest last), stopping at a 表二 item title.
std::string headers_of(const Placed& v, const std::vector<std::vector<Placed>>& grid) {
  std::vector<const Placed*> left, above;
  for (const auto& row : grid) {
    for (const Placed& p : row) {
      if (!p.names_cells()) continue;
      if (p.overlaps_rows(v) && p.col + p.cols <= v.col) left.push_back(&p);
      if (p.overlaps_cols(v) && p.row + p.rows <= v.row) above.push_back(&p);
    }
  }
  std::sort(left.begin(), left.end(), [](const Placed* a, const Placed* b) { return a->col < b->col; });
  std::sort(above.begin(), above.end(), [](const Placed* a, const Placed* b) { return a->row > b->row; });
  std::vector<const Placed*> up;
  for (const Placed* p : above) {
    up.push_back(p);
    if (p->cell->kind == LayoutCell::Kind::kPart) break;
  }
  std::reverse(up.begin(), up.end());
  std::string out;
  for (const auto* list : {&left, &up}) {
    for (const Placed* p : *list) out += (out.empty() ? "" : " ") + p->id;
  }
  return out;
}

std::string span_attrs(const Placed& p) {
  std::string s;
  if (p.rows > 1) s += " rowspan=\"" + std::to_string(p.rows) + "\"";
  if (p.cols > 1) s += " colspan=\"" + std::to_string(p.cols) + "\"";
  return s;
}

std::string header_html(const Placed& p) {
  using K = LayoutCell::Kind;
  const std::string text = text::escape_html(p.cell->text);
  if (p.cell->kind == K::kCaption && p.in_head) {
    return "<td class=\"report-note\"" + span_attrs(p) + ">" + text + "</td>";
  }
  // In the head a label names the columns under it; in the body a 表二 item title names its row
  // group, a column label (and 信息内容) its column, and a row label its row(s).
  std::string scope = "row";
  if (p.in_head) {
    scope = p.cols > 1 ? "colgroup" : "col";
  } else if (p.cell->kind == K::kPart) {
    scope = "rowgroup";
  } else if (p.cell->kind == K::kColumn || p.cell->kind == K::kCaption) {
    scope = "col";
  }
  return "<th id=\"" + text::escape_html(p.id) + "\" scope=\"" + scope + "\"" + span_attrs(p) + ">" + text + "</th>";
}

std::string value_html(const Format& format, const Placed& p, const TableValues& values, const HtmlTableOptions& o,
                       const std::vector<std::vector<Placed>>& grid) {
  const std::string& ref = p.cell->key;
  std::string content;
  if (auto v = values.get(ref)) {
    auto cell = format.resolve(ref);
    const std::string shown = text::escape_html(cell ? format_value(*cell->column, *v) : std::to_string(*v));
    content = o.link_base.empty()
                  ? shown
                  : "<a href=\"" + text::escape_html(o.link_base + http::url_encode(ref)) + "\">" + shown + "</a>";
  }
  return "<td headers=\"" + text::escape_html(headers_of(p, grid)) + "\" data-ref=\"" + text::escape_html(ref) + "\"" +
         span_attrs(p) + ">" + content + "</td>";
}

std::string default_caption(const Format& format, const Table& t) {
  std::string title;
  if (const Section* s = format.section(t.section)) {
    title = s->title;
    const std::string_view mark = "、";
    if (auto at = title.find(mark); at != std::string::npos) title = title.substr(at + mark.size());
  }
  return t.name + (title.empty() ? "" : " " + title);
}

}  // namespace

std::string render_table_html(const Format& format, std::string_view table_key, const TableValues& values,
                              const HtmlTableOptions& options) {
  const Table* t = format.table(table_key);
  if (!t) return "";
  const auto grid = place(*t, options.id_prefix + t->key);
  std::string html = "<table class=\"" + text::escape_html(options.table_class) + "\" id=\"" +
                     text::escape_html(options.id_prefix + t->key) + "\">\n<caption>" +
                     text::escape_html(options.caption.empty() ? default_caption(format, *t) : options.caption) +
                     "</caption>\n";
  const auto head = static_cast<size_t>(t->layout.header_rows);
  bool body_open = false;
  for (size_t r = 0; r < grid.size(); ++r) {
    if (r == 0 && head > 0) html += "<thead>\n";
    if (r == head && head > 0) html += "</thead>\n";
    const bool starts_part = std::any_of(grid[r].begin(), grid[r].end(),
                                         [](const Placed& p) { return p.cell->kind == LayoutCell::Kind::kPart; });
    if (r >= head && (!body_open || (starts_part && r > head))) {
      if (body_open) html += "</tbody>\n";
      html += "<tbody>\n";
      body_open = true;
    }
    html += "<tr>";
    for (const Placed& p : grid[r]) {
      html += p.is_header() ? header_html(p) : value_html(format, p, values, options, grid);
    }
    html += "</tr>\n";
  }
  if (head > 0 && grid.size() == head) html += "</thead>\n";
  if (body_open) html += "</tbody>\n";
  html += "</table>\n";
  return html;
}

}  // namespace gk::reports
