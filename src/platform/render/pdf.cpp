// Official letters as PDF (pango + cairo) and as printable HTML. See pdf.h for the look and threading.
//
// How a letter becomes pages: pango lays every block out into lines (a table into rows of cells), and
// the letter is flattened into a list of items, one per text line or table row, each with its height,
// the gap above it and whether a page may start with it. The widow/orphan and keep-with-next rules are
// all expressed in that last flag. A greedy paginator fills pages and, when an item does not fit, backs
// up to the last item a page may start with. Pages are drawn only once the page count is known, so that
// every page can say "第 x 页 共 y 页".
#include "platform/render/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <sodium.h>

#include <algorithm>
#include <climits>
#include <functional>
#include <limits>
#include <memory>
#include <string_view>
#include <utility>

#include "platform/text/html_sanitizer.h"
#include "platform/text/utf8.h"

// LeakSanitizer (the sanitizer build of `make test`): two leaks inside the libraries, not ours.
// cairo 1.16 loses 768 bytes per embedded font while subsetting it in cairo_surface_finish (about
// 1.5 KB a letter); fontconfig loses a few bytes of its parsed configuration once per process. The
// fast unwinder stops inside those libraries (built without frame pointers), so the suppressions have
// to name the libraries. Checked with this function removed, G_SLICE=always-malloc,
// ASAN_OPTIONS=fast_unwind_on_malloc=0 (exact stacks) and only "leak:cairo_surface_finish" and
// "leak:FcInitLoadConfigAndFonts" suppressed: nothing else leaks.
// Defined here, in the library, so that the server in the integration tests and the unit tests
// both get it; only sanitizer builds consult it.
#if defined(__SANITIZE_ADDRESS__)
extern "C" const char* __lsan_default_suppressions() {  // NOLINT(bugprone-reserved-identifier)
  return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
#endif

namespace gk::render {
namespace {

// ---- Page geometry, in points (1/72 in), as in the PDF ----
constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kPtPerMm;
constexpr double kPageHeight = 297 * kPtPerMm;
constexpr double kMarginTop = 37 * kPtPerMm;
constexpr double kMarginLeft = 28 * kPtPerMm;
constexpr double kMarginRight = 26 * kPtPerMm;
constexpr double kMarginBottom = 35 * kPtPerMm;
constexpr double kTextWidth = kPageWidth - kMarginLeft - kMarginRight;    // 156 mm
constexpr double kTextHeight = kPageHeight - kMarginTop - kMarginBottom;  // 225 mm
constexpr double kLinePitch = kTextHeight / 22;                           // GB/T 9704: 22 lines a page
constexpr double kPageNumberTop = kMarginTop + kTextHeight + 7 * kPtPerMm;
constexpr double kFooterTop = kPageHeight - 14 * kPtPerMm;
constexpr double kFit = 0.01;  // rounding slack, so that exactly 22 body lines fit a page

constexpr double kBodySize = 16;   // 三号
constexpr double kTitleSize = 22;  // 二号
constexpr double kTableSize = 12;  // 小四
constexpr double kPageNumberSize = 14;
constexpr double kFooterSize = 9;
constexpr double kEm = kBodySize;
constexpr double kCellPadding = 4;
constexpr double kGridPadding = 2.5;  // TableGrid cells: denser, the official tables are large
constexpr double kMinGridSize = 7;    // TableGrid: the smallest font it shrinks to
constexpr double kRuleWidth = 0.75;

// Family lists: pango tries them in order, then fontconfig's fallback for missing characters.
constexpr const char* kSerif = "Noto Serif CJK SC,Noto Sans CJK SC";  // 宋体 role
constexpr const char* kSans = "Noto Sans CJK SC,Noto Serif CJK SC";   // 黑体 role

// ---- Owners of C objects ----
struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectUnref>;
struct FontDescriptionFree {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
using FontDescription = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;
struct CairoDestroy {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

FontDescription font(const char* families, double size, bool bold) {
  FontDescription d(pango_font_description_new());
  pango_font_description_set_family(d.get(), families);
  pango_font_description_set_absolute_size(d.get(), size * PANGO_SCALE);  // user-space points
  if (bold) pango_font_description_set_weight(d.get(), PANGO_WEIGHT_BOLD);
  return d;
}

// The calling thread's pango state (pdf.h, "Thread safety"). Measured (-O2, two busy cores): a
// one-page letter takes 30-45 ms with this cached map and 45-80 ms with a map created per call. Most of
// the time is cairo reading each used CJK face (~15 MB of CFF) to subset it, so every extra face costs
// ~12 ms: the footer shares the body face, only headings use the sans face.
class ThreadFonts {
 public:
  ThreadFonts() : map_(pango_cairo_font_map_new()), context_(pango_font_map_create_context(map_.get())) {
    // PDF text is scalable: no hinting and unrounded glyph positions, so that line breaks do not
    // depend on a device grid.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(context_.get(), FALSE);
    // Han characters take their simplified-Chinese forms, and fallback prefers Chinese fonts.
    pango_context_set_language(context_.get(), pango_language_from_string("zh-cn"));

    FontDescription body = font(kSerif, kBodySize, false);
    GPtr<PangoFont> loaded(pango_context_load_font(context_.get(), body.get()));
    has_chinese_ = loaded && pango_font_has_char(loaded.get(), 0x4E2D);  // 中
  }

  PangoContext* context() const { return context_.get(); }
  bool has_chinese() const { return has_chinese_; }

 private:
  GPtr<PangoFontMap> map_;
  GPtr<PangoContext> context_;
  bool has_chinese_ = false;
};

ThreadFonts& thread_fonts() {
  thread_local ThreadFonts fonts;
  return fonts;
}

// ---- Text laid out by pango ----
struct TextStyle {
  const char* families = kSerif;
  double size = kBodySize;
  bool bold = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  double indent = 0;  // first line of each paragraph
  bool justify = false;
  double pitch = 0;  // minimum height of a line (the page grid); 0: the font's line height
};

struct Line {
  PangoLayoutLine* line;  // owned by the layout
  double x;               // line origin from the layout's left edge (alignment and indent included)
  double top;             // from the layout's top
  double height;
  double baseline;  // from the line's top
};

struct Text {
  GPtr<PangoLayout> layout;
  std::vector<Line> lines;
};

// Lays `s` out in a box `width` wide (width <= 0: no wrapping).
std::unique_ptr<Text> lay_out(std::string_view s, const TextStyle& style, double width) {
  auto text = std::make_unique<Text>();
  text->layout.reset(pango_layout_new(thread_fonts().context()));
  PangoLayout* layout = text->layout.get();
  FontDescription desc = font(style.families, style.size, style.bold);
  pango_layout_set_font_description(layout, desc.get());
  if (width > 0) {
    pango_layout_set_width(layout, pango_units_from_double(width));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout, style.align);
  pango_layout_set_indent(layout, pango_units_from_double(style.indent));
  pango_layout_set_justify(layout, style.justify);
  pango_layout_set_text(layout, s.data(), static_cast<int>(s.size()));  // plain text, never markup

  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
    PangoRectangle placed;
    PangoRectangle own;
    pango_layout_iter_get_line_extents(it, nullptr, &placed);
    pango_layout_line_get_extents(line, nullptr, &own);
    int y0 = 0;
    int y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    int baseline = pango_layout_iter_get_baseline(it);
    text->lines.push_back({line, pango_units_to_double(placed.x - own.x), pango_units_to_double(y0),
                           pango_units_to_double(y1 - y0), pango_units_to_double(baseline - y0)});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return text;
}

void show_line(cairo_t* cr, const Line& line, double left, double top) {
  cairo_move_to(cr, left + line.x, top + line.baseline);
  pango_cairo_show_layout_line(cr, line.line);
}

// Width of `s` on one line.
double natural_width(std::string_view s, const TextStyle& style) {
  int w = 0;
  int h = 0;
  pango_layout_get_size(lay_out(s, style, 0)->layout.get(), &w, &h);
  return pango_units_to_double(w);
}

// ---- The letter as items ----

// One line of text or one table row (part), placed by the paginator.
struct Item {
  double height = 0;
  double gap = 0;              // space above; dropped at the top of a page
  bool may_start_page = true;  // false: a page break just before this item is not allowed
  int table = -1;              // a continued table's header to repeat above it on a new page
  std::function<void(cairo_t*, double top)> draw;
};

// Block kinds' styles and rules.
struct BlockRule {
  TextStyle style;
  double inset_right = 0;
  double gap_before = 0;
  double gap_after = 0;
  bool keep_with_next = false;
  bool keep_with_previous = false;
  bool splittable = false;  // may break between its lines (keeping 2 on each side)
};

BlockRule rule_for(LetterBlock::Kind kind) {
  using K = LetterBlock::Kind;
  BlockRule r;
  r.style.pitch = kLinePitch;
  switch (kind) {
    case K::kTitle:
      r.style = {kSerif, kTitleSize, true, PANGO_ALIGN_CENTER, 0, false, 0};
      r.gap_after = kLinePitch / 2;
      r.keep_with_next = true;
      break;
    case K::kDocNumber:
      r.style.align = PANGO_ALIGN_CENTER;
      r.keep_with_next = true;
      r.gap_after = kLinePitch / 2;
      break;
    case K::kAddressee:
      r.keep_with_next = true;
      break;
    case K::kHeading:
      r.style.families = kSans;
      r.style.indent = 2 * kEm;
      r.keep_with_next = true;
      break;
    case K::kSignature:
      r.style.align = PANGO_ALIGN_RIGHT;
      r.inset_right = 2 * kEm;
      r.gap_before = 2 * kLinePitch;  // room for the seal
      r.keep_with_next = true;
      r.keep_with_previous = true;  // never a page of only the signature and date
      break;
    case K::kDate:
      r.style.align = PANGO_ALIGN_RIGHT;
      r.inset_right = 2 * kEm;
      break;
    case K::kParagraph:
    case K::kTable:  // not text: LetterLayout handles tables and spacers itself
    case K::kGrid:
    case K::kSpacer:
      r.style.indent = 2 * kEm;
      r.style.justify = true;
      r.splittable = true;
      break;
  }
  return r;
}

class LetterLayout {
 public:
  explicit LetterLayout(const LetterDoc& doc) {
    for (const LetterBlock& b : doc.blocks) {
      switch (b.kind) {
        case LetterBlock::Kind::kSpacer:
          pending_gap_ += kLinePitch;
          break;
        case LetterBlock::Kind::kTable:
          add_table(b.rows);
          break;
        case LetterBlock::Kind::kGrid:
          add_grid(b.grid);
          break;
        default:
          add_text(b.text, rule_for(b.kind));
          break;
      }
    }
  }

  const std::vector<Item>& items() const { return items_; }
  const std::vector<Item>& headers() const { return headers_; }

 private:
  void add_text(std::string_view s, const BlockRule& rule) {
    const Text* text = keep(lay_out(s, rule.style, kTextWidth - rule.inset_right));
    const size_t n = text->lines.size();
    for (size_t i = 0; i < n; ++i) {
      const Line& line = text->lines[i];
      Item item;
      item.height = std::max(rule.style.pitch, line.height);
      const double centring = (item.height - line.height) / 2;
      if (i == 0) {
        item.gap = pending_gap_ + rule.gap_before;
        item.may_start_page = !keep_next_ && !rule.keep_with_previous;
      } else {
        item.may_start_page = rule.splittable && i >= 2 && n - i >= 2;
      }
      item.draw = [&line, centring](cairo_t* cr, double top) { show_line(cr, line, kMarginLeft, top + centring); };
      items_.push_back(std::move(item));
    }
    pending_gap_ = rule.gap_after;
    keep_next_ = rule.keep_with_next;
  }

  // A table row cut to fit a page: for each cell, the half-open range of its lines.
  struct RowPart {
    std::vector<std::pair<size_t, size_t>> lines;
    double height = 0;
  };

  void add_table(const std::vector<std::vector<std::string>>& rows) {
    size_t columns = 0;
    for (const auto& row : rows) columns = std::max(columns, row.size());
    if (columns == 0) return;
    const std::vector<double> widths = column_widths(rows, columns);

    // Cells laid out; empty strings for the cells a short row lacks.
    std::vector<std::vector<const Text*>> cells;
    std::vector<double> heights;
    for (size_t r = 0; r < rows.size(); ++r) {
      TextStyle style{kSerif, kTableSize, r == 0, PANGO_ALIGN_LEFT, 0, false, 0};
      std::vector<const Text*> row;
      double height = 0;
      for (size_t c = 0; c < columns; ++c) {
        std::string_view s = c < rows[r].size() ? std::string_view(rows[r][c]) : std::string_view();
        const Text* text = keep(lay_out(s, style, widths[c] - 2 * kCellPadding));
        height = std::max(height, text->lines.back().top + text->lines.back().height);
        row.push_back(text);
      }
      cells.push_back(std::move(row));
      heights.push_back(height + 2 * kCellPadding);
    }

    // The header is repeated on continuation pages unless it would eat too much of them.
    const bool repeat_header = rows.size() > 1 && heights[0] <= kTextHeight / 4;
    int table = -1;
    if (repeat_header) {
      table = static_cast<int>(headers_.size());
      std::vector<size_t> from_start(columns, 0);
      headers_.push_back(row_item(cells[0], widths, part_of(cells[0], from_start, kTextHeight)));
    }

    for (size_t r = 0; r < rows.size(); ++r) {
      const double limit = repeat_header && r > 0 ? kTextHeight - headers_.back().height : kTextHeight;
      std::vector<size_t> next(columns, 0);
      for (size_t part = 0;; ++part) {
        Item item = row_item(cells[r], widths, part_of(cells[r], next, limit));
        if (part == 0) {
          item.gap = r == 0 ? pending_gap_ + kLinePitch / 2 : 0;
          item.may_start_page = r == 0 ? !keep_next_ : r >= 2;  // the header stays with the first row
        }
        if (r > 0) item.table = table;
        items_.push_back(std::move(item));
        bool done = true;
        for (size_t c = 0; c < columns; ++c) done = done && next[c] == cells[r][c]->lines.size();
        if (done) break;
      }
    }
    pending_gap_ = kLinePitch / 2;
    keep_next_ = false;
  }

  // Column widths filling the text width. When the natural (unwrapped) widths fit, each column gets
  // its natural width plus an equal share of what is left; otherwise narrow columns keep their natural
  // width and the wide ones share the rest equally (water-filling), so that a long cell does not
  // squeeze a short one into wrapping.
  static std::vector<double> column_widths(const std::vector<std::vector<std::string>>& rows, size_t columns) {
    std::vector<double> natural(columns, 2 * kCellPadding);
    for (size_t r = 0; r < rows.size(); ++r) {
      TextStyle style{kSerif, kTableSize, r == 0, PANGO_ALIGN_LEFT, 0, false, 0};
      for (size_t c = 0; c < rows[r].size(); ++c) {
        natural[c] = std::max(natural[c], natural_width(rows[r][c], style) + 2 * kCellPadding);
      }
    }
    double sum = 0;
    for (double w : natural) sum += w;
    std::vector<double> widths(columns);
    if (sum <= kTextWidth) {
      for (size_t c = 0; c < columns; ++c) widths[c] = natural[c] + (kTextWidth - sum) / static_cast<double>(columns);
      return widths;
    }
    std::vector<size_t> order(columns);
    for (size_t c = 0; c < columns; ++c) order[c] = c;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return natural[a] < natural[b]; });
    double remaining = kTextWidth;
    for (size_t k = 0; k < columns; ++k) {
      const size_t c = order[k];
      widths[c] = std::min(natural[c], remaining / static_cast<double>(columns - k));
      remaining -= widths[c];
    }
    return widths;
  }

  // The next part of a row, starting at line `next[c]` of each cell, at most `limit` high (but at
  // least one line of each unfinished cell); advances `next`.
  static RowPart part_of(const std::vector<const Text*>& cells, std::vector<size_t>& next, double limit) {
    RowPart part;
    double inner = 0;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::vector<Line>& lines = cells[c]->lines;
      size_t end = next[c];
      if (end < lines.size()) {
        const double base = lines[end].top;
        while (end < lines.size() &&
               (end == next[c] || lines[end].top + lines[end].height - base <= limit - 2 * kCellPadding + kFit)) {
          ++end;
        }
        inner = std::max(inner, lines[end - 1].top + lines[end - 1].height - base);
      }
      part.lines.emplace_back(next[c], end);
      next[c] = end;
    }
    part.height = inner + 2 * kCellPadding;
    return part;
  }

  static Item row_item(const std::vector<const Text*>& cells, const std::vector<double>& widths, RowPart part) {
    Item item;
    item.height = part.height;
    item.draw = [cells, widths, part = std::move(part)](cairo_t* cr, double top) {
      double left = kMarginLeft;
      cairo_set_line_width(cr, kRuleWidth);
      for (size_t c = 0; c < cells.size(); ++c) {
        cairo_rectangle(cr, left, top, widths[c], part.height);
        cairo_stroke(cr);
        const auto [first, end] = part.lines[c];
        for (size_t i = first; i < end; ++i) {
          const Line& line = cells[c]->lines[i];
          show_line(cr, line, left + kCellPadding, top + kCellPadding + line.top - cells[c]->lines[first].top);
        }
        left += widths[c];
      }
    };
    return item;
  }

  // A TableGrid (pdf.h): row heights fit every cell (a merged cell's extra height goes to its last
  // row), then the rows are cut into bands that no merged cell crosses; each band is one item. When
  // the head and the tallest band do not fit on one page, the font shrinks by half points (down to
  // 7 pt) until they do.
  void add_grid(const TableGrid& grid) {
    const double size = grid.font_size > 0 ? grid.font_size : kTableSize;
    for (double s = size;; s -= 0.5) {
      if (add_grid(grid, s, s - 0.5 < kMinGridSize)) return;
    }
  }

  // add_grid at font size `size`; returns false without adding anything when the table does not fit
  // and `force` is false.
  bool add_grid(const TableGrid& grid, double size, bool force) {
    const int columns = grid.columns;
    const int rows = grid.rows;
    if (columns <= 0 || rows <= 0) return true;
    const size_t texts_before = texts_.size();
    std::vector<double> widths(static_cast<size_t>(columns), 1);
    if (grid.widths.size() == widths.size()) widths = grid.widths;
    double total = 0;
    for (double w : widths) total += std::max(w, 0.0);
    for (double& w : widths) w = total > 0 ? std::max(w, 0.0) / total * kTextWidth : kTextWidth / columns;
    std::vector<double> left(static_cast<size_t>(columns) + 1, kMarginLeft);
    for (size_t c = 0; c < widths.size(); ++c) left[c + 1] = left[c] + widths[c];

    struct Laid {
      const TableCell* cell;
      int row, col, rows, cols;
      const Text* text;
      double height;  // of the text
    };
    std::vector<Laid> laid;
    for (const TableCell& cell : grid.cells) {
      if (cell.row < 0 || cell.col < 0 || cell.row >= rows || cell.col >= columns) continue;
      const int rs = std::clamp(cell.rowspan, 1, rows - cell.row);
      const int cs = std::clamp(cell.colspan, 1, columns - cell.col);
      PangoAlignment align = cell.align == TableCell::Align::kCenter  ? PANGO_ALIGN_CENTER
                             : cell.align == TableCell::Align::kRight ? PANGO_ALIGN_RIGHT
                                                                      : PANGO_ALIGN_LEFT;
      TextStyle style{kSerif, size, cell.bold, align, 0, false, 0};
      const double w = left[static_cast<size_t>(cell.col + cs)] - left[static_cast<size_t>(cell.col)];
      const Text* text = keep(lay_out(cell.text, style, w - 2 * kGridPadding));
      const Line& last = text->lines.back();
      laid.push_back({&cell, cell.row, cell.col, rs, cs, text, last.top + last.height});
    }
    // Row heights: one line at least; one-row cells first, then merged cells, shortest span first.
    TextStyle plain{kSerif, size, false, PANGO_ALIGN_LEFT, 0, false, 0};
    const double line = lay_out("表", plain, 0)->lines.front().height + 2 * kGridPadding;
    std::vector<double> height(static_cast<size_t>(rows), line);
    std::vector<const Laid*> merged;
    for (const Laid& l : laid) {
      if (l.rows == 1) {
        height[static_cast<size_t>(l.row)] = std::max(height[static_cast<size_t>(l.row)], l.height + 2 * kGridPadding);
      } else {
        merged.push_back(&l);
      }
    }
    std::sort(merged.begin(), merged.end(), [](const Laid* a, const Laid* b) { return a->rows < b->rows; });
    for (const Laid* l : merged) {
      double have = 0;
      for (int r = l->row; r < l->row + l->rows; ++r) have += height[static_cast<size_t>(r)];
      const double need = l->height + 2 * kGridPadding;
      if (need > have) height[static_cast<size_t>(l->row + l->rows - 1)] += need - have;
    }
    std::vector<double> top(static_cast<size_t>(rows) + 1, 0);
    for (size_t r = 0; r < height.size(); ++r) top[r + 1] = top[r] + height[r];

    // Bands: [begin, end) with no merged cell crossing `end`.
    std::vector<std::pair<int, int>> bands;
    for (int begin = 0; begin < rows;) {
      int end = begin + 1;
      for (bool grew = true; grew;) {
        grew = false;
        for (const Laid& l : laid) {
          if (l.row >= begin && l.row < end && l.row + l.rows > end) {
            end = l.row + l.rows;
            grew = true;
          }
        }
      }
      bands.emplace_back(begin, end);
      begin = end;
    }

    auto band_item = [&, laid_ptr = &laid](int begin, int end) {
      Item item;
      item.height = top[static_cast<size_t>(end)] - top[static_cast<size_t>(begin)];
      std::vector<std::function<void(cairo_t*, double)>> draws;
      for (const Laid& l : *laid_ptr) {
        if (l.row < begin || l.row >= end) continue;
        const double x = left[static_cast<size_t>(l.col)];
        const double w = left[static_cast<size_t>(l.col + l.cols)] - x;
        const double y = top[static_cast<size_t>(l.row)] - top[static_cast<size_t>(begin)];
        const double h = top[static_cast<size_t>(l.row + l.rows)] - top[static_cast<size_t>(l.row)];
        draws.push_back([x, w, y, h, l](cairo_t* cr, double band_top) {
          cairo_set_line_width(cr, kRuleWidth);
          cairo_rectangle(cr, x, band_top + y, w, h);
          cairo_stroke(cr);
          const double text_top = band_top + y + (h - l.height) / 2;
          for (const Line& ln : l.text->lines) show_line(cr, ln, x + kGridPadding, text_top + ln.top);
        });
      }
      item.draw = [draws = std::move(draws)](cairo_t* cr, double band_top) {
        for (const auto& d : draws) d(cr, band_top);
      };
      return item;
    };

    // The head: the bands within the first header_rows rows, as one item.
    int head_end = 0;
    size_t first_body = 0;
    while (first_body < bands.size() && bands[first_body].second <= grid.header_rows) {
      head_end = bands[first_body].second;
      ++first_body;
    }
    double tallest = 0;
    for (size_t b = first_body; b < bands.size(); ++b) {
      tallest = std::max(tallest, top[static_cast<size_t>(bands[b].second)] - top[static_cast<size_t>(bands[b].first)]);
    }
    if (!force && top[static_cast<size_t>(head_end)] + tallest > kTextHeight + kFit) {
      texts_.resize(texts_before);
      return false;
    }
    int table = -1;
    if (head_end > 0 && first_body < bands.size() && top[static_cast<size_t>(head_end)] <= kTextHeight / 4) {
      table = static_cast<int>(headers_.size());
      headers_.push_back(band_item(0, head_end));
    }
    std::vector<std::pair<int, int>> items;
    if (head_end > 0) items.emplace_back(0, head_end);
    for (size_t b = first_body; b < bands.size(); ++b) items.push_back(bands[b]);
    for (size_t i = 0; i < items.size(); ++i) {
      Item item = band_item(items[i].first, items[i].second);
      if (i == 0) {
        item.gap = pending_gap_ + kLinePitch / 2;
        item.may_start_page = !keep_next_;
      } else {
        item.may_start_page = !(i == 1 && head_end > 0);  // the head stays with the first body band
        if (items[i].first >= head_end) item.table = table;
      }
      items_.push_back(std::move(item));
    }
    pending_gap_ = kLinePitch / 2;
    keep_next_ = false;
    return true;
  }

  const Text* keep(std::unique_ptr<Text> text) {
    texts_.push_back(std::move(text));
    return texts_.back().get();
  }

  std::vector<std::unique_ptr<Text>> texts_;
  std::vector<Item> items_;
  std::vector<Item> headers_;
  double pending_gap_ = 0;
  bool keep_next_ = false;
};

// ---- Pagination ----
struct Placed {
  const Item* item;
  double top;  // from the top of the text block
};

std::vector<std::vector<Placed>> paginate(const LetterLayout& letter) {
  constexpr size_t kRepeatedHeader = std::numeric_limits<size_t>::max();
  const std::vector<Item>& items = letter.items();
  std::vector<std::vector<Placed>> pages(1);
  std::vector<size_t> indices;  // item index of each entry of the current page
  size_t start = 0;
  double y = 0;
  for (size_t i = 0; i < items.size();) {
    const Item& item = items[i];
    const double gap = i == start ? 0 : item.gap;
    if (i == start || y + gap + item.height <= kTextHeight + kFit) {
      pages.back().push_back({&item, y + gap});
      indices.push_back(i);
      y += gap + item.height;
      ++i;
      continue;
    }
    // Break before the last item of this page that may start one; if none may, break here anyway.
    size_t j = i;
    while (j > start && !items[j].may_start_page) --j;
    if (j == start) j = i;
    while (!indices.empty() && indices.back() != kRepeatedHeader && indices.back() >= j) {
      indices.pop_back();
      pages.back().pop_back();
    }
    pages.emplace_back();
    indices.clear();
    start = i = j;
    y = 0;
    if (items[j].table >= 0) {
      const Item& header = letter.headers()[static_cast<size_t>(items[j].table)];
      pages.back().push_back({&header, 0});
      indices.push_back(kRepeatedHeader);
      y = header.height;
    }
  }
  return pages;
}

// ---- Drawing ----
void draw_text(cairo_t* cr, std::string_view s, const TextStyle& style, double left, double top, double width,
               bool ellipsize = false) {
  std::unique_ptr<Text> text = lay_out(s, style, width);
  if (ellipsize) pango_layout_set_ellipsize(text->layout.get(), PANGO_ELLIPSIZE_END);
  cairo_move_to(cr, left, top);
  pango_cairo_show_layout(cr, text->layout.get());
}

void draw_page_furniture(cairo_t* cr, const LetterDoc& doc, size_t page, size_t pages) {
  const std::string number = std::to_string(page);
  TextStyle page_number{kSerif, kPageNumberSize, false, PANGO_ALIGN_CENTER, 0, false, 0};
  draw_text(cr, "— " + number + " —", page_number, kMarginLeft, kPageNumberTop, kTextWidth);
  if (doc.footer.empty()) return;
  TextStyle left{kSerif, kFooterSize, false, PANGO_ALIGN_LEFT, 0, false, 0};
  TextStyle right = left;
  right.align = PANGO_ALIGN_RIGHT;
  draw_text(cr, doc.footer, left, kMarginLeft, kFooterTop, kTextWidth * 0.7, true);
  draw_text(cr, "第 " + number + " 页 共 " + std::to_string(pages) + " 页", right, kMarginLeft, kFooterTop, kTextWidth);
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

bool clean(std::string_view s) { return s.size() < INT_MAX / 2 && text::is_clean_utf8(s); }

bool all_clean(const LetterDoc& doc) {
  if (!clean(doc.title) || !clean(doc.author) || !clean(doc.footer)) return false;
  for (const LetterBlock& b : doc.blocks) {
    if (!clean(b.text)) return false;
    for (const auto& row : b.rows) {
      for (const std::string& cell : row) {
        if (!clean(cell)) return false;
      }
    }
    for (const TableCell& cell : b.grid.cells) {
      if (!clean(cell.text)) return false;
    }
  }
  return true;
}

Error render_failed(cairo_status_t status) {
  return Error::invalid("pdf_render_failed",
                        std::string("生成 PDF 文件失败（") + cairo_status_to_string(status) + "），请稍后重试。");
}

// ---- HTML ----

// The print view's stylesheet; its SHA-256 goes into the CSP, so any change here changes the hash.
constexpr std::string_view kLetterCss = R"css(
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font: 14pt "Noto Serif CJK SC", serif; } }
html { background: #eee; }
body { margin: 0; color: #000; font: 16pt/28.99pt "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; }
.letter { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 1em auto; padding: 37mm 26mm 35mm 28mm; background: #fff; }
h1, h2, p { margin: 0; font-size: 16pt; font-weight: normal; orphans: 2; widows: 2; }
.title { font-size: 22pt; line-height: 1.45; font-weight: bold; text-align: center; margin-bottom: 14.5pt; }
.doc-number { text-align: center; margin-bottom: 14.5pt; }
.title, .doc-number, .addressee, .heading, .signature { break-after: avoid; }
.para { text-indent: 2em; text-align: justify; }
.heading { text-indent: 2em; font-family: "Noto Sans CJK SC", "Source Han Sans SC", SimHei, sans-serif; }
.signature, .date { text-align: right; padding-right: 2em; }
.signature { margin-top: 57.98pt; }
.spacer { height: 28.99pt; }
table { width: 100%; border-collapse: collapse; margin: 14.5pt 0; font-size: 12pt; line-height: 1.5; }
th, td { border: 0.75pt solid #000; padding: 4pt; text-align: left; vertical-align: top; }
th { font-weight: bold; }
tr { break-inside: avoid; }
.letter-footer { width: 156mm; margin: 0 auto 1em; font: 9pt "Noto Sans CJK SC", sans-serif; color: #333; }
@media print {
  html { background: none; }
  .letter { width: auto; min-height: 0; margin: 0; padding: 0; }
  .letter-footer { width: auto; margin: 28.99pt 0 0; }
}
)css";

// `s` with invalid UTF-8 replaced by U+FFFD, then HTML-escaped.
std::string escaped(std::string_view s) {
  gchar* valid = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
  std::string out = text::escape_html(valid);
  g_free(valid);
  return out;
}

// The lines of `s` (split at CR LF, LF or CR, as pango does).
std::vector<std::string_view> lines_of(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t begin = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n' || s[i] == '\r') {
      lines.push_back(s.substr(begin, i - begin));
      if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n') ++i;
      begin = i + 1;
    }
  }
  return lines;
}

// `s` escaped, its line breaks as <br>.
std::string escaped_lines(std::string_view s) {
  std::string out;
  bool first = true;
  for (std::string_view line : lines_of(s)) {
    if (!first) out += "<br>";
    out += escaped(line);
    first = false;
  }
  return out;
}

void append_table(std::string& out, const std::vector<std::vector<std::string>>& rows) {
  size_t columns = 0;
  for (const auto& row : rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  out += "<table>\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r == 0) out += "<thead>";
    if (r == 1) out += "<tbody>";
    out += "<tr>";
    for (size_t c = 0; c < columns; ++c) {
      const char* tag = r == 0 ? "th" : "td";
      out += std::string("<") + tag + ">";
      if (c < rows[r].size()) out += escaped_lines(rows[r][c]);
      out += std::string("</") + tag + ">";
    }
    out += "</tr>";
    if (r == 0) out += "</thead>";
    out += "\n";
  }
  if (rows.size() > 1) out += "</tbody>";
  out += "</table>\n";
}

// A TableGrid as an HTML table with rowspan/colspan; cells outside the grid are left out.
void append_grid(std::string& out, const TableGrid& grid) {
  std::vector<std::vector<const TableCell*>> by_row(static_cast<size_t>(std::max(grid.rows, 0)));
  for (const TableCell& cell : grid.cells) {
    if (cell.row >= 0 && cell.row < grid.rows && cell.col >= 0 && cell.col < grid.columns) {
      by_row[static_cast<size_t>(cell.row)].push_back(&cell);
    }
  }
  out += "<table class=\"grid\">\n";
  for (size_t r = 0; r < by_row.size(); ++r) {
    std::sort(by_row[r].begin(), by_row[r].end(), [](const TableCell* a, const TableCell* b) { return a->col < b->col; });
    out += "<tr>";
    for (const TableCell* cell : by_row[r]) {
      const char* tag = cell->bold || static_cast<int>(r) < grid.header_rows ? "th" : "td";
      out += std::string("<") + tag;
      if (cell->rowspan > 1) out += " rowspan=\"" + std::to_string(cell->rowspan) + "\"";
      if (cell->colspan > 1) out += " colspan=\"" + std::to_string(cell->colspan) + "\"";
      out += ">" + escaped_lines(cell->text) + "</" + tag + ">";
    }
    out += "</tr>\n";
  }
  out += "</table>\n";
}

}  // namespace

Result<std::string> render_letter_pdf(const LetterDoc& doc) {
  if (!all_clean(doc)) {
    return Error::invalid("invalid_text", "文书内容含有无效字符（不是规范的 UTF-8 文本），无法生成 PDF。");
  }
  if (!thread_fonts().has_chinese()) {
    return Error::invalid("pdf_font_missing", "服务器未安装中文字体（fonts-noto-cjk），无法生成 PDF。");
  }

  const LetterLayout letter(doc);
  const std::vector<std::vector<Placed>> pages = paginate(letter);

  std::string pdf;  // outlives the surface that writes into it
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, kPageWidth, kPageHeight));
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) return render_failed(s);
  if (!doc.title.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  if (!doc.author.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, doc.author.c_str());
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "gongkai");

  {
    std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    for (size_t p = 0; p < pages.size(); ++p) {
      for (const Placed& placed : pages[p]) placed.item->draw(cr.get(), kMarginTop + placed.top);
      draw_page_furniture(cr.get(), doc, p + 1, pages.size());
      cairo_show_page(cr.get());
    }
    if (cairo_status_t s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) return render_failed(s);
  }
  // Subsets and embeds the fonts. cairo 1.16 leaks 768 bytes per embedded font here (its bug; see
  // the LeakSanitizer note in tests/unit/pdf_render_test.cpp): ~1.5 KB a letter, accepted.
  cairo_surface_finish(surface.get());
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) return render_failed(s);
  return pdf;
}

