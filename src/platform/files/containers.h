// Listing the entries of the two container formats office documents use: ZIP (DOCX, XLSX) and OLE2
// compound files (DOC, XLS, WPS, ET). Used to tell a Word file from a spreadsheet by its content.
// Pure, bounded parsers of untrusted bytes: malformed input yields fewer (or no) names, never a crash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gk::files {

// Entry names of a ZIP archive (e.g. "word/document.xml"), read from its central directory, or, when
// that is missing or damaged, from the local file headers found in the data. Empty when none are found.
std::vector<std::string> zip_entry_names(std::string_view bytes);

// Names of the storages and streams in an OLE2 compound file (MS-CFB), e.g. "WordDocument",
// "Workbook", "\x05SummaryInformation"; the root entry is not listed. UTF-16 characters outside ASCII
// become '?'. Empty when `bytes` is not a readable compound file.
std::vector<std::string> ole_entry_names(std::string_view bytes);

}  // namespace gk::files
