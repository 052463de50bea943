// The report checker on hostile or broken input: empty, binary, truncated HTML, 20 MB of noise,
// wrong encodings, deep markup, tables with missing cells — a result or a clear error, never a crash.
// No timing asserts: the inputs are sized so that a quadratic path would make the suite time out.
// Also the rules that need no corpus: agency level, sections tolerant of numbering and spacing,
// carry-over against last year's report, prose figures contradicting the tables.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "checker/checker.h"
#include "checker/figures.h"
#include "checker/input.h"
#include "reports/format.h"

namespace fs = std::filesystem;
using gk::checker::check_report;
using gk::checker::CheckResult;

namespace {

std::string corpus(const std::string& name) {
  const char* root = std::getenv("GK_SOURCE_DIR");
  std::ifstream in(fs::path(root ? root : ".") / "tests" / "checker" / "corpus" / name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CheckResult must_check(std::string_view bytes) {
  auto r = check_report(bytes);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r.value()) : CheckResult{};
}

// A minimal 2021 report as flattened text, with 表三 balanced unless `new_person` breaks it.
std::string text_report(int year, int new_person, int carry_forward_person) {
  std::ostringstream s;
  s << "测试县教育局" << year << "年政府信息公开工作年度报告\n一、总体情况\n本年度共收到政府信息公开申请" << new_person
    << "件。全年工作有序推进。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n"
    << "规章 | 0 | 0 | 0\n行政规范性文件 | 2 | 1 | 10\n三、收到和处理政府信息公开申请情况\n";
  const auto* t3 = gk::reports::format("2021")->table("table3");
  for (const auto* row : t3->data_rows()) {
    int person = 0;
    if (row->key == "new") person = new_person;
    else if (row->key == "carried_over") person = 1;
    else if (row->key == "r1" || row->key == "r7") person = 5;
    else if (row->key == "carry_forward") person = carry_forward_person;
    s << t3->qualified_label(*row) << " | " << person << " | 0 | 0 | 0 | 0 | 0 | " << person << "\n";
  }
  s << "四、政府信息公开行政复议、行政诉讼情况\n" << std::string("0 | ") + "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n";
  s << "五、存在的主要问题及改进情况\n政策解读形式单一，将加以改进。\n六、其他需要报告的事项\n无其他需要报告的事项。\n测试县教育局\n"
    << year + 1 << "年1月20日\n";
  return s.str();
}

}  // namespace

TEST(CheckerRobustness, EmptyInputIsAClearError) {
  auto r = check_report("");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "empty_input");
}

TEST(CheckerRobustness, OverTwentyMegabytesIsRefused) {
  const std::string big(gk::checker::kMaxInputBytes + 1, 'a');
  auto r = check_report(big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "too_large");
  EXPECT_NE(r.error().message.find("20MB"), std::string::npos);
}

TEST(CheckerRobustness, TwentyMegabytesOfNoiseGivesAResult) {
  std::mt19937 rng(7);
  std::string noise(gk::checker::kMaxInputBytes, '\0');
  for (auto& c : noise) c = static_cast<char>(rng() & 0xFF);
  const auto r = must_check(noise);
  EXPECT_TRUE(r.values.empty());
  EXPECT_FALSE(r.year.has_value());
  EXPECT_TRUE(r.has_finding("year_unknown"));
  for (const auto& s : r.sections) EXPECT_FALSE(s.found) << s.key;
}

TEST(CheckerRobustness, MegabytesOfTableRowsGiveAResult) {
  // Worst case for the table reader: every line a candidate row (the first occurrence wins).
  std::string s = "测试局2022年政府信息公开工作年度报告\n";
  while (s.size() + 64 < (5u << 20)) s += "（七）总计 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |||||||\n";
  const auto r = must_check(s);
  EXPECT_EQ(r.values.get("table3.r7.total").value_or(-1), 21) << gk::checker::to_json(r).dump().substr(0, 1500);
  EXPECT_TRUE(r.has_finding("table_rows_missing"));
}

TEST(CheckerRobustness, BinaryAndNulBytes) {
  std::string bin("\x00\x01\x02\xff\xfe\x00%PDF\x00<html><table><tr><td>", 28);
  must_check(bin);
  must_check(std::string("%PDF-1.7\n") + std::string(1000, '\x9c'));  // not a PDF after all
  must_check(std::string(4096, '\0'));
}

