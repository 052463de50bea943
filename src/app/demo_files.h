// Small real attachment files for the demo dataset, built in memory: a one-page PDF with Chinese
// text and a one-sheet XLSX workbook. Both are structurally valid (correct PDF cross-reference
// offsets; ZIP with CRC-32 and central directory) so attachment sniffing, downloads and readers
// treat them like uploaded files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk::app::demo_files {

// A PDF 1.4 file with one A4 page: `title` in 16 pt, then `paragraphs` in 12 pt, wrapped and cut to
// fit the page. The text uses the standard Adobe-GB1 font STSong-Light (UniGB-UCS2-H), which PDF
// readers supply without embedding; ASCII is shown in its full-width forms. Deterministic.
std::string make_pdf(std::string_view title, const std::vector<std::string>& paragraphs);

// An Office Open XML workbook with one sheet of inline-string and numeric cells (a cell whose text
// is a plain decimal number is written as a number). Deterministic.
std::string make_xlsx(std::string_view sheet_name, const std::vector<std::vector<std::string>>& rows);

// A ZIP archive of the entries (name, bytes), stored without compression, in the given order,
// with a fixed timestamp.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries);

// CRC-32 (IEEE 802.3, as ZIP uses).
uint32_t crc32(std::string_view data);

}  // namespace gk::app::demo_files
