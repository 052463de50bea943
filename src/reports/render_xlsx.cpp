// See render_xlsx.h.
#include "reports/render_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "reports/document_html.h"
#include "reports/layout_grid.h"

namespace gk::reports {
namespace {

constexpr uint8_t kPaperA4 = 9;
constexpr const char* kFont = "宋体";

// Display width of `s` in Excel character units: a Han character is two, ASCII one.
double text_width(std::string_view s) {
  double w = 0;
  for (unsigned char c : s) {
    if (c < 0x80) {
      w += 1;
    } else if ((c & 0xC0) != 0xC0 && (c & 0xC0) == 0x80) {
      continue;  // continuation byte
    } else {
      w += 2;
    }
  }
  return w;
}

// Removes the temporary file when it goes out of scope.
struct TempFile {
  std::string path;
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/gongkai-report-XXXXXX.xlsx";
    const int fd = mkstemps(tmpl.data(), 5);
    if (fd >= 0) {
      close(fd);
      path = tmpl;
    }
  }
  ~TempFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

struct Formats {
  lxw_format* title = nullptr;    // sheet caption
  lxw_format* header = nullptr;   // column labels, captions, 表二 item titles
  lxw_format* label = nullptr;    // row labels
  lxw_format* count = nullptr;    // counts
  lxw_format* amount = nullptr;   // amounts
  lxw_format* heading = nullptr;  // section headings on 正文
  lxw_format* text = nullptr;     // paragraphs on 正文
};

lxw_format* bordered(lxw_workbook* wb, bool wrap) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, kFont);
  format_set_font_size(f, 10.5);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (wrap) format_set_text_wrap(f);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_font_name(f.title, kFont);
  format_set_font_size(f.title, 14);
  format_set_bold(f.title);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.header = bordered(wb, true);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_bold(f.header);
  f.label = bordered(wb, true);
  format_set_align(f.label, LXW_ALIGN_LEFT);
  f.count = bordered(wb, false);
  format_set_align(f.count, LXW_ALIGN_CENTER);
  format_set_num_format(f.count, "0");
  f.amount = bordered(wb, false);
  format_set_align(f.amount, LXW_ALIGN_CENTER);
  format_set_num_format(f.amount, "0.00####");
  f.heading = workbook_add_format(wb);
  format_set_font_name(f.heading, kFont);
  format_set_font_size(f.heading, 12);
  format_set_bold(f.heading);
  f.text = workbook_add_format(wb);
  format_set_font_name(f.text, kFont);
  format_set_font_size(f.text, 10.5);
  format_set_text_wrap(f.text);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

void print_setup(lxw_worksheet* ws, bool landscape) {
  worksheet_set_paper(ws, kPaperA4);
  if (landscape) worksheet_set_landscape(ws);
  worksheet_set_margins(ws, 0.6, 0.6, 0.8, 0.8);
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, 0);  // one page wide, as many tall as needed
}