TEST(CheckerRobustness, TruncatedHtmlKeepsWhatItRead) {
  const std::string full = corpus("2021-county-gov-html.html");
  ASSERT_FALSE(full.empty());
  const auto whole = must_check(full);
  // Cut inside 表三: the cells read before the cut are still right, 表四 and the sections after are missing.
  const size_t cut = full.find("（四）无法提供");
  ASSERT_NE(cut, std::string::npos);
  const auto part = must_check(full.substr(0, cut + 5));
  EXPECT_TRUE(part.has_finding("table_rows_missing"));
  EXPECT_TRUE(part.has_finding("table_missing"));
  EXPECT_FALSE(part.has_finding("identity_violation")) << "a table cut short is not checked against the identities";
  int compared = 0;
  for (const auto& [ref, v] : part.values.cells()) {
    EXPECT_EQ(whole.values.get(ref), v) << ref;
    ++compared;
  }
  EXPECT_GT(compared, 20);
  for (size_t n : {size_t{1}, size_t{100}, full.size() / 3, full.size() - 1}) must_check(full.substr(0, n));
}

TEST(CheckerRobustness, DeeplyNestedMarkupIsReadAsText) {
  std::string html = "<html><body>";
  for (int i = 0; i < 200000; ++i) html += "<div>";
  html += "测试局2022年政府信息公开工作年度报告 一、总体情况";
  const auto r = must_check(html);
  EXPECT_TRUE(r.has_finding("html_flattened"));
  EXPECT_EQ(r.year.value_or(0), 2022);
}

TEST(CheckerRobustness, WrongEncodingsGiveAResult) {
  const std::string gbk = corpus("2021-gbk-text.txt");
  ASSERT_FALSE(gbk.empty());
  const auto ok = must_check(gbk);
  EXPECT_EQ(ok.encoding, "GB18030");
  EXPECT_EQ(ok.agency, "洞头区交通运输局");
  // GBK bytes behind a UTF-8 BOM: decoded as (broken) UTF-8, not a crash.
  must_check("\xEF\xBB\xBF" + gbk);
  // UTF-16 with a BOM is converted.
  std::string u16 = "\xFF\xFE";
  for (char16_t c : std::u16string(u"测试局2021年政府信息公开工作年度报告")) {
    u16 += static_cast<char>(c & 0xFF);
    u16 += static_cast<char>(c >> 8);
  }
  const auto r16 = must_check(u16);
  EXPECT_EQ(r16.encoding, "UTF-16");
  EXPECT_EQ(r16.agency, "测试局");
  // Mostly undecodable: flagged.
  std::string junk;
  for (int i = 0; i < 3000; ++i) junk += "\x80\xff";
  EXPECT_TRUE(must_check(junk).has_finding("encoding_doubtful"));
}

TEST(CheckerRobustness, TableWithMissingCells) {
  // A 表三 row with three of seven cells, and rows missing altogether.
  const std::string text =
      "测试局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
      "一、本年新收政府信息公开申请数量 | 3 | 0 | 1\n（七）总计\t4\n";
  const auto r = must_check(text);
  EXPECT_EQ(r.values.get("table3.new.person"), 3);
  EXPECT_EQ(r.values.get("table3.new.research"), 1);
  EXPECT_FALSE(r.values.contains("table3.new.total"));
  EXPECT_TRUE(r.has_finding("table_row_incomplete"));
  EXPECT_TRUE(r.has_finding("table_rows_missing"));
}

TEST(CheckerRules, AgencyLevelFromTheName) {
  using gk::checker::agency_level;
  EXPECT_EQ(agency_level("长兴县人民政府"), "government");
  EXPECT_EQ(agency_level("长兴县"), "government");
  EXPECT_EQ(agency_level("镇江市人民政府"), "government");
  EXPECT_EQ(agency_level("惠州市惠阳区镇隆镇人民政府"), "township");
  EXPECT_EQ(agency_level("西湖区北山街道办事处"), "township");
  EXPECT_EQ(agency_level("瑞安市教育局"), "department");
  EXPECT_EQ(agency_level("长兴县人民政府办公室"), "department");
  EXPECT_EQ(agency_level(""), "unknown");
}

