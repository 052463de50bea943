// Attachment sniffing (libmagic + ZIP/OLE2 directory checks) and download-name cleaning.
#include "platform/files/sniff.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <vector>

#include "platform/files/containers.h"

namespace gk::files {
namespace {

constexpr std::string_view kRejected =
    "附件类型不受支持或与扩展名不符：只接受 PDF、DOC/DOCX、XLS/XLSX、WPS、PNG/JPG/GIF";

const FileKind kPdf{"application/pdf", "pdf", "PDF文档"};
const FileKind kDoc{"application/msword", "doc", "Word文档"};
const FileKind kDocx{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word文档"};
const FileKind kXls{"application/vnd.ms-excel", "xls", "Excel表格"};
const FileKind kXlsx{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel表格"};
const FileKind kWps{"application/wps-office.wps", "wps", "WPS文字文档"};
const FileKind kEt{"application/wps-office.et", "et", "WPS表格"};
const FileKind kPng{"image/png", "png", "PNG图片"};
const FileKind kJpg{"image/jpeg", "jpg", "JPEG图片"};
const FileKind kGif{"image/gif", "gif", "GIF图片"};

// One libmagic handle per thread: handles are not thread-safe.
class Magic {
 public:
  Magic() : handle_(magic_open(MAGIC_MIME_TYPE)) {
    if (handle_ == nullptr) throw std::runtime_error("magic_open failed");
    if (magic_load(handle_, nullptr) != 0) {
      std::string why = magic_error(handle_) ? magic_error(handle_) : "unknown error";
      magic_close(handle_);
      throw std::runtime_error("magic_load failed: " + why);
    }
  }
  ~Magic() { magic_close(handle_); }
  Magic(const Magic&) = delete;
  Magic& operator=(const Magic&) = delete;

  // The MIME type libmagic reports for `bytes`, or "" on failure.
  std::string mime(std::string_view bytes) {
    const char* r = magic_buffer(handle_, bytes.data(), bytes.size());
    return r ? r : "";
  }

 private:
  magic_t handle_;
};

std::string magic_mime(std::string_view bytes) {
  thread_local Magic magic;
  return magic.mime(bytes);
}

// Lower-cased extension after the last '.' of the last path component, or "" when there is none or it is
// not 1–8 ASCII letters/digits (e.g. "通知（2020.5）" has no extension).
std::string extension_of(std::string_view filename) {
  auto slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(filename.substr(dot + 1));
  if (ext.empty() || ext.size() > 8) return "";
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      return "";
    }
  }
  return ext;
}

bool has_prefix(const std::vector<std::string>& names, std::string_view prefix) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n.starts_with(prefix); });
}

bool has_name(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Office Open XML packages: the ZIP's part names say whether it is a Word file or a workbook.
std::optional<FileKind> zip_kind(std::string_view bytes, std::string_view ext) {
  auto names = zip_entry_names(bytes);
  bool word = has_prefix(names, "word/");
  bool sheet = has_prefix(names, "xl/");
  if (word && (ext == "docx" || ext.empty())) return kDocx;
  if (sheet && (ext == "xlsx" || ext.empty())) return kXlsx;
  return std::nullopt;
}

// OLE2 compound files: Word keeps its text in a "WordDocument" stream, Excel in "Workbook" (BIFF8) or
// "Book" (BIFF5). WPS Office's own formats are accepted by name unless they hold the other kind's stream.
std::optional<FileKind> ole_kind(std::string_view bytes, std::string_view ext) {
  auto names = ole_entry_names(bytes);
  bool word = has_name(names, "WordDocument");
  bool sheet = has_name(names, "Workbook") || has_name(names, "Book");
  if (word && (ext == "doc" || ext.empty())) return kDoc;
  if (sheet && (ext == "xls" || ext.empty())) return kXls;
  if (ext == "wps" && !(sheet && !word)) return kWps;
  if (ext == "et" && !(word && !sheet)) return kEt;
  return std::nullopt;
}

bool is_office_ole_mime(std::string_view mime) {
  return mime == "application/x-ole-storage" || mime == "application/CDFV2" || mime == "application/msword" ||
         mime == "application/vnd.ms-excel" || mime == "application/vnd.ms-office";
}

std::optional<FileKind> detect(std::string_view bytes, std::string_view ext) {
  const std::string mime = magic_mime(bytes);
  auto ext_is = [&](std::initializer_list<std::string_view> allowed) {
    return ext.empty() || std::find(allowed.begin(), allowed.end(), ext) != allowed.end();
  };
  // PDF readers accept the header anywhere in the first 1024 bytes (after a BOM or a blank line, say).
  if (mime == "application/pdf" && bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    return ext_is({"pdf"}) ? std::optional(kPdf) : std::nullopt;
  }
  if (mime == "image/png") return ext_is({"png"}) ? std::optional(kPng) : std::nullopt;
  if (mime == "image/jpeg") return ext_is({"jpg", "jpeg", "jpe"}) ? std::optional(kJpg) : std::nullopt;
  if (mime == "image/gif") return ext_is({"gif"}) ? std::optional(kGif) : std::nullopt;
  if (bytes.starts_with("PK\x03\x04") &&
      (mime == "application/zip" || mime.starts_with("application/vnd.openxmlformats-officedocument."))) {
    return zip_kind(bytes, ext);
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") && is_office_ole_mime(mime)) {
    return ole_kind(bytes, ext);
  }
  return std::nullopt;
}

// Decodes one UTF-8 code point at s[i]; returns its length, or 0 when the sequence is invalid.
size_t utf8_sequence(std::string_view s, size_t i, uint32_t& cp) {
  auto b0 = static_cast<unsigned char>(s[i]);
  size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 1 ? b0 : b0 & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (b & 0x3F);
  }
  static constexpr std::array<uint32_t, 5> kMin = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_unsafe_in_name(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||   // C0, DEL, C1 controls
         cp == 0x200E || cp == 0x200F ||              // LRM, RLM
         (cp >= 0x202A && cp <= 0x202E) ||            // bidi embeddings and overrides ("gpj.exe" tricks)
         (cp >= 0x2066 && cp <= 0x2069);              // bidi isolates
}

}  // namespace

Result<FileKind> sniff_attachment(std::string_view bytes, std::string_view filename) {
  if (bytes.empty()) return Error::invalid("unsupported_attachment", "附件是空文件，请重新选择");
  if (auto kind = detect(bytes, extension_of(filename))) return *kind;
  return Error::invalid("unsupported_attachment", std::string(kRejected));
}

std::string safe_download_name(std::string_view original) {
  auto slash = original.find_last_of("/\\");
  if (slash != std::string_view::npos) original.remove_prefix(slash + 1);
  std::string out;
  for (size_t i = 0; i < original.size();) {
    uint32_t cp = 0;
    size_t len = utf8_sequence(original, i, cp);
    if (len == 0) {
      ++i;
      continue;
    }
    if (cp < 0x80 && std::string_view("\"<>:|?*").find(static_cast<char>(cp)) != std::string_view::npos) {
      out.push_back('_');
    } else if (!is_unsafe_in_name(cp)) {
      out.append(original.substr(i, len));
    }
    i += len;
  }
  size_t b = out.find_first_not_of(" .");
  if (b == std::string::npos) return "附件";
  size_t e = out.find_last_not_of(" .");
  return out.substr(b, e - b + 1);
}

}  // namespace gk::files
