// PDF and printable-HTML rendering of official letters (platform/render/pdf.h).
#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "platform/render/pdf.h"


namespace gk::render {
namespace {

using K = LetterBlock::Kind;

LetterDoc reply_letter(int paragraphs) {
  LetterDoc doc;
  doc.title = "政府信息公开申请答复书";
  doc.author = "某县人民政府办公室";
  doc.footer = "申请查询码 GK-2024-000123";
  doc.blocks = {
      {K::kTitle, "某县人民政府办公室\n政府信息公开申请答复书", {}},
      {K::kDocNumber, "某政办公开〔2024〕12号", {}},
      {K::kAddressee, "张三：", {}},
  };
  for (int i = 1; i <= paragraphs; ++i) {
    doc.blocks.push_back({K::kParagraph,
                          "本机关于2024年5月6日收到您提出的政府信息公开申请，您申请公开“2023年度本县道路建设项目的"
                          "招标文件及合同”。经审查，现答复如下：第" +
                              std::to_string(i) + "段。",
                          {}});
  }
  doc.blocks.push_back({K::kSignature, "某县人民政府办公室", {}});
  doc.blocks.push_back({K::kDate, "2024年5月20日", {}});
  return doc;
}

// A letter of `n` one-line paragraphs (one line of the 22-line page grid each).
void add_one_liners(LetterDoc& doc, int n) {
  for (int i = 0; i < n; ++i) doc.blocks.push_back({K::kParagraph, "第" + std::to_string(i + 1) + "行。", {}});
}

// Page objects ("/Type /Page", not "/Type /Pages").
int page_count(const std::string& pdf) {
  int n = 0;
  const std::string key = "/Type /Page";
  for (size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
    if (at + key.size() < pdf.size() && pdf[at + key.size()] != 's') ++n;
  }
  return n;
}

int pages_of(const LetterDoc& doc) {
  Result<std::string> pdf = render_letter_pdf(doc);
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
  return pdf.ok() ? page_count(*pdf) : -1;
}

// How a PDF text string spells `utf8` in hex: <FEFF…> in UTF-16BE.
std::string pdf_hex_string(const std::string& utf8) {
  std::string out = "<FEFF";
  char buf[8];
  for (size_t i = 0; i < utf8.size();) {
    auto b = static_cast<unsigned char>(utf8[i]);
    int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      std::snprintf(buf, sizeof buf, "%04X", 0xD800 + ((cp - 0x10000) >> 10));
      out += buf;
      cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
    }
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
    out += buf;
  }
  return out + ">";
}

TEST(PdfRender, ShortLetterIsOneA4PageWithEmbeddedFontsAndMetadata) {
  Result<std::string> pdf = render_letter_pdf(reply_letter(3));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_EQ(page_count(*pdf), 1);
  EXPECT_NE(pdf->find("/Count 1"), std::string::npos);
  EXPECT_NE(pdf->find("/MediaBox [ 0 0 595.275591 841.889764 ]"), std::string::npos);  // A4 in points
  EXPECT_NE(pdf->find("FontFile"), std::string::npos);  // embedded, not referenced by name
  EXPECT_NE(pdf->find("NotoSerifCJK"), std::string::npos);
  EXPECT_NE(pdf->find("/Title " + pdf_hex_string("政府信息公开申请答复书")), std::string::npos);
  EXPECT_NE(pdf->find("/Author " + pdf_hex_string("某县人民政府办公室")), std::string::npos);
}

TEST(PdfRender, TwoHundredParagraphsBreakIntoPages) {
  LetterDoc grid;
  add_one_liners(grid, 200);
  EXPECT_EQ(pages_of(grid), 10);  // 22 lines a page: 9 full pages and 2 lines

  LetterDoc letter = reply_letter(200);
  auto start = std::chrono::steady_clock::now();
  Result<std::string> pdf = render_letter_pdf(letter);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const int pages = page_count(*pdf);
  // Paragraphs of 3 lines may not split: 7 a page. Page 1 holds the head (title, 文号, addressee) and 5
  // paragraphs; pages 2-28 hold 7 each; page 29 the last 6 (18 lines), the signature 2 lines below and the date.
  EXPECT_EQ(pages, 29);
  EXPECT_NE(pdf->find("/Count " + std::to_string(pages)), std::string::npos);
  RecordProperty("render_ms", std::to_string(static_cast<int>(ms)));
  std::printf("[          ] 200-paragraph letter: %d pages, %zu bytes, %.0f ms\n", pages, pdf->size(), ms);
}

TEST(PdfRender, NoSingleLineOfAParagraphAloneAtAPageEdge) {
  // 21 lines, then a 3-line paragraph: moving one line of it to the next page would orphan it.
  LetterDoc doc;
  add_one_liners(doc, 21);
  doc.blocks.push_back({K::kParagraph, "甲\n乙\n丙", {}});
  add_one_liners(doc, 20);
  EXPECT_EQ(pages_of(doc), 3);  // 21 | 3 + 19 | 1 (a split would give 22 | 22)

  // A 4-line paragraph may split 2 + 2.
  LetterDoc split;
  add_one_liners(split, 20);
  split.blocks.push_back({K::kParagraph, "甲\n乙\n丙\n丁", {}});
  add_one_liners(split, 20);
  EXPECT_EQ(pages_of(split), 2);
}

TEST(PdfRender, HeadingIsKeptWithTheParagraphAfterIt) {
  LetterDoc doc;
  add_one_liners(doc, 21);
  doc.blocks.push_back({K::kHeading, "二、关于收费", {}});
  add_one_liners(doc, 22);
  EXPECT_EQ(pages_of(doc), 3);  // 21 | heading + 21 | 1 (the heading alone at the bottom: 22 | 22)
}

TEST(PdfRender, TablesContinueOnNewPagesAndHugeCellsDoNotFail) {
  LetterDoc doc = reply_letter(1);
  LetterBlock table{K::kTable, "", {{"序号", "申请内容", "答复"}}};
  for (int i = 1; i <= 80; ++i) table.rows.push_back({std::to_string(i), "第" + std::to_string(i) + "项", "予以公开"});
  table.rows.push_back({"短行"});  // fewer cells than the header
  std::string huge;
  for (int i = 0; i < 3000; ++i) huge += "不予公开";
  table.rows.push_back({"82", huge, "taller than a page"});
  doc.blocks.insert(doc.blocks.begin() + 4, table);
  doc.blocks.push_back({K::kTable, "", {}});  // an empty table prints nothing
  Result<std::string> pdf = render_letter_pdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_GT(page_count(*pdf), 5);
}

TEST(PdfRender, TextIsPlainNotMarkup) {
  LetterDoc doc = reply_letter(1);
  doc.blocks.push_back({K::kParagraph, "<b>&amp; <span foreground=\"red\">未闭合 & < > \" '", {}});
  doc.blocks.push_back({K::kTable, "", {{"<i>", "&lt;"}, {"</table>", "&"}}});
  doc.title = "<b>&amp;";
  doc.footer = "<markup & more>";
  Result<std::string> pdf = render_letter_pdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_NE(pdf->find("/Title (<b>&amp;)"), std::string::npos);
}

TEST(PdfRender, EmptyLetterIsOneBlankPage) { EXPECT_EQ(pages_of(LetterDoc{}), 1); }

TEST(PdfRender, InvalidUtf8IsAnErrorNotACrash) {
  for (int where = 0; where < 4; ++where) {
    LetterDoc doc = reply_letter(1);
    const std::string bad = "答复\xff\xfe书";
    if (where == 0) doc.title = bad;
    if (where == 1) doc.blocks[3].text = bad;
    if (where == 2) doc.blocks.push_back({K::kTable, "", {{"a", "b"}, {"c", bad}}});
    if (where == 3) doc.footer = std::string("NUL\0inside", 10);
    Result<std::string> pdf = render_letter_pdf(doc);
    ASSERT_FALSE(pdf.ok()) << where;
    EXPECT_EQ(pdf.error().code, "invalid_text");
    EXPECT_EQ(pdf.error().kind, Error::Kind::kInvalid);
  }
}

TEST(PdfRender, ThreadsRenderAtTheSameTime) {
  const LetterDoc doc = reply_letter(30);
  std::vector<int> pages(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < pages.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2; ++i) {
        Result<std::string> pdf = render_letter_pdf(doc);
        pages[t] = pdf.ok() ? page_count(*pdf) : -1;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const int expected = pages_of(doc);
  EXPECT_GT(expected, 1);
  for (int p : pages) EXPECT_EQ(p, expected);
}

// With poppler-utils installed (not needed otherwise): the text comes back out of the PDF.
TEST(PdfRender, ChineseTextRoundTripsThroughPdftotext) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext not installed";
  LetterDoc doc = reply_letter(2);
  doc.blocks.push_back({K::kParagraph, "特此告知。<b>&amp;", {}});
  Result<std::string> pdf = render_letter_pdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const auto path = std::filesystem::temp_directory_path() / ("gk-pdf-test-" + std::to_string(getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << *pdf;
  std::string text;
  if (FILE* p = popen(("pdftotext -enc UTF-8 '" + path.string() + "' -").c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  EXPECT_NE(text.find("政府信息公开申请答复书"), std::string::npos) << text;
  EXPECT_NE(text.find("某政办公开〔2024〕12号"), std::string::npos);
  EXPECT_NE(text.find("张三："), std::string::npos);
  EXPECT_NE(text.find("特此告知。<b>&amp;"), std::string::npos);
  std::string unspaced;
  for (char c : text) {
    if (c != ' ') unspaced += c;
  }
  EXPECT_NE(unspaced.find("—1—"), std::string::npos);
  EXPECT_NE(text.find("申请查询码 GK-2024-000123"), std::string::npos);
}

TEST(PdfRender, HtmlEscapesUserTextAndIsPrintable) {
  LetterDoc doc = reply_letter(1);
  doc.title = "<script>alert(1)</script>";
  doc.blocks.push_back({K::kParagraph, "<b>&amp;\n第二段\"'", {}});
  doc.blocks.push_back({K::kTable, "", {{"<th>"}, {"<td>", "x&y"}}});
  doc.blocks.push_back({K::kParagraph, "坏\xff字节", {}});
  doc.footer = "<i>查询码</i>";
  const std::string html = render_letter_html(doc);
  EXPECT_TRUE(html.starts_with("<!doctype html>"));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
  EXPECT_NE(html.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"para\">&lt;b&gt;&amp;amp;</p>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"para\">第二段&quot;&#39;</p>"), std::string::npos);
  EXPECT_NE(html.find("<th>&lt;th&gt;</th><th></th>"), std::string::npos);
  EXPECT_NE(html.find("<td>x&amp;y</td>"), std::string::npos);
  EXPECT_NE(html.find("坏\uFFFD字节"), std::string::npos);
  EXPECT_NE(html.find("&lt;i&gt;查询码&lt;/i&gt;"), std::string::npos);
  EXPECT_NE(html.find("@page"), std::string::npos);
  EXPECT_NE(html.find("size: A4"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(PdfRender, HtmlStyleHashMatchesTheInlineStyle) {
  const std::string html = render_letter_html(reply_letter(1));
  const size_t open = html.find("<style>") + 7;
  const std::string css = html.substr(open, html.find("</style>") - open);
  ASSERT_GE(sodium_init(), 0);
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(css.data()), css.size());
  char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
  EXPECT_EQ(letter_html_style_csp_source(), "'sha256-" + std::string(b64) + "'");
}

}  // namespace
}  // namespace gk::render
