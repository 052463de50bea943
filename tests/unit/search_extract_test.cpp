// Attachment text for the search index: DOCX paragraphs and entities, PDF text with Chinese line
// breaks joined, and broken or hostile files that must yield nothing rather than crash.
#include <gtest/gtest.h>

#include <random>

#include "app/demo_files.h"
#include "search/extract.h"

namespace gk::search {
namespace {

constexpr std::string_view kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

std::string docx(const std::string& document_xml) {
  return app::demo_files::make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", document_xml}});
}

TEST(SearchExtract, WordMlParagraphsTabsAndEntities) {
  const std::string xml =
      "<w:document><w:body><w:p><w:r><w:t>第一段</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">A &amp; B "
      "&lt;c&gt; &#x4E2D;&#25991;</w:t></w:r></w:p><w:p><w:r><w:instrText>PAGE</w:instrText><w:t>第二段</w:t>"
      "<w:br/><w:t>换行</w:t></w:r></w:p></w:body></w:document>";
  EXPECT_EQ(wordml_text(xml), "第一段 A & B <c> 中文\n第二段\n换行\n");
  EXPECT_EQ(extract_text(kDocx, docx(xml), "a.docx"), "第一段 A & B <c> 中文\n第二段\n换行\n");
}

TEST(SearchExtract, WordMlIsCapped) {
  std::string xml = "<w:p><w:t>";
  for (int k = 0; k < 1000; ++k) xml += "政务公开";
  xml += "</w:t></w:p>";
  const std::string text = wordml_text(xml, 100);
  EXPECT_LE(text.size(), 100u);
  EXPECT_EQ(text.size() % 3, 0u);  // cut at a character boundary
}

TEST(SearchExtract, PdfTextJoinsChineseLineBreaks) {
  const std::string pdf =
      app::demo_files::make_pdf("云溪县青石镇人民政府２０１９年第１１次困难群众救助保障工作会议纪要",
                                {"本文件明确了困难群众救助保障的总体要求。"});
  const std::string text = pdf_text(pdf);
  EXPECT_NE(text.find("工作会议纪要"), std::string::npos) << text;
  EXPECT_NE(text.find("总体要求"), std::string::npos) << text;
}

TEST(SearchExtract, BrokenFilesGiveNothing) {
  EXPECT_EQ(extract_text(kDocx, "not a zip at all", "x.docx"), "");
  EXPECT_EQ(extract_text(kDocx, app::demo_files::make_zip({{"other.xml", "<a/>"}}), "x.docx"), "");
  const std::string good = docx("<w:p><w:t>正文</w:t></w:p>");
  for (size_t cut : {size_t{10}, good.size() / 2, good.size() - 5}) {
    EXPECT_NO_THROW(extract_text(kDocx, good.substr(0, cut), "x.docx"));
  }
  EXPECT_EQ(extract_text("application/pdf", "%PDF-1.4\ngarbage", "x.pdf"), "");
  const std::string pdf = app::demo_files::make_pdf("标题", {"正文"});
  for (size_t cut : {size_t{20}, pdf.size() / 3, pdf.size() / 2, pdf.size() - 10}) {
    EXPECT_NO_THROW(pdf_text(pdf.substr(0, cut)));
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 30; ++round) {
    std::string bytes = pdf;
    for (int k = 0; k < 20; ++k) bytes[rng() % bytes.size()] = static_cast<char>(rng());
    EXPECT_NO_THROW(pdf_text(bytes));
  }
  EXPECT_EQ(extract_text("image/png", "\x89PNG", "x.png"), "");
}

TEST(SearchExtract, CleanText) {
  EXPECT_EQ(clean_text("a\x01"
                       "b\tc\r\nd\x7f"),
            "ab c \nd");
  EXPECT_EQ(clean_text("x\xff"
                       "y"),
            "x\xEF\xBF\xBDy");
  EXPECT_EQ(clean_text("政务公开", 7), "政务");
}

}  // namespace
}  // namespace gk::search
