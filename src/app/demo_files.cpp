// In-memory PDF and XLSX files for the demo dataset.
#include "app/demo_files.h"

#include "platform/text/html_sanitizer.h"

#include <cstdio>

namespace gk::app::demo_files {
namespace {

// Code points of UTF-8 text; invalid sequences are skipped.
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    auto b0 = static_cast<unsigned char>(s[i]);
    size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? b0 : (b0 & (0x7F >> len));
    bool ok = true;
    for (size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (ok) out.push_back(cp);
    i += ok ? len : 1;
  }
  return out;
}

// UTF-16BE hex of BMP code points (others dropped). With `fullwidth`, printable ASCII becomes its
// full-width form and the space U+3000, so it takes one CJK cell.
std::string hex16(const std::vector<char32_t>& cps, bool fullwidth) {
  std::string out;
  char buf[8];
  for (char32_t c : cps) {
    if (c > 0xFFFF) continue;
    if (fullwidth) {
      if (c == 0x20) c = 0x3000;
      else if (c > 0x20 && c < 0x7F) c += 0xFEE0;
    }
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
    out += buf;
  }
  return out;
}

// Splits a paragraph into lines of at most `width` code points; `indent` full-width spaces start it.
std::vector<std::vector<char32_t>> wrap(std::string_view text, size_t width, size_t indent) {
  std::vector<std::vector<char32_t>> lines;
  std::vector<char32_t> line(indent, U'\u3000');
  for (char32_t c : code_points(text)) {
    if (line.size() >= width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    line.push_back(c);
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

void put16(std::string& s, uint16_t v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>(v >> 8));
}

void put32(std::string& s, uint32_t v) {
  put16(s, static_cast<uint16_t>(v & 0xFFFF));
  put16(s, static_cast<uint16_t>(v >> 16));
}


bool is_number(std::string_view s) {
  if (s.empty() || s.size() > 20) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits && s.back() != '.';
}

std::string column_letter(size_t col) {
  std::string s;
  for (size_t n = col + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
  return s;
}

}  // namespace

uint32_t crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string make_pdf(std::string_view title, const std::vector<std::string>& paragraphs) {
  // A4, 72 pt margins: 451 pt of line width, i.e. 28 cells at 16 pt and 37 at 12 pt.
  constexpr int kTop = 770, kBottom = 72, kTitleLead = 24, kBodyLead = 19;
  std::string content = "BT\n/F1 16 Tf\n" + std::to_string(kTitleLead) + " TL\n72 " + std::to_string(kTop) + " Td\n";
  int y = kTop;
  for (const auto& line : wrap(title, 28, 0)) {
    content += "<" + hex16(line, true) + "> Tj T*\n";
    y -= kTitleLead;
  }
  content += "/F1 12 Tf\n" + std::to_string(kBodyLead) + " TL\nT*\n";
  y -= kBodyLead;
  bool full = false;
  for (const auto& para : paragraphs) {
    for (const auto& line : wrap(para, 37, 2)) {
      if (y - kBodyLead < kBottom) {
        full = true;
        break;
      }
      content += "<" + hex16(line, true) + "> Tj T*\n";
      y -= kBodyLead;
    }
    if (full) break;
  }
  if (full) content += "<" + hex16(code_points("……"), true) + "> Tj\n";
  content += "ET";

  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
      "/Contents 4 0 R >>");
  object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  object(
      "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H "
      "/DescendantFonts [6 0 R] >>");
  object(
      "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
      "/Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>");
  object(
      "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
      "/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>");
  object("<< /Title <FEFF" + hex16(code_points(title), false) + "> /Producer (gongkai demo) >>");
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  char entry[32];
  for (size_t off : offsets) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R /Info " +
         std::to_string(offsets.size()) + " 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  constexpr uint16_t kTime = 9 << 11;                           // 09:00:00
  constexpr uint16_t kDate = ((2024 - 1980) << 9) | (1 << 5) | 1;  // 2024-01-01
  std::string out, central;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = crc32(data);
    const auto size = static_cast<uint32_t>(data.size());
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0);
    put16(out, 0);
    put16(out, kTime);
    put16(out, kDate);
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, static_cast<uint16_t>(name.size()));
    put16(out, 0);
    out += name;
    out += data;
    put32(central, 0x02014b50);
    put16(central, 20);
    put16(central, 20);
    put16(central, 0);
    put16(central, 0);
    put16(central, kTime);
    put16(central, kDate);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, static_cast<uint16_t>(name.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, 0);
    put32(central, offset);
    central += name;
  }
  const auto cd_offset = static_cast<uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint16_t>(entries.size()));
  put16(out, static_cast<uint16_t>(entries.size()));
  put32(out, static_cast<uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

std::string make_xlsx(std::string_view sheet_name, const std::vector<std::vector<std::string>>& rows) {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  const std::string main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships";
  const std::string doc_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string content_types =
      decl + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
             "<Override PartName=\"/xl/workbook.xml\" "
             "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
             "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
             "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
             "</Types>";
  std::string root_rels = decl + "<Relationships xmlns=\"" + rel_ns + "\"><Relationship Id=\"rId1\" Type=\"" +
                          doc_rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  std::string workbook = decl + "<workbook xmlns=\"" + main_ns + "\" xmlns:r=\"" + doc_rel +
                         "\"><sheets><sheet name=\"" + text::escape_html(sheet_name) +
                         "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  std::string workbook_rels = decl + "<Relationships xmlns=\"" + rel_ns + "\"><Relationship Id=\"rId1\" Type=\"" +
                              doc_rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  std::string sheet = decl + "<worksheet xmlns=\"" + main_ns + "\"><cols><col min=\"1\" max=\"1\" width=\"40\" "
                             "customWidth=\"1\"/><col min=\"2\" max=\"8\" width=\"18\" customWidth=\"1\"/></cols>"
                             "<sheetData>";
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string rn = std::to_string(r + 1);
    sheet += "<row r=\"" + rn + "\">";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string ref = column_letter(c) + rn;
      const std::string& v = rows[r][c];
      if (v.empty()) continue;
      if (is_number(v)) {
        sheet += "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
      } else {
        sheet += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text::escape_html(v) + "</t></is></c>";
      }
    }
    sheet += "</row>";
  }
  sheet += "</sheetData></worksheet>";
  return make_zip({{"[Content_Types].xml", content_types},
                   {"_rels/.rels", root_rels},
                   {"xl/workbook.xml", workbook},
                   {"xl/_rels/workbook.xml.rels", workbook_rels},
                   {"xl/worksheets/sheet1.xml", sheet}});
}

}  // namespace gk::app::demo_files
