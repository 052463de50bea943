#include "checker/input.h"

#include <gumbo.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "platform/text/unicode.h"
#include "search/extract.h"

namespace gk::checker {

namespace {

// Limits that keep hostile input cheap: a table wider than this is cut, a document's grids never
// hold more than kMaxGridCells cells in all, and markup nested deeper than kMaxHtmlDepth is read
// as text with the tags removed (gumbo's tree teardown recurses).
constexpr int kMaxGridWidth = 64;
constexpr int kMaxSpan = 64;
constexpr size_t kMaxGridCells = 200000;
constexpr int kMaxHtmlDepth = 1500;

// Decodes one UTF-8 code point at s[i]; returns its length, or 0 when the bytes there are not valid.
size_t utf8_len(std::string_view s, size_t i, char32_t* out) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *out = b;
    return 1;
  }
  size_t n = 0;
  char32_t c = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
    c = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    c = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    c = b & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto cb = static_cast<unsigned char>(s[i + k]);
    if ((cb & 0xC0) != 0x80) return 0;
    c = (c << 6) | (cb & 0x3F);
  }
  if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *out = c;
  return n;
}

// Counts the bytes of `s` that are not part of valid UTF-8.
size_t utf8_errors(std::string_view s) {
  size_t errors = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = 0;
    const size_t n = utf8_len(s, i, &c);
    if (n == 0) {
      ++errors;
      ++i;
    } else {
      i += n;
    }
  }
  return errors;
}

// Converts with iconv from `from` to UTF-8, replacing each undecodable byte with U+FFFD.
std::string iconv_to_utf8(std::string_view in, const char* from, size_t* errors) {
  std::string out;
  *errors = 0;
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    *errors = in.size();
    return out;
  }
  out.reserve(in.size() + in.size() / 2);
  char buf[16384];
  char* src = const_cast<char*>(in.data());
  size_t left = in.size();
  while (left > 0) {
    char* dst = buf;
    size_t room = sizeof buf;
    const size_t rc = iconv(cd, &src, &left, &dst, &room);
    out.append(buf, static_cast<size_t>(dst - buf));
    if (rc == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (truncated sequence at the end): skip one byte.
      out += "\xEF\xBF\xBD";
      ++*errors;
      ++src;
      --left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  iconv_close(cd);
  return out;
}

// Valid UTF-8 of `s` (bad bytes → U+FFFD), control characters other than \n and \t → space (\r\n
// and \r → \n), full-width digits → ASCII, ｜ → |, U+3000 kept (a separator for split_cells).
std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t c = 0;
    const size_t n = utf8_len(s, i, &c);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    i += n;
    if (c == '\r') {
      if (i < s.size() && s[i] == '\n') continue;
      out += '\n';
    } else if (c == '\n' || c == '\t') {
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0)) {
      out += ' ';
    } else if (c >= 0xFF10 && c <= 0xFF19) {
      out += static_cast<char>('0' + (c - 0xFF10));
    } else if (c == 0xFF5C) {
      out += '|';
    } else if (c == 0xFEFF) {
      // zero-width no-break space / BOM: drop
    } else {
      text::append_utf8(out, c);
    }
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower_ascii(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool looks_like_html(std::string_view bytes) {
  const std::string head = lower_ascii(bytes.substr(0, 2048));
  for (const char* tag : {"<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div", "<p>", "<p ", "<title"}) {
    if (head.find(tag) != std::string::npos) return true;
  }
  return false;
}

// ---- HTML ----

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_CENTER: case GUMBO_TAG_FORM:
      return true;
    default:
      return false;
  }
}

bool is_skipped(GumboTag t) {
  return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE ||
         t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH || t == GUMBO_TAG_IFRAME || t == GUMBO_TAG_OBJECT;
}

// Appends text to a line buffer, collapsing runs of ASCII white space into one space.
void append_collapsed(std::string& buf, std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (!buf.empty() && buf.back() != ' ') buf += ' ';
    } else {
      buf += c;
    }
  }
}

std::string trim_spaces(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n')) --b;
  return std::string(s.substr(a, b - a));
}

// The text inside `node`, white space collapsed (iterative; skips script/style).
std::string inner_text(const GumboNode* node) {
  std::string out;
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      append_collapsed(out, n->v.text.text);
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      if (is_skipped(n->v.element.tag)) continue;
      if (is_block(n->v.element.tag)) append_collapsed(out, " ");
      const GumboVector& ch = n->v.element.children;
      for (unsigned i = ch.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
    }
  }
  return trim_spaces(out);
}

int span_attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  if (!a) return 1;
  int v = 0;
  for (const char* p = a->value; *p; ++p) {
    if (*p < '0' || *p > '9') break;
    v = v * 10 + (*p - '0');
    if (v > kMaxSpan) return kMaxSpan;
  }
  return std::clamp(v, 1, kMaxSpan);
}

