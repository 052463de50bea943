// The checker's input stage: bytes → UTF-8 text lines, with HTML tables expanded into grids.
// Internal to src/checker (checker.h is the public interface); exposed for the unit tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checker/checker.h"

namespace gk::checker {

// One cell of an HTML table grid after rowspan/colspan expansion. A slot covered by a span from
// another cell repeats that cell's text with `copy` set.
struct GridCell {
  std::string text;
  bool copy = false;
};

// A line of the document: a paragraph or line of text, or one row of an HTML table (`grid`).
struct Line {
  std::string text;            // the text (for a grid row: its original cells joined with " | ")
  std::vector<GridCell> cells;  // grid rows only
  bool grid = false;
};

struct Extracted {
  InputKind kind = InputKind::kText;
  std::string encoding;          // "UTF-8", "GB18030", "UTF-16"
  bool encoding_doubtful = false;  // many bytes could not be decoded in any encoding tried
  bool html_flattened = false;     // HTML too deeply nested for a DOM walk; read as text with tags removed
  std::vector<Line> lines;
};

// Decodes `bytes` (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 when not valid UTF-8)
// into valid UTF-8 without control characters other than \n and \t. Full-width digits ０–９ become
// ASCII digits and ｜ becomes |, so that later stages see one form. Sets `encoding`.
std::string decode_text(std::string_view bytes, std::string* encoding, bool* doubtful);

// Sniffs the kind (PDF by its %PDF header, HTML by markup near the start, otherwise text) and
// extracts the lines. The caller has checked the size limit.
Extracted extract(std::string_view bytes);

// Splits a text line into table cells: on '|' when it has one, else on tabs, else on runs of
// white space (including U+3000). Cells are trimmed; empty cells between separators are kept, empty
// cells at both ends dropped.
std::vector<std::string> split_cells(std::string_view line);

}  // namespace gk::checker
