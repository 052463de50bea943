// Plain text of attachments for the search index: PDF (poppler-cpp) and DOCX (the text runs of
// word/document.xml, read with libzip). Other types (DOC, WPS, spreadsheets, images) give no text.
//
// Attachments are untrusted files. Extraction is bounded — at most kMaxExtractedBytes of text per
// attachment, kMaxPdfPages pages, kMaxDocxXmlBytes of uncompressed XML — and never fails: a broken,
// encrypted or truncated file yields "" (or the text read before the damage) and a logged warning.
// The result is valid UTF-8 without control characters other than line feeds.
// Thread-safe (PDF parsing is serialized: poppler's global state is not).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gk::search {

inline constexpr size_t kMaxExtractedBytes = 2u << 20;
inline constexpr int kMaxPdfPages = 2000;
inline constexpr size_t kMaxDocxXmlBytes = 64u << 20;

// The text of an attachment of type `mime` (as stored by the catalog's sniffing). `name` is only for
// log messages. Returns "" for types without text.
std::string extract_text(std::string_view mime, std::string_view bytes, std::string_view name);

// The text of a PDF, page after page, cut at `cap` bytes (at a character boundary).
std::string pdf_text(std::string_view bytes, size_t cap = kMaxExtractedBytes);

// The text of a DOCX's main document: paragraphs on their own lines, tabs as spaces, cut at `cap`.
std::string docx_text(std::string_view bytes, size_t cap = kMaxExtractedBytes);

// The paragraph text of a WordprocessingML document part (word/document.xml), cut at `cap`. Pure.
std::string wordml_text(std::string_view xml, size_t cap = kMaxExtractedBytes);

// `s` as valid UTF-8 (bad bytes become U+FFFD), control characters other than \n dropped (\t and \r
// become spaces), cut at `cap` bytes at a character boundary.
std::string clean_text(std::string_view s, size_t cap = kMaxExtractedBytes);

}  // namespace gk::search