// Does `table` contain another table (then it is a layout table, read as text)?
bool has_nested_table(const GumboNode* table) {
  std::vector<const GumboNode*> stack;
  const GumboVector& ch = table->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n->v.element.tag == GUMBO_TAG_TABLE) return true;
    const GumboVector& c = n->v.element.children;
    for (unsigned i = 0; i < c.length; ++i) stack.push_back(static_cast<const GumboNode*>(c.data[i]));
  }
  return false;
}

// Expands a data table into grid rows (rowspan/colspan), appended to `lines`.
void emit_grid(const GumboNode* table, std::vector<Line>& lines, size_t& budget) {
  std::vector<const GumboNode*> rows;
  std::vector<const GumboNode*> stack;
  const GumboVector& ch = table->v.element.children;
  for (unsigned i = ch.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n->v.element.tag == GUMBO_TAG_TR) {
      rows.push_back(n);
      continue;
    }
    const GumboVector& c = n->v.element.children;
    for (unsigned i = c.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(c.data[i]));
  }
  // pending[col] = {rows still covered, text}
  std::vector<std::pair<int, std::string>> pending(kMaxGridWidth, {0, ""});
  for (const GumboNode* tr : rows) {
    if (budget == 0) return;
    Line line;
    line.grid = true;
    std::vector<GridCell> cells;
    int col = 0;
    auto fill_pending = [&] {
      while (col < kMaxGridWidth && pending[col].first > 0) {
        cells.push_back({pending[col].second, true});
        --pending[col].first;
        ++col;
      }
    };
    const GumboVector& tc = tr->v.element.children;
    for (unsigned i = 0; i < tc.length; ++i) {
      const auto* td = static_cast<const GumboNode*>(tc.data[i]);
      if (td->type != GUMBO_NODE_ELEMENT) continue;
      if (td->v.element.tag != GUMBO_TAG_TD && td->v.element.tag != GUMBO_TAG_TH) continue;
      fill_pending();
      if (col >= kMaxGridWidth) break;
      const std::string text = inner_text(td);
      const int cs = span_attr(td, "colspan");
      const int rs = span_attr(td, "rowspan");
      for (int k = 0; k < cs && col < kMaxGridWidth; ++k, ++col) {
        cells.push_back({text, k > 0});
        if (rs > 1) pending[col] = {rs - 1, text};
      }
    }
    fill_pending();
    if (cells.size() > budget) return;
    budget -= cells.size();
    for (const auto& c : cells) {
      if (c.copy || c.text.empty()) continue;
      if (!line.text.empty()) line.text += " | ";
      line.text += c.text;
    }
    line.cells = std::move(cells);
    if (!line.text.empty()) lines.push_back(std::move(line));
  }
}

// Estimated element nesting depth of raw markup, counting only elements that do not close themselves.
int markup_depth(std::string_view s) {
  static const char* const kNoDepth[] = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base",
                                         "wbr", "source", "embed", "param", "track", "p", "li", "td", "th",
                                         "tr", "dt", "dd", "option", "!", "?"};
  int depth = 0, max_depth = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '<') continue;
    const bool closing = s[i + 1] == '/';
    size_t j = i + (closing ? 2 : 1);
    size_t k = j;
    while (k < s.size() && k - j < 16 && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '!' || s[k] == '?')) ++k;
    if (k == j) continue;
    const std::string name = lower_ascii(s.substr(j, k - j));
    bool counted = true;
    for (const char* t : kNoDepth) {
      if (name == t || (name[0] == '!' || name[0] == '?')) {
        counted = false;
        break;
      }
    }
    if (!counted) continue;
    if (closing) {
      depth = std::max(0, depth - 1);
    } else {
      const size_t gt = s.find('>', k);
      if (gt != std::string::npos && gt > 0 && s[gt - 1] == '/') continue;
      max_depth = std::max(max_depth, ++depth);
    }
  }
  return max_depth;
}

// Text with tags removed (for markup too deep to parse): tags become line breaks.
std::string strip_tags(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool in_tag = false;
  for (char c : s) {
    if (in_tag) {
      if (c == '>') {
        in_tag = false;
        out += '\n';
      }
    } else if (c == '<') {
      in_tag = true;
    } else {
      out += c;
    }
  }
  return out;
}

void add_text_lines(std::string_view text, std::vector<Line>& lines) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string t = trim_spaces(text.substr(start, nl - start));
    if (!t.empty()) lines.push_back(Line{std::move(t), {}, false});
    start = nl + 1;
  }
}