std::string render_letter_html(const LetterDoc& doc) {
  using K = LetterBlock::Kind;
  std::string out;
  out += "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escaped(doc.title) + "</title>\n";
  if (!doc.author.empty()) out += "<meta name=\"author\" content=\"" + escaped(doc.author) + "\">\n";
  out += "<style>";
  out += kLetterCss;
  out += "</style>\n</head>\n<body>\n<article class=\"letter\">\n";
  for (const LetterBlock& b : doc.blocks) {
    switch (b.kind) {
      case K::kTitle:
        out += "<h1 class=\"title\">" + escaped_lines(b.text) + "</h1>\n";
        break;
      case K::kDocNumber:
        out += "<p class=\"doc-number\">" + escaped_lines(b.text) + "</p>\n";
        break;
      case K::kAddressee:
        out += "<p class=\"addressee\">" + escaped_lines(b.text) + "</p>\n";
        break;
      case K::kParagraph:
        for (std::string_view line : lines_of(b.text)) out += "<p class=\"para\">" + escaped(line) + "</p>\n";
        break;
      case K::kHeading:
        out += "<h2 class=\"heading\">" + escaped_lines(b.text) + "</h2>\n";
        break;
      case K::kSignature:
        out += "<p class=\"signature\">" + escaped_lines(b.text) + "</p>\n";
        break;
      case K::kDate:
        out += "<p class=\"date\">" + escaped_lines(b.text) + "</p>\n";
        break;
      case K::kTable:
        append_table(out, b.rows);
        break;
      case K::kGrid:
        append_grid(out, b.grid);
        break;
      case K::kSpacer:
        out += "<div class=\"spacer\"></div>\n";
        break;
    }
  }
  out += "</article>\n";
  if (!doc.footer.empty()) out += "<footer class=\"letter-footer\">" + escaped_lines(doc.footer) + "</footer>\n";
  out += "</body>\n</html>\n";
  return out;
}

std::string letter_html_style_csp_source() {
  static const std::string source = [] {
    if (sodium_init() < 0) return std::string();
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(kLetterCss.data()), kLetterCss.size());
    char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
    return "'sha256-" + std::string(b64) + "'";
  }();
  return source;
}

}  // namespace gk::render
