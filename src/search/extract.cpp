// Attachment text extraction (see extract.h).
#include "search/extract.h"

#include "platform/text/unicode.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>
#include <zip.h>

#include <climits>
#include <memory>
#include <mutex>

namespace gk::search {
namespace {

constexpr std::string_view kPdfMime = "application/pdf";
constexpr std::string_view kDocxMime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// Length of the well-formed UTF-8 sequence at s[i], or 0.
size_t utf8_len(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    return ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F)) ? 0 : 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    return ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) ? 0 : 4;
  }
  return 0;
}

// Decodes the XML character or entity references in `s` and appends the text.
void append_xml_text(std::string& out, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const size_t amp = s.find('&', i);
    out.append(s.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i));
    if (amp == std::string_view::npos) return;
    const size_t semi = s.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 12) {
      out += '&';
      i = amp + 1;
      continue;
    }
    const std::string_view ent = s.substr(amp + 1, semi - amp - 1);
    if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "amp")
      out += '&';
    else if (ent == "quot")
      out += '"';
    else if (ent == "apos")
      out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      uint32_t v = 0;
      bool ok = ent.size() > (hex ? 2u : 1u);
      for (size_t k = hex ? 2 : 1; k < ent.size() && ok; ++k) {
        const char c = ent[k];
        int d = -1;
        if (c >= '0' && c <= '9')
          d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
          d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
          d = c - 'A' + 10;
        if (d < 0 || v > 0x10FFFF)
          ok = false;
        else
          v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      if (ok && v > 0 && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF)) text::append_utf8(out, static_cast<char32_t>(v));
    }
    i = semi + 1;
  }
}

void quiet_poppler(const std::string& msg, void*) { spdlog::debug("poppler: {}", msg); }

// The ideograph encoded at s[i, i+3), if any (U+3400..U+9FFF: 3-byte sequences E3 90 80 .. E9 BF BF).
bool ideograph_at(std::string_view s, size_t i) {
  if (i + 3 > s.size()) return false;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  return (b0 >= 0xE4 && b0 <= 0xE9) || (b0 == 0xE3 && b1 >= 0x90);
}

// PDF text breaks lines wherever the page did, also inside a Chinese word (…救助保障工\n作会议…).
// Joins lines whose break falls between two ideographs, so the words there stay searchable.
std::string join_cjk_lines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '\n' && out.size() >= 3 && ideograph_at(out, out.size() - 3)) {
      size_t j = i;
      while (j < s.size() && (s[j] == '\n' || s[j] == ' ')) ++j;
      if (ideograph_at(s, j) && j - i <= 3) {
        i = j;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

}  // namespace

std::string clean_text(std::string_view s, size_t cap) {
  std::string out;
  out.reserve(std::min(s.size(), cap));
  size_t i = 0;
  while (i < s.size()) {
    const size_t len = utf8_len(s, i);
    if (len == 0) {
      if (out.size() + 3 > cap) break;
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (out.size() + len > cap) break;
    const auto b = static_cast<unsigned char>(s[i]);
    if (len == 1 && (b < 0x20 || b == 0x7F)) {
      if (b == '\n')
        out += '\n';
      else if (b == '\t' || b == '\r')
        out += ' ';
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string wordml_text(std::string_view xml, size_t cap) {
  std::string out;
  bool in_text = false;
  size_t i = 0;
  while (i < xml.size() && out.size() < cap) {
    if (xml[i] != '<') {
      const size_t next = xml.find('<', i);
      const std::string_view chunk = xml.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
      if (in_text) append_xml_text(out, chunk);
      i = next == std::string_view::npos ? xml.size() : next;
      continue;
    }
    const size_t end = xml.find('>', i);
    if (end == std::string_view::npos) break;
    std::string_view tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    const bool closing = tag.starts_with('/');
    const bool empty = tag.ends_with('/');
    if (closing) tag.remove_prefix(1);
    const size_t name_end = tag.find_first_of(" \t\r\n/");
    std::string_view name = tag.substr(0, name_end);
    if (const size_t colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    if (name == "t") {
      in_text = !closing && !empty;
    } else if (!closing && name == "tab") {
      out += ' ';
    } else if (!closing && (name == "br" || name == "cr")) {
      out += '\n';
    } else if (closing && name == "p") {
      out += '\n';
    }
  }
  return clean_text(out, cap);
}

std::string docx_text(std::string_view bytes, size_t cap) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    spdlog::warn("search: DOCX not readable: {}", zip_error_strerror(&err));
    zip_error_fini(&err);
    return "";
  }
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!za) {
    spdlog::warn("search: DOCX is not a readable ZIP archive: {}", zip_error_strerror(&err));
    zip_source_free(src);
    zip_error_fini(&err);
    return "";
  }
  zip_error_fini(&err);
  std::string xml;
  const zip_int64_t index = zip_name_locate(za, "word/document.xml", 0);
  zip_file_t* f = index < 0 ? nullptr : zip_fopen_index(za, static_cast<zip_uint64_t>(index), 0);
  if (!f) {
    spdlog::warn("search: DOCX without a readable word/document.xml");
  } else {
    char buf[65536];
    while (xml.size() < kMaxDocxXmlBytes) {
      const zip_int64_t n = zip_fread(f, buf, sizeof buf);
      if (n < 0) {
        spdlog::warn("search: DOCX word/document.xml is damaged: {}", zip_error_strerror(zip_file_get_error(f)));
        break;
      }
      if (n == 0) break;
      xml.append(buf, static_cast<size_t>(n));
    }
    zip_fclose(f);
  }
  zip_discard(za);
  return wordml_text(xml, cap);
}

std::string pdf_text(std::string_view bytes, size_t cap) {
  static std::mutex mu;
  static std::once_flag quiet;
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return "";
  std::lock_guard lock(mu);
  std::call_once(quiet, [] { poppler::set_debug_error_function(quiet_poppler, nullptr); });
  std::string out;
  try {
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) {
      spdlog::warn("search: PDF not readable");
      return "";
    }
    if (doc->is_locked()) {
      spdlog::warn("search: PDF is encrypted; no text indexed");
      return "";
    }
    const int pages = std::min(doc->pages(), kMaxPdfPages);
    for (int p = 0; p < pages && out.size() < cap; ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      if (!page) continue;
      const poppler::byte_array utf8 = page->text().to_utf8();
      out.append(utf8.data(), utf8.size());
      out += '\n';
    }
  } catch (const std::exception& e) {
    spdlog::warn("search: PDF text extraction failed: {}", e.what());
  }
  return clean_text(join_cjk_lines(out), cap);
}

std::string extract_text(std::string_view mime, std::string_view bytes, std::string_view name) {
  std::string text;
  if (mime == kPdfMime)
    text = pdf_text(bytes);
  else if (mime == kDocxMime)
    text = docx_text(bytes);
  else
    return "";
  if (text.find_first_not_of(" \n") == std::string::npos) {
    spdlog::info("search: no text found in attachment {}", name);
    return "";
  }
  return text;
}

}  // namespace gk::search