TEST(CheckerRules, DepartmentLateAfterJanuary31) {
  const auto on_time = must_check(text_report(2022, 5, 1));
  EXPECT_EQ(on_time.published.value_or(""), "2023-01-20");
  EXPECT_FALSE(on_time.has_finding("late_publication"));
  std::string late = text_report(2022, 5, 1);
  late.replace(late.find("2023年1月20日"), std::string("2023年1月20日").size(), "2023年2月1日");
  EXPECT_TRUE(must_check(late).has_finding("late_publication"));
}

TEST(CheckerRules, ProseContradictingTheTable) {
  // Prose says 12 applications were received; 表三 新收 总计 says 5.
  std::string t = text_report(2022, 5, 1);
  t.replace(t.find("申请5件"), std::string("申请5件").size(), "申请12件");
  const auto r = must_check(t);
  ASSERT_TRUE(r.has_finding("prose_table_mismatch"));
  EXPECT_FALSE(must_check(text_report(2022, 5, 1)).has_finding("prose_table_mismatch"));
}

TEST(CheckerRules, IdentityViolationFromTheSharedIdentities) {
  // 新收 6 + 结转 1 ≠ 总计 5 + 结转下年 1.
  const auto r = must_check(text_report(2022, 6, 1));
  bool balance = false;
  for (const auto& f : r.findings)
    if (f.code == "identity_violation" && f.message_zh.find("自然人") != std::string::npos) balance = true;
  EXPECT_TRUE(balance);
  EXPECT_LT(r.score, must_check(text_report(2022, 5, 1)).score);
}

TEST(CheckerRules, CarryOverAgainstLastYear) {
  const auto last = must_check(text_report(2021, 5, 1));  // 结转下年度 1
  auto this_year = check_report(text_report(2022, 5, 1), {&last});  // 上年结转 1: agrees
  ASSERT_TRUE(this_year.ok());
  EXPECT_FALSE(this_year->has_finding("carry_over_mismatch"));
  const auto last2 = must_check(text_report(2021, 5, 3));  // 结转下年度 3 (and unbalanced, no matter)
  auto mismatch = check_report(text_report(2022, 5, 1), {&last2});
  ASSERT_TRUE(mismatch.ok());
  EXPECT_TRUE(mismatch->has_finding("carry_over_mismatch"));
}

TEST(CheckerRules, SectionsTolerantOfSpacingAndNumbering) {
  const auto r = must_check(std::string("测试局2022年政府信息公开工作年度报告\n一 、总体情况\n工作有序推进，成效明显。\n"
                                        "二、 主动公开 政府信息情况\n全年发布信息若干。\n"
                                        "（三）收到和处理政府信息公开申请情况\n"));
  EXPECT_TRUE(r.sections[0].found);
  EXPECT_TRUE(r.sections[1].found);
  EXPECT_FALSE(r.sections[2].found) << "a （三） sub-heading is not section 三";
}

TEST(CheckerRules, FigureKindsAreDocumentedAndComplete) {
  const auto& kinds = gk::checker::figure_kinds();
  EXPECT_GE(kinds.size(), 12u);
  for (const char* k : {"website_posts", "new_media_posts", "policy_interpretations", "applications_received",
                        "applications_answered", "admin_reviews", "admin_litigation", "messages_received",
                        "messages_closed", "gazette_issues", "enforcement_publications", "fees"})
    EXPECT_NE(gk::checker::figure_kind(k), nullptr) << k;
  const char* root = std::getenv("GK_SOURCE_DIR");
  std::ifstream in(fs::path(root ? root : ".") / "docs" / "checker.md");
  std::ostringstream doc;
  doc << in.rdbuf();
  for (const auto& k : kinds) EXPECT_NE(doc.str().find("`" + k.key + "`"), std::string::npos) << k.key;
}

TEST(CheckerRules, ChineseNumeralsAndUnits) {
  const auto f = gk::checker::figures_in_line("2019年共发行三期《长兴县人民政府公报》，每期1300余册。收取信息处理费0.5万元。");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].kind, "gazette_issues");
  EXPECT_EQ(f[0].value, 3);
  EXPECT_EQ(f[1].kind, "fees");
  EXPECT_EQ(f[1].value, 500000);
  EXPECT_EQ(f[1].unit, "万元");
}
