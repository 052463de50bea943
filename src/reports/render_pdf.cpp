// See render_pdf.h.
#include "reports/render_pdf.h"

#include <algorithm>

#include "reports/document_html.h"
#include "reports/layout_grid.h"

namespace gk::reports {
namespace {

using K = render::LetterBlock::Kind;
constexpr double kTableFontSize = 10.5;  // 五号

int text_chars(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Relative column widths: a column holding numbers gets 1; a label column gets room for its
// longest one-column label (up to 4), tall merged group labels wrap in a narrow column.
std::vector<double> column_weights(const Table& t, const std::vector<GridCell>& grid) {
  std::vector<double> w(static_cast<size_t>(t.layout.width), 0);
  std::vector<bool> values(w.size(), false);
  for (const GridCell& g : grid) {
    if (g.cols != 1) continue;
    const auto c = static_cast<size_t>(g.col);
    if (g.is_value()) {
      values[c] = true;
    } else if (!g.head && g.rows <= 3) {
      w[c] = std::max(w[c], std::clamp(text_chars(g.cell->text) / 6.0, 1.0, 4.0));
    }
  }
  for (size_t c = 0; c < w.size(); ++c) {
    if (values[c]) w[c] = std::max(w[c], 1.0);
    if (w[c] == 0) w[c] = 1;
  }
  return w;
}

render::TableGrid table_grid(const Format& f, const Table& t, const TableValues& values) {
  const std::vector<GridCell> cells = place_layout(t);
  render::TableGrid grid;
  grid.columns = t.layout.width;
  grid.rows = static_cast<int>(t.layout.rows.size());
  grid.header_rows = t.layout.header_rows;
  grid.widths = column_weights(t, cells);
  grid.font_size = kTableFontSize;
  for (const GridCell& g : cells) {
    render::TableCell cell;
    cell.text = grid_cell_text(f, g, values);
    cell.row = g.row;
    cell.col = g.col;
    cell.rowspan = g.rows;
    cell.colspan = g.cols;
    const bool row_label = g.cell->kind == LayoutCell::Kind::kRow && !g.head;
    cell.bold = !g.is_value() && !row_label;
    cell.align = row_label ? render::TableCell::Align::kLeft : render::TableCell::Align::kCenter;
    grid.cells.push_back(std::move(cell));
  }
  return grid;
}

void add_text(render::LetterDoc& out, std::string_view text) {
  if (text.find_first_not_of(" \n\r\t") == std::string_view::npos) return;
  out.blocks.push_back({K::kParagraph, std::string(text), {}});
}

// "2026-01-20" → "2026年1月20日"; other text unchanged.
std::string chinese_date(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  try {
    return iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
           std::to_string(std::stoi(iso.substr(8, 2))) + "日";
  } catch (...) {
    return iso;
  }
}

}  // namespace

render::LetterDoc report_letter_doc(const ReportDocument& doc) {
  render::LetterDoc out;
  out.title = report_title(doc);
  out.author = doc.agency_name;
  out.footer = out.title;
  out.blocks.push_back({K::kTitle, out.title, {}});
  if (doc.edition > 1 && !doc.correction_note.empty()) {
    out.blocks.push_back({K::kHeading, "更正说明", {}});
    add_text(out, doc.correction_note);
  }
  if (!doc.format) return out;
  const Format& f = *doc.format;
  for (const Section& s : f.sections) {
    out.blocks.push_back({K::kHeading, s.title, {}});
    auto part = [&](const TextPart& p) {
      if (!p.title.empty() && p.title != s.title) out.blocks.push_back({K::kHeading, p.title, {}});
      add_text(out, p.text);
    };
    if (s.key == "overview") {
      for (const TextPart& p : doc.overview) part(p);
    } else if (s.key == "problems") {
      part(doc.problems);
    } else if (s.key == "other") {
      add_text(out, fee_sentence(doc.fees));
      part(doc.other);
    } else {
      for (const Table& t : f.tables) {
        if (t.section != s.key) continue;
        render::LetterBlock b{K::kGrid, "", {}};
        b.grid = table_grid(f, t, doc.values);
        out.blocks.push_back(std::move(b));
      }
    }
  }
  out.blocks.push_back({K::kSignature, doc.agency_name, {}});
  if (!doc.published_at.empty()) out.blocks.push_back({K::kDate, chinese_date(doc.published_at), {}});
  return out;
}

Result<std::string> render_report_pdf(const ReportDocument& doc) { return render::render_letter_pdf(report_letter_doc(doc)); }

}  // namespace gk::reports
