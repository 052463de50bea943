// Tests for attachment sniffing (content vs. extension), container listing and download names.
// Samples are built in memory: structurally valid minimal PDF, PNG, JPEG, GIF, ZIP and OLE2 files.
#include "platform/files/sniff.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/demo_files.h"
#include "platform/files/containers.h"

namespace gk::files {
namespace {

using app::demo_files::crc32;

void put16(std::string& s, uint16_t v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& s, uint32_t v) {
  put16(s, static_cast<uint16_t>(v & 0xFFFF));
  put16(s, static_cast<uint16_t>(v >> 16));
}
void put32be(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((v >> shift) & 0xFF));
}
void set32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
void set16(std::string& s, size_t at, uint16_t v) {
  s[at] = static_cast<char>(v & 0xFF);
  s[at + 1] = static_cast<char>(v >> 8);
}

std::string pdf() {
  return "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
         "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

std::string png_chunk(std::string_view type, std::string_view data) {
  std::string c;
  put32be(c, static_cast<uint32_t>(data.size()));
  std::string body = std::string(type) + std::string(data);
  c += body;
  put32be(c, crc32(body));
  return c;
}

std::string png() {
  std::string ihdr;
  put32be(ihdr, 1);                            // width
  put32be(ihdr, 1);                            // height
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  return std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IEND", "");
}

// A string from a literal that may contain NULs.
template <size_t N>
std::string bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

// SOI, a JFIF APP0 segment, EOI.
std::string jpeg() { return bytes("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9"); }

// A 1×1 GIF89a: screen descriptor, image descriptor, LZW data, trailer.
std::string gif() {
  return bytes("GIF89a\x01\x00\x01\x00\x00\x00\x00" "\x2C\x00\x00\x00\x00\x01\x00\x01\x00\x00" "\x02\x02\x44\x01\x00\x3B");
}

// A stored (uncompressed) ZIP archive with a central directory.
std::string zip(const std::vector<std::pair<std::string, std::string>>& entries, bool with_directory = true) {
  std::string out, directory;
  for (const auto& [name, content] : entries) {
    uint32_t offset = static_cast<uint32_t>(out.size());
    uint32_t crc = crc32(content);
    auto size = static_cast<uint32_t>(content.size());
    out += "PK\x03\x04";
    put16(out, 20);  // version needed
    put16(out, 0);   // flags
    put16(out, 0);   // stored
    put16(out, 0);   // time
    put16(out, 0x21);  // date
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, static_cast<uint16_t>(name.size()));
    put16(out, 0);
    out += name + content;

    directory += "PK\x01\x02";
    put16(directory, 20);  // made by
    put16(directory, 20);  // needed
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0x21);
    put32(directory, crc);
    put32(directory, size);
    put32(directory, size);
    put16(directory, static_cast<uint16_t>(name.size()));
    put16(directory, 0);  // extra
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += name;
  }
  if (!with_directory) return out;
  uint32_t directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  out += "PK\x05\x06";
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint16_t>(entries.size()));
  put16(out, static_cast<uint16_t>(entries.size()));
  put32(out, static_cast<uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, 0);
  return out;
}

