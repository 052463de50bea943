// Official letters (公文式告知书、答复书) as A4 PDF with embedded Chinese fonts (pango lays out the text,
// cairo writes the PDF) and as printable HTML for the browser's print view. A LetterDoc is plain data;
// the renderers are pure functions of it apart from reading the installed fonts through fontconfig.
//
// Look (after GB/T 9704-2012, not slavishly): A4 with margins 37 mm top, 28 mm left, 26 mm right and
// 35 mm bottom; body 16 pt (三号) "Noto Serif CJK SC" (falling back to "Noto Sans CJK SC") on a grid of
// 22 lines per page; the title 22 pt (二号) bold and centred; headings in the sans face (黑体);
// page numbers "— 1 —" 7 mm below the text block; the footer small, at the bottom of every page.
//
// Thread safety: every function here may be called from any number of threads at once. Pango
// objects are never shared between threads: each calling thread lazily creates its own PangoFontMap
// and PangoContext (freed when the thread exits), which pango documents as the safe way to use it
// from several threads; fontconfig and cairo are themselves thread-safe for this use. A map per thread
// rather than per call, because a fresh map re-reads the font list and re-opens the CJK fonts on every
// letter (a one-page letter: 30-45 ms against 45-80 ms); a map per thread rather than one shared map
// behind a mutex, because that mutex would have to cover the whole layout of a letter and would
// serialize the server's I/O threads.
#pragma once

#include <string>
#include <vector>

#include "platform/result.h"

namespace gk::render {

// One cell of a TableGrid: plain text placed at a slot of the grid, spanning rows and columns.
struct TableCell {
  enum class Align { kLeft, kCenter, kRight };
  std::string text;
  int row = 0, col = 0;  // the top-left slot, zero-based
  int rowspan = 1, colspan = 1;
  bool bold = false;
  Align align = Align::kLeft;
};

// A table with merged cells (the official tables of the annual report), drawn with every cell ruled
// and its text centred vertically. Rows are never split: a page may break only where no merged cell
// crosses the boundary, so a cell spanning rows stays whole; the first `header_rows` rows are
// repeated at the top of every page the table continues on (unless they take more than a quarter of
// a page). Cells outside the grid are ignored; slots no cell covers are left empty.
struct TableGrid {
  int columns = 0;
  int rows = 0;
  int header_rows = 0;
  std::vector<double> widths;  // relative column widths, scaled to the text width; empty: equal
  double font_size = 0;        // points; 0: 12 (小四)
  std::vector<TableCell> cells;
};

// One block of a letter, in reading order. Text is plain UTF-8, not markup: "<" and "&" print as
// themselves; a line feed starts a new line (in a paragraph, a new indented paragraph).
struct LetterBlock {
  enum class Kind {
    kTitle,      // 标题: 22 pt bold, centred, may wrap; kept with the next block
    kDocNumber,  // 文号 (e.g. "X政公开〔2024〕12号"): centred below the title; kept with the next block
    kAddressee,  // 主送 ("张三：", colon included by the caller): flush left; kept with the next block
    kParagraph,  // 正文: first line indented 2 em, justified; split across pages leaving >= 2 lines each side
    kSignature,  // 发文机关署名: right-aligned (2 em from the right edge), 2 blank lines above; kept with
                 // the date and with the end of the block before it (never alone on the last page)
    kDate,       // 成文日期: right-aligned like the signature
    kHeading,    // 层次标题 ("一、…"): sans (黑体), indented 2 em; kept with the next block
    kTable,      // `rows` (text unused): rows[0] is the header, bold and repeated on each page the table
                 // continues on; rows are not split unless taller than a page; ragged rows are padded
    kSpacer,     // one blank line (text unused); dropped at the top of a page
    kGrid,       // `grid` (text unused): a ruled table with merged cells (see TableGrid)
  };
  Kind kind = Kind::kParagraph;
  std::string text;
  std::vector<std::vector<std::string>> rows;  // kTable only
  TableGrid grid = {};                         // kGrid only
};

// A whole letter. `title` and `author` go into the PDF metadata (and the HTML <title>); `footer`
// (e.g. "申请查询码 GK-2024-000123") is printed small on every page with "第 x 页 共 y 页"; empty means
// no footer line (the page number "— x —" is always printed).
struct LetterDoc {
  std::string title;
  std::string author;
  std::vector<LetterBlock> blocks;
  std::string footer;
};

// Renders `doc` as A4 PDF bytes with the fonts embedded (subset). Pages break automatically, never
// after a block that is kept with the next and never leaving a single line of a paragraph alone at
// the bottom or top of a page.
// Errors (Error::Kind::kInvalid, nothing thrown): "invalid_text" when any string of `doc` is not
// clean UTF-8 (see text::is_clean_utf8); "pdf_font_missing" when no installed font covers Chinese
// (install fonts-noto-cjk); "pdf_render_failed" when cairo reports a failure (e.g. out of memory).
Result<std::string> render_letter_pdf(const LetterDoc& doc);

// The same letter as one self-contained, printable HTML5 document: every text escaped (invalid UTF-8
// becomes U+FFFD), an inline <style> with the A4 @page margins and @media print rules, no scripts and
// no external resources. Never fails. The footer is printed once, after the letter (a repeated footer
// would overlap the text in browsers); page numbers come from @page margin boxes where supported.
// The app's Content-Security-Policy (style-src 'self') blocks inline styles: a handler serving this
// page adds letter_html_style_csp_source() to style-src.
std::string render_letter_html(const LetterDoc& doc);

// The CSP source expression ("'sha256-…'") that allows exactly the inline <style> of
// render_letter_html's output.
std::string letter_html_style_csp_source();

}  // namespace gk::render