void table_sheet(lxw_workbook* wb, const Formats& fm, const Format& f, const Table& t, const TableValues& values) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
  const std::vector<GridCell> grid = place_layout(t);
  const int width = t.layout.width;
  const auto height = static_cast<int>(t.layout.rows.size());

  // Column widths: a value column fits its numbers and four-character headers (longer ones wrap);
  // a label column its longest unmerged label, up to 30 units (longer labels wrap).
  std::vector<double> widths(static_cast<size_t>(width), 8);
  for (const GridCell& g : grid) {
    if (g.cols != 1) continue;
    double w = g.is_value() ? 9 : std::min(30.0, text_width(g.cell->text) + 2);
    if (!g.is_value() && g.rows > 3) w = std::min(w, 10.0);  // a tall group label wraps narrowly
    if (!g.is_value() && g.head) w = std::min(w, 9.0);        // head labels wrap over their values
    widths[static_cast<size_t>(g.col)] = std::max(widths[static_cast<size_t>(g.col)], w);
  }
  for (int c = 0; c < width; ++c) worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[static_cast<size_t>(c)], nullptr);

  // Row heights: enough lines for the wrapped labels of one-row cells (Excel does not grow rows
  // for wrapped text in merged cells).
  std::vector<int> lines(static_cast<size_t>(height), 1);
  for (const GridCell& g : grid) {
    if (g.rows != 1 || g.is_value()) continue;
    double w = 0;
    for (int c = g.col; c < g.col + g.cols; ++c) w += widths[static_cast<size_t>(c)];
    const int n = static_cast<int>(text_width(g.cell->text) / std::max(1.0, w - 1)) + 1;
    lines[static_cast<size_t>(g.row)] = std::max(lines[static_cast<size_t>(g.row)], n);
  }
  for (int r = 0; r < height; ++r) {
    worksheet_set_row(ws, static_cast<lxw_row_t>(r + kXlsxFirstRow), 14.0 * lines[static_cast<size_t>(r)] + 6, nullptr);
  }

  const std::string caption = table_caption(f, t);
  worksheet_set_row(ws, 0, 24, nullptr);
  if (width > 1) {
    worksheet_merge_range(ws, 0, 0, 0, static_cast<lxw_col_t>(width - 1), caption.c_str(), fm.title);
  } else {
    worksheet_write_string(ws, 0, 0, caption.c_str(), fm.title);
  }

  for (const GridCell& g : grid) {
    const auto r0 = static_cast<lxw_row_t>(g.row + kXlsxFirstRow);
    const auto c0 = static_cast<lxw_col_t>(g.col);
    const auto r1 = static_cast<lxw_row_t>(g.row + g.rows - 1 + kXlsxFirstRow);
    const auto c1 = static_cast<lxw_col_t>(g.col + g.cols - 1);
    lxw_format* format = fm.header;
    if (g.cell->kind == LayoutCell::Kind::kRow && !g.head) format = fm.label;
    std::optional<int64_t> value;
    if (g.is_value()) {
      auto cell = f.resolve(g.cell->key);
      format = cell && cell->column->kind == ValueKind::kAmount ? fm.amount : fm.count;
      value = values.get(g.cell->key);
    }
    const std::string text = g.is_value() ? "" : g.cell->text;
    if (g.rows > 1 || g.cols > 1) {
      worksheet_merge_range(ws, r0, c0, r1, c1, text.c_str(), format);
    } else if (!g.is_value()) {
      worksheet_write_string(ws, r0, c0, text.c_str(), format);
    } else if (!value) {
      worksheet_write_blank(ws, r0, c0, format);
    }
    if (value) {
      const bool amount = format == fm.amount;
      const double number = amount ? static_cast<double>(*value) / kAmountScale : static_cast<double>(*value);
      worksheet_write_number(ws, r0, c0, number, format);
    }
  }
  if (t.layout.header_rows > 0) {
    worksheet_repeat_rows(ws, kXlsxFirstRow, static_cast<lxw_row_t>(kXlsxFirstRow + t.layout.header_rows - 1));
  }
  print_setup(ws, width > 10);
}

// Rows of paragraphs: one sheet row per paragraph, its height from its length.
lxw_row_t write_paragraphs(lxw_worksheet* ws, const Formats& fm, lxw_row_t row, std::string_view text, double width) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string para(text.substr(start, end - start));
    if (!para.empty()) {
      const int n = static_cast<int>(text_width(para) / (width - 2)) + 1;
      worksheet_set_row(ws, row, 15.0 * n + 2, nullptr);
      worksheet_write_string(ws, row++, 0, para.c_str(), fm.text);
    }
    start = end + 1;
  }
  return row;
}

void text_sheet(lxw_workbook* wb, const Formats& fm, const ReportDocument& doc) {
  const Format& f = *doc.format;
  lxw_worksheet* ws = workbook_add_worksheet(wb, "正文");
  constexpr double kWidth = 90;
  worksheet_set_column(ws, 0, 0, kWidth, nullptr);
  lxw_row_t row = 0;
  worksheet_set_row(ws, row, 24, nullptr);
  worksheet_write_string(ws, row++, 0, report_title(doc).c_str(), fm.title);
  if (!doc.correction_note.empty()) {
    worksheet_write_string(ws, row++, 0, "更正说明", fm.heading);
    row = write_paragraphs(ws, fm, row, doc.correction_note, kWidth);
  }
  for (const Section& s : f.sections) {
    ++row;
    worksheet_write_string(ws, row++, 0, s.title.c_str(), fm.heading);
    std::vector<const TextPart*> parts;
    if (s.key == "overview") {
      for (const TextPart& p : doc.overview) parts.push_back(&p);
    } else if (s.key == "problems") {
      parts.push_back(&doc.problems);
    } else if (s.key == "other") {
      row = write_paragraphs(ws, fm, row, fee_sentence(doc.fees), kWidth);
      parts.push_back(&doc.other);
    } else {
      for (const Table& t : f.tables) {
        if (t.section == s.key) row = write_paragraphs(ws, fm, row, "见工作表“" + t.name + "”。", kWidth);
      }
    }
    for (const TextPart* p : parts) {
      if (!p->title.empty() && p->title != s.title) worksheet_write_string(ws, row++, 0, p->title.c_str(), fm.heading);
      row = write_paragraphs(ws, fm, row, p->text, kWidth);
    }
  }
  print_setup(ws, false);
}

