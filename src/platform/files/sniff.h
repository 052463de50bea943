// Attachment type detection from the bytes (not the name) and safe download names.
#pragma once

#include <string>
#include <string_view>

#include "platform/result.h"

namespace gk::files {

// What an accepted attachment is: MIME type to serve it with, canonical extension (no dot), and a
// Chinese label for lists ("PDF文档", "Word文档" …).
struct FileKind {
  std::string mime;
  std::string ext;
  std::string label;
};

// Identifies an uploaded attachment from its content, using libmagic for the base type and the
// ZIP / OLE2 directory for the office subtype, and checks it against `filename`'s extension.
// Accepted: PDF; DOC (OLE2 with a WordDocument stream); DOCX (ZIP with word/ entries); XLS (OLE2 with a
// Workbook/Book stream); XLSX (ZIP with xl/ entries); WPS and ET (Kingsoft WPS Office, OLE2 named
// .wps/.et, not holding the other program's stream); PNG; JPEG; GIF.
// The extension must agree with the content (".jpeg" counts as ".jpg"); a name without a recognisable
// extension is judged by content alone. Returns the kind with its canonical extension; otherwise an
// Error (code "unsupported_attachment") whose message lists the accepted types.
// Thread-safe: each thread uses its own libmagic handle. Throws std::runtime_error if libmagic's
// database cannot be loaded (a broken installation).
Result<FileKind> sniff_attachment(std::string_view bytes, std::string_view filename);

// A file name safe to offer for download: the last path component of `original` (after any / or \),
// without control characters or bidirectional-override characters, with " < > : | ? * replaced by '_',
// without leading/trailing spaces and dots, and invalid UTF-8 dropped. Chinese characters are kept.
// Returns "附件" when nothing usable is left.
std::string safe_download_name(std::string_view original);

}  // namespace gk::files