void extract_html(const std::string& html, Extracted& out) {
  if (markup_depth(html) > kMaxHtmlDepth) {
    out.html_flattened = true;
    add_text_lines(strip_tags(html), out.lines);
    return;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 100;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
      gumbo_parse_with_options(&options, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!doc) return;
  size_t budget = kMaxGridCells;
  std::string buf;
  auto flush = [&] {
    std::string t = trim_spaces(buf);
    if (!t.empty()) out.lines.push_back(Line{std::move(t), {}, false});
    buf.clear();
  };
  // Iterative walk; a null entry marks the end of a block element.
  std::vector<const GumboNode*> stack{doc->root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n == nullptr) {
      flush();
      continue;
    }
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      append_collapsed(buf, n->v.text.text);
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    const GumboVector* children = nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) {
      children = &n->v.document.children;
    } else {
      const GumboTag tag = n->v.element.tag;
      if (is_skipped(tag)) continue;
      if (tag == GUMBO_TAG_TABLE && !has_nested_table(n)) {
        flush();
        emit_grid(n, out.lines, budget);
        continue;
      }
      if (is_block(tag)) {
        flush();
        stack.push_back(nullptr);
      }
      children = &n->v.element.children;
    }
    for (unsigned i = children->length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children->data[i]));
  }
  flush();
}

}  // namespace

std::string decode_text(std::string_view bytes, std::string* encoding, bool* doubtful) {
  *doubtful = false;
  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    *encoding = "UTF-8";
    bytes.remove_prefix(3);
    return clean(bytes);
  }
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
    *encoding = "UTF-16";
    size_t errors = 0;
    std::string s = iconv_to_utf8(bytes.substr(2), starts_with(bytes, "\xFF\xFE") ? "UTF-16LE" : "UTF-16BE", &errors);
    *doubtful = errors * 20 > bytes.size();
    return clean(s);
  }
  const size_t utf8_bad = utf8_errors(bytes);
  if (utf8_bad == 0) {
    *encoding = "UTF-8";
    return clean(bytes);
  }
  size_t gb_bad = 0;
  std::string gb = iconv_to_utf8(bytes, "GB18030", &gb_bad);
  if (gb_bad <= utf8_bad) {
    *encoding = "GB18030";
    *doubtful = gb_bad * 20 > bytes.size();
    return clean(gb);
  }
  *encoding = "UTF-8";
  *doubtful = true;
  return clean(bytes);
}

std::vector<std::string> split_cells(std::string_view line) {
  std::vector<std::string> cells;
  auto push = [&](std::string_view c) { cells.push_back(trim_spaces(c)); };
  if (line.find('|') != std::string_view::npos) {
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == '|') {
        push(line.substr(start, i - start));
        start = i + 1;
      }
    }
  } else if (line.find('\t') != std::string_view::npos) {
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == '\t') {
        push(line.substr(start, i - start));
        start = i + 1;
      }
    }
  } else {
    // Runs of ASCII space, U+3000 (E3 80 80) or U+00A0 (C2 A0).
    std::string cur;
    for (size_t i = 0; i < line.size();) {
      if (line[i] == ' ') {
        if (!cur.empty()) cells.push_back(std::move(cur)), cur.clear();
        ++i;
      } else if (line.compare(i, 3, "\xE3\x80\x80") == 0) {
        if (!cur.empty()) cells.push_back(std::move(cur)), cur.clear();
        i += 3;
      } else if (line.compare(i, 2, "\xC2\xA0") == 0) {
        if (!cur.empty()) cells.push_back(std::move(cur)), cur.clear();
        i += 2;
      } else {
        cur += line[i++];
      }
    }
    if (!cur.empty()) cells.push_back(std::move(cur));
    return cells;
  }
  // Trim U+3000 and NBSP inside the cells too, then drop empty cells at both ends.
  for (auto& c : cells) {
    for (;;) {
      if (c.compare(0, 3, "\xE3\x80\x80") == 0) c.erase(0, 3);
      else if (c.size() >= 3 && c.compare(c.size() - 3, 3, "\xE3\x80\x80") == 0) c.erase(c.size() - 3);
      else if (c.compare(0, 2, "\xC2\xA0") == 0) c.erase(0, 2);
      else if (c.size() >= 2 && c.compare(c.size() - 2, 2, "\xC2\xA0") == 0) c.erase(c.size() - 2);
      else break;
      c = trim_spaces(c);
    }
  }
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
  size_t lead = 0;
  while (lead < cells.size() && cells[lead].empty()) ++lead;
  cells.erase(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(lead));
  return cells;
}

Extracted extract(std::string_view bytes) {
  Extracted out;
  if (starts_with(bytes, "%PDF")) {
    out.kind = InputKind::kPdf;
    out.encoding = "UTF-8";
    const std::string text = search::pdf_text(bytes, kMaxInputBytes);
    add_text_lines(clean(text), out.lines);
    return out;
  }
  std::string text = decode_text(bytes, &out.encoding, &out.encoding_doubtful);
  // The bytes decide the encoding, not a <meta charset> (pages saved by a browser keep the original
  // declaration after re-encoding).
  if (looks_like_html(text)) {
    out.kind = InputKind::kHtml;
    extract_html(text, out);
  } else {
    out.kind = InputKind::kText;
    add_text_lines(text, out.lines);
  }
  return out;
}

}  // namespace gk::checker