// The key figures of the breakdown: 表三 and 表四 totals, by their full labels.
std::vector<std::string> breakdown_refs(const Format& f) {
  std::vector<std::string> out;
  for (const char* ref : {"table3.new.total", "table3.carried_over.total", "table3.r7.total", "table3.carry_forward.total",
                          "table4.review.total", "table4.suit_direct.total", "table4.suit_after_review.total"}) {
    if (f.resolve(ref)) out.emplace_back(ref);
  }
  return out;
}

void breakdown_sheet(lxw_workbook* wb, const Formats& fm, const ReportDocument& doc) {
  const Format& f = *doc.format;
  lxw_worksheet* ws = workbook_add_worksheet(wb, "分单位情况");
  const std::vector<std::string> refs = breakdown_refs(f);
  const auto columns = static_cast<lxw_col_t>(refs.size() + 3);
  worksheet_set_row(ws, 0, 24, nullptr);
  const std::string title = doc.agency_name + std::to_string(doc.year) + "年 分单位情况";
  worksheet_merge_range(ws, 0, 0, 0, columns - 1, title.c_str(), fm.title);
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, columns - 1, 14, nullptr);
  worksheet_set_row(ws, 2, 72, nullptr);
  worksheet_write_string(ws, 2, 0, "单位", fm.header);
  lxw_col_t c = 1;
  for (const std::string& ref : refs) worksheet_write_string(ws, 2, c++, f.cell_label(ref).c_str(), fm.header);
  worksheet_write_string(ws, 2, c++, "信息处理费 收费通知（件）", fm.header);
  worksheet_write_string(ws, 2, c++, "信息处理费 实际收取（元）", fm.header);
  lxw_row_t row = 3;
  for (const DocumentUnit& u : doc.units) {
    const std::string name = std::string(static_cast<size_t>(std::max(0, u.depth)) * 2, ' ') + u.agency_name;
    worksheet_write_string(ws, row, 0, name.c_str(), fm.label);
    c = 1;
    for (const std::string& ref : refs) {
      if (auto v = u.values.get(ref)) {
        worksheet_write_number(ws, row, c, static_cast<double>(*v), fm.count);
      } else {
        worksheet_write_blank(ws, row, c, fm.count);
      }
      ++c;
    }
    worksheet_write_number(ws, row, c++, static_cast<double>(u.fees.notices), fm.count);
    worksheet_write_number(ws, row, c++, static_cast<double>(u.fees.collected_fen) / 100.0, fm.amount);
    ++row;
  }
  worksheet_repeat_rows(ws, 2, 2);
  print_setup(ws, true);
}

}  // namespace

std::string table_caption(const Format& f, const Table& t) {
  std::string title;
  if (const Section* s = f.section(t.section)) {
    title = s->title;
    if (auto pos = title.find("、"); pos != std::string::npos) title = title.substr(pos + std::string("、").size());
  }
  return title.empty() ? t.name : t.name + " " + title;
}

Result<std::string> render_xlsx(const ReportDocument& doc) {
  if (!doc.format) return Error::invalid("xlsx_failed", "年度报告缺少格式，无法生成 Excel 文件。");
  TempFile tmp;
  if (tmp.path.empty()) return Error::invalid("xlsx_failed", "无法创建临时文件，Excel 文件生成失败。");
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (!wb) return Error::invalid("xlsx_failed", "Excel 文件生成失败。");
  const std::string title = report_title(doc);
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.author = const_cast<char*>(doc.agency_name.c_str());
  char creator[] = "gongkai";
  props.comments = creator;
  workbook_set_properties(wb, &props);

  const Formats fm = make_formats(wb);
  for (const Table& t : doc.format->tables) table_sheet(wb, fm, *doc.format, t, doc.values);
  text_sheet(wb, fm, doc);
  if (doc.subtree && !doc.units.empty()) breakdown_sheet(wb, fm, doc);
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    return Error::invalid("xlsx_failed", std::string("Excel 文件生成失败（") + lxw_strerror(e) + "）。");
  }
  std::ifstream in(tmp.path, std::ios::binary);
  if (!in) return Error::invalid("xlsx_failed", "Excel 文件生成失败（无法读取临时文件）。");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace gk::reports