std::string docx() {
  return zip({{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
              {"_rels/.rels", "<Relationships/>"},
              {"word/document.xml", "<w:document/>"}});
}
std::string xlsx() {
  return zip({{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"}, {"xl/workbook.xml", "<workbook/>"}});
}

// An OLE2 compound file (version 3, 512-byte sectors): header, one FAT sector, one directory sector
// holding the root entry and the given (empty) streams.
std::string ole(const std::vector<std::string>& streams) {
  std::string header(512, '\0');
  header.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  set16(header, 0x18, 0x3E);    // minor version
  set16(header, 0x1A, 3);       // major version
  set16(header, 0x1C, 0xFFFE);  // byte order
  set16(header, 0x1E, 9);       // sector shift
  set16(header, 0x20, 6);       // mini sector shift
  set32(header, 0x2C, 1);       // FAT sectors
  set32(header, 0x30, 1);       // first directory sector
  set32(header, 0x38, 4096);    // mini stream cutoff
  set32(header, 0x3C, 0xFFFFFFFE);
  set32(header, 0x44, 0xFFFFFFFE);
  for (size_t i = 0; i < 109; ++i) set32(header, 0x4C + 4 * i, 0xFFFFFFFF);
  set32(header, 0x4C, 0);  // the FAT is sector 0
  std::string fat(512, '\xFF');
  set32(fat, 0, 0xFFFFFFFD);  // sector 0: FAT
  set32(fat, 4, 0xFFFFFFFE);  // sector 1: directory, end of chain
  std::string dir(512, '\0');
  auto entry = [&](size_t i, std::string_view name, uint8_t type, uint32_t child, uint32_t right) {
    size_t at = i * 128;
    for (size_t k = 0; k < name.size(); ++k) dir[at + 2 * k] = name[k];
    set16(dir, at + 0x40, static_cast<uint16_t>(2 * name.size() + 2));
    dir[at + 0x42] = static_cast<char>(type);
    dir[at + 0x43] = 1;
    set32(dir, at + 0x44, 0xFFFFFFFF);
    set32(dir, at + 0x48, right);
    set32(dir, at + 0x4C, child);
    set32(dir, at + 0x74, 0xFFFFFFFE);
  };
  entry(0, "Root Entry", 5, streams.empty() ? 0xFFFFFFFF : 1, 0xFFFFFFFF);
  for (size_t i = 0; i < streams.size(); ++i) {
    entry(i + 1, streams[i], 2, 0xFFFFFFFF, i + 1 < streams.size() ? static_cast<uint32_t>(i + 2) : 0xFFFFFFFF);
  }
  return header + fat + dir;
}

std::string word97() { return ole({"WordDocument", "1Table"}); }
std::string excel97() { return ole({"Workbook"}); }

constexpr std::string_view kRejected =
    "附件类型不受支持或与扩展名不符：只接受 PDF、DOC/DOCX、XLS/XLSX、WPS、PNG/JPG/GIF";

void expect_kind(std::string_view bytes, std::string_view name, std::string_view ext, std::string_view mime) {
  auto r = sniff_attachment(bytes, name);
  ASSERT_TRUE(r.ok()) << name << ": " << r.error().message;
  EXPECT_EQ(r->ext, ext) << name;
  EXPECT_EQ(r->mime, mime) << name;
  EXPECT_FALSE(r->label.empty());
}

void expect_rejected(std::string_view bytes, std::string_view name) {
  auto r = sniff_attachment(bytes, name);
  ASSERT_FALSE(r.ok()) << name << " accepted as " << r->ext;
  EXPECT_EQ(r.error().code, "unsupported_attachment");
  EXPECT_EQ(r.error().message, kRejected) << name;
}

TEST(Sniff, AcceptsEachTypeWithItsExtension) {
  expect_kind(pdf(), "关于印发《办法》的通知.pdf", "pdf", "application/pdf");
  expect_kind(png(), "图1.png", "png", "image/png");
  expect_kind(jpeg(), "现场照片.jpg", "jpg", "image/jpeg");
  expect_kind(jpeg(), "现场照片.JPEG", "jpg", "image/jpeg");
  expect_kind(gif(), "动图.gif", "gif", "image/gif");
  expect_kind(docx(), "附件1.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect_kind(xlsx(), "统计表.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect_kind(word97(), "旧文件.doc", "doc", "application/msword");
  expect_kind(excel97(), "旧表格.xls", "xls", "application/vnd.ms-excel");
  expect_kind(word97(), "金山文字.wps", "wps", "application/wps-office.wps");
  expect_kind(excel97(), "金山表格.et", "et", "application/wps-office.et");
  expect_kind(ole({"Contents"}), "未知结构.wps", "wps", "application/wps-office.wps");
}

TEST(Sniff, PdfHeaderAfterBomOrBlankLine) {
  expect_kind("\xEF\xBB\xBF" + pdf(), "a.pdf", "pdf", "application/pdf");
  expect_kind("\n" + pdf(), "a.pdf", "pdf", "application/pdf");
}

TEST(Sniff, LabelsAreChinese) {
  EXPECT_EQ(sniff_attachment(pdf(), "a.pdf")->label, "PDF文档");
  EXPECT_EQ(sniff_attachment(docx(), "a.docx")->label, "Word文档");
  EXPECT_EQ(sniff_attachment(word97(), "a.doc")->label, "Word文档");
  EXPECT_EQ(sniff_attachment(xlsx(), "a.xlsx")->label, "Excel表格");
}

TEST(Sniff, ExtensionIsCaseInsensitiveAndPathIgnored) {
  expect_kind(pdf(), "C:\\Users\\张三\\Desktop\\报告.PDF", "pdf", "application/pdf");
  expect_kind(docx(), "dir.v2/附件.DocX", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST(Sniff, NameWithoutExtensionIsJudgedByContent) {
  expect_kind(pdf(), "附件", "pdf", "application/pdf");
  expect_kind(word97(), "附件", "doc", "application/msword");
  expect_kind(excel97(), "", "xls", "application/vnd.ms-excel");
  expect_kind(docx(), "通知（2020.5）", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST(Sniff, ZipWhoseFirstEntryIsTheDocument) {
  // libmagic names this one wordprocessingml itself; the other sample it calls application/zip.
  expect_kind(zip({{"word/document.xml", "<w:document/>"}}), "a.docx", "docx",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST(Sniff, DisguisedFilesAreRejected) {
  expect_rejected("<html><body><script>alert(1)</script></body></html>", "通知.pdf");
  expect_rejected("<!DOCTYPE html><html><head><title>x</title></head></html>", "通知.html");
  std::string exe("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00", 16);
  exe += std::string(48, '\0');
  exe += "This program cannot be run in DOS mode.";
  expect_rejected(exe, "附件.pdf");
  expect_rejected(exe, "附件.exe");
  expect_rejected(png(), "附件.docx");
  expect_rejected(png(), "附件.jpg");
  expect_rejected(jpeg(), "附件.png");
  expect_rejected(pdf(), "附件.doc");
  expect_rejected(pdf(), "附件.pdf.exe");
  expect_rejected(docx(), "附件.xlsx");
  expect_rejected(xlsx(), "附件.docx");
  expect_rejected(docx(), "附件.zip");
  expect_rejected(docx(), "附件.doc");
  expect_rejected(word97(), "附件.xls");
  expect_rejected(word97(), "附件.docx");
  expect_rejected(word97(), "附件.et");
  expect_rejected(excel97(), "附件.doc");
  expect_rejected(excel97(), "附件.wps");
  expect_rejected(ole({"Contents"}), "附件.doc");
  expect_rejected(ole({"Contents"}), "附件");
  expect_rejected(zip({{"readme.txt", "hello"}}), "附件.docx");
  expect_rejected(zip({{"readme.txt", "hello"}}), "附件");
  expect_rejected("纯文本内容", "说明.txt");
  expect_rejected("纯文本内容", "说明.pdf");
  expect_rejected("%PDF", "假的.doc");
}

TEST(Sniff, EmptyFile) {
  auto r = sniff_attachment("", "a.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("空文件"), std::string::npos);
}

TEST(Sniff, WorksFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &ok] {
      for (int i = 0; i < 20; ++i) {
        if (sniff_attachment(pdf(), "a.pdf").ok() && sniff_attachment(word97(), "a.doc").ok() &&
            !sniff_attachment(png(), "a.pdf").ok()) {
          ++ok[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int n : ok) EXPECT_EQ(n, 20);
}

TEST(Containers, ZipNamesFromCentralDirectoryOrLocalHeaders) {
  std::vector<std::string> expected = {"[Content_Types].xml", "_rels/.rels", "word/document.xml"};
  EXPECT_EQ(zip_entry_names(docx()), expected);
  auto no_directory = zip({{"[Content_Types].xml", "x"}, {"word/document.xml", "y"}}, false);
  EXPECT_EQ(zip_entry_names(no_directory), (std::vector<std::string>{"[Content_Types].xml", "word/document.xml"}));
  EXPECT_TRUE(zip_entry_names("not a zip").empty());
  EXPECT_TRUE(zip_entry_names("").empty());
  // Truncated inside a header: no crash, partial or no names.
  std::string z = docx();
  for (size_t cut = 0; cut < z.size(); cut += 7) (void)zip_entry_names(std::string_view(z).substr(0, cut));
}

TEST(Containers, OleStreamNames) {
  EXPECT_EQ(ole_entry_names(word97()), (std::vector<std::string>{"WordDocument", "1Table"}));
  EXPECT_EQ(ole_entry_names(excel97()), (std::vector<std::string>{"Workbook"}));
  EXPECT_TRUE(ole_entry_names(pdf()).empty());
  std::string o = word97();
  for (size_t cut = 0; cut < o.size(); cut += 13) (void)ole_entry_names(std::string_view(o).substr(0, cut));
  // A directory chain that loops back on itself terminates.
  std::string loop = word97();
  set32(loop, 512 + 4, 1);
  // (Bounded by the sector count: 2 hops over the same sector, 2 stream names each.)
  EXPECT_EQ(ole_entry_names(loop).size(), 4u);
}

TEST(SafeDownloadName, StripsPathsAndControls) {
  EXPECT_EQ(safe_download_name("关于印发《政府信息公开办法》的通知.pdf"), "关于印发《政府信息公开办法》的通知.pdf");
  EXPECT_EQ(safe_download_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_download_name("C:\\Users\\张三\\附件1.docx"), "附件1.docx");
  EXPECT_EQ(safe_download_name("a\r\nb\t.pdf"), "ab.pdf");
  EXPECT_EQ(safe_download_name("\u202Egpj.exe"), "gpj.exe");
  EXPECT_EQ(safe_download_name("say \"hi\" <x>?.pdf"), "say _hi_ _x__.pdf");
  EXPECT_EQ(safe_download_name("  .hidden.pdf. "), "hidden.pdf");
  EXPECT_EQ(safe_download_name(std::string("a\xFF\xC0\x80" "b.pdf")), "ab.pdf");
  EXPECT_EQ(safe_download_name(std::string("a\0b.pdf", 7)), "ab.pdf");
  EXPECT_EQ(safe_download_name(""), "附件");
  EXPECT_EQ(safe_download_name(".."), "附件");
  EXPECT_EQ(safe_download_name("dir/"), "附件");
  EXPECT_EQ(safe_download_name("\u3000公告\u3000.pdf"), "\u3000公告\u3000.pdf");
}

}  // namespace
}  // namespace gk::files
