// Tests for the annual-report formats (src/reports/, data/report_formats/): every label of
// ogi-facts §2.2–2.5 verbatim (typed here from the facts file, not copied from the JSON, so a typo in
// either fails), the 2019 → 2021 differences of §2.6, the merged-cell layouts, label lookup, the
// identities and their violations, amounts, and that docs/report-format.md lists what the JSON holds.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "platform/embedded.h"
#include "reports/format.h"
#include "reports/identities.h"
#include "reports/label.h"
#include "reports/table_values.h"

namespace gk::reports {
namespace {

const Format& f2019() {
  const Format* f = format("2019");
  if (!f) throw std::logic_error("format 2019 missing");
  return *f;
}
const Format& f2021() {
  const Format* f = format("2021");
  if (!f) throw std::logic_error("format 2021 missing");
  return *f;
}
const Table& table(const Format& f, std::string_view key) {
  const Table* t = f.table(key);
  if (!t) throw std::logic_error("table missing");
  return *t;
}

std::vector<std::string> labels_of(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(r.label);
  return out;
}
std::vector<std::string> keys_of(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(r.key);
  return out;
}
std::vector<std::string> part_column_labels(const Table& t, std::string_view part) {
  std::vector<std::string> out;
  for (const std::string& c : t.part(part)->columns) out.push_back(t.column(c)->label);
  return out;
}
std::vector<std::string> part_row_labels(const Table& t, std::string_view part) {
  std::vector<std::string> out;
  for (const Row& r : t.rows) {
    if (r.part == part) out.push_back(r.label);
  }
  return out;
}

// The grid a layout draws: slot (r, c) → the cell covering it.
std::vector<std::vector<const LayoutCell*>> grid(const Layout& l) {
  std::vector<std::vector<const LayoutCell*>> g(l.rows.size(), std::vector<const LayoutCell*>(l.width, nullptr));
  for (size_t r = 0; r < l.rows.size(); ++r) {
    size_t c = 0;
    for (const LayoutCell& cell : l.rows[r]) {
      while (g[r][c]) ++c;
      for (int i = 0; i < cell.rowspan; ++i) {
        for (int j = 0; j < cell.colspan; ++j) g[r + i][c + j] = &cell;
      }
      c += cell.colspan;
    }
  }
  return g;
}

// ---- formats and years ----

TEST(ReportFormat, TwoFormatsWithTheirDecreesAndYears) {
  ASSERT_EQ(formats().size(), 2u);
  EXPECT_EQ(formats()[0].id, "2019");
  EXPECT_EQ(formats()[1].id, "2021");
  const Format& a = f2019();
  EXPECT_EQ(a.name, "中华人民共和国政府信息公开工作年度报告格式（试行）");
  EXPECT_EQ(a.decree, "国办公开办函〔2019〕60号");
  EXPECT_EQ(a.first_year, 2019);
  EXPECT_EQ(a.last_year, 2020);
  const Format& b = f2021();
  EXPECT_EQ(b.name, "中华人民共和国政府信息公开工作年度报告格式");
  EXPECT_EQ(b.decree, "国办公开办函〔2021〕30号");
  EXPECT_EQ(b.decree_date, "2021-09-26");
  EXPECT_EQ(b.first_year, 2021);
  EXPECT_FALSE(b.last_year.has_value());
  EXPECT_EQ(format("2020"), nullptr);
}

TEST(ReportFormat, FormatForYear) {
  EXPECT_EQ(format_for_year(2018), nullptr);
  EXPECT_EQ(format_for_year(2007), nullptr);
  EXPECT_EQ(format_for_year(2019), &f2019());
  EXPECT_EQ(format_for_year(2020), &f2019());
  EXPECT_EQ(format_for_year(2021), &f2021());
  EXPECT_EQ(format_for_year(2024), &f2021());
  EXPECT_EQ(format_for_year(2050), &f2021());
}

TEST(ReportFormat, EmbeddedFilesAreTheOnlySource) {
  const auto& files = embedded::all_files();
  EXPECT_TRUE(files.contains("data/report_formats/2019.json"));
  EXPECT_TRUE(files.contains("data/report_formats/2021.json"));
}

// ---- §2.2 sections ----

TEST(ReportFormat, SixSectionTitlesVerbatimInBothFormats) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"overview", "一、总体情况"},
      {"proactive", "二、主动公开政府信息情况"},
      {"applications", "三、收到和处理政府信息公开申请情况"},
      {"review_litigation", "四、政府信息公开行政复议、行政诉讼情况"},
      {"problems", "五、存在的主要问题及改进情况"},
      {"other", "六、其他需要报告的事项"},
  };
  for (const Format* f : {&f2019(), &f2021()}) {
    ASSERT_EQ(f->sections.size(), 6u) << f->id;
    for (size_t i = 0; i < 6; ++i) {
      EXPECT_EQ(f->sections[i].key, expected[i].first) << f->id;
      EXPECT_EQ(f->sections[i].title, expected[i].second) << f->id;
    }
    EXPECT_EQ(table(*f, "table2").section, "proactive");
    EXPECT_EQ(table(*f, "table3").section, "applications");
    EXPECT_EQ(table(*f, "table4").section, "review_litigation");
  }
}

// ---- §2.3 表二 ----

TEST(ReportFormat, Table2Of2021Verbatim) {
  const Table& t = table(f2021(), "table2");
  ASSERT_EQ(t.parts.size(), 4u);
  EXPECT_EQ(t.parts[0].label, "第二十条第（一）项");
  EXPECT_EQ(t.parts[1].label, "第二十条第（五）项");
  EXPECT_EQ(t.parts[2].label, "第二十条第（六）项");
  EXPECT_EQ(t.parts[3].label, "第二十条第（八）项");
  EXPECT_EQ(t.captions.at("content"), "信息内容");
  using V = std::vector<std::string>;
  EXPECT_EQ(part_column_labels(t, "item1"), (V{"本年制发件数", "本年废止件数", "现行有效件数"}));
  EXPECT_EQ(part_row_labels(t, "item1"), (V{"规章", "行政规范性文件"}));
  EXPECT_EQ(part_column_labels(t, "item5"), (V{"本年处理决定数量"}));
  EXPECT_EQ(part_row_labels(t, "item5"), (V{"行政许可"}));
  EXPECT_EQ(part_column_labels(t, "item6"), (V{"本年处理决定数量"}));
  EXPECT_EQ(part_row_labels(t, "item6"), (V{"行政处罚", "行政强制"}));
  EXPECT_EQ(part_column_labels(t, "item8"), (V{"本年收费金额（单位：万元）"}));
  EXPECT_EQ(part_row_labels(t, "item8"), (V{"行政事业性收费"}));
  EXPECT_EQ(t.column("fee_amount")->kind, ValueKind::kAmount);
  EXPECT_EQ(t.column("fee_amount")->unit, "万元");
  EXPECT_TRUE(f2021().resolve("table2.rules.issued"));
  EXPECT_TRUE(f2021().resolve("table2.normative.in_force"));
  EXPECT_TRUE(f2021().resolve("table2.fees.fee_amount"));
}

TEST(ReportFormat, Table2Of2019Verbatim) {
  const Table& t = table(f2019(), "table2");
  ASSERT_EQ(t.parts.size(), 5u);
  EXPECT_EQ(t.parts[0].label, "第二十条第（一）项");
  EXPECT_EQ(t.parts[1].label, "第二十条第（五）项");
  EXPECT_EQ(t.parts[2].label, "第二十条第（六）项");
  EXPECT_EQ(t.parts[3].label, "第二十条第（八）项");
  EXPECT_EQ(t.parts[4].label, "第二十条第（九）项");
  EXPECT_EQ(t.captions.at("content"), "信息内容");
  using V = std::vector<std::string>;
  EXPECT_EQ(part_column_labels(t, "item1"), (V{"本年新制作数量", "本年新公开数量", "对外公开总数量"}));
  EXPECT_EQ(part_row_labels(t, "item1"), (V{"规章", "规范性文件"}));
  EXPECT_EQ(part_column_labels(t, "item5"), (V{"上一年项目数量", "本年增/减", "处理决定数量"}));
  EXPECT_EQ(part_row_labels(t, "item5"), (V{"行政许可", "其他对外管理服务事项"}));
  EXPECT_EQ(part_column_labels(t, "item6"), (V{"上一年项目数量", "本年增/减", "处理决定数量"}));
  EXPECT_EQ(part_row_labels(t, "item6"), (V{"行政处罚", "行政强制"}));
  EXPECT_EQ(part_column_labels(t, "item8"), (V{"上一年项目数量", "本年增/减"}));
  EXPECT_EQ(part_row_labels(t, "item8"), (V{"行政事业性收费"}));
  EXPECT_EQ(part_column_labels(t, "item9"), (V{"采购项目数量", "采购总金额"}));
  EXPECT_EQ(part_row_labels(t, "item9"), (V{"政府集中采购"}));
  EXPECT_EQ(t.column("change")->kind, ValueKind::kSignedCount);
  EXPECT_EQ(t.column("procurement_amount")->kind, ValueKind::kAmount);
}

// ---- §2.4 表三 ----

const std::vector<std::string> kTable3Rows2021 = {
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
};

const std::vector<std::string> kTable3Keys2021 = {
    "new",  "carried_over", "results", "r1",   "r2", "r3",   "r3_1", "r3_2", "r3_3", "r3_4",
    "r3_5", "r3_6",         "r3_7",    "r3_8", "r4", "r4_1", "r4_2", "r4_3", "r5",   "r5_1",
    "r5_2", "r5_3",         "r5_4",    "r5_5", "r6", "r6_1", "r6_2", "r6_3", "r7",   "carry_forward",
};

TEST(ReportFormat, Table3RowsOf2021VerbatimWithKeysAndNesting) {
  const Table& t = table(f2021(), "table3");
  EXPECT_EQ(labels_of(t.rows), kTable3Rows2021);
  EXPECT_EQ(keys_of(t.rows), kTable3Keys2021);
  // Group labels without numbers: 三、 and （三）–（六）.
  std::set<std::string> groups;
  for (const Row& r : t.rows) {
    if (r.kind == RowKind::kGroup) groups.insert(r.key);
  }
  EXPECT_EQ(groups, (std::set<std::string>{"results", "r3", "r4", "r5", "r6"}));
  EXPECT_EQ(t.row("r7")->kind, RowKind::kTotal);
  EXPECT_EQ(t.row("r1")->kind, RowKind::kData);
  EXPECT_EQ(t.row("r1")->parent, "results");
  EXPECT_EQ(t.row("r3_8")->parent, "r3");
  EXPECT_EQ(t.row("r3_8")->depth, 2);
  EXPECT_EQ(t.row("r6_2")->parent, "r6");
  EXPECT_EQ(t.row("r7")->parent, "results");
  EXPECT_EQ(t.row("new")->depth, 0);
  EXPECT_EQ(t.row("carry_forward")->parent, "");
  EXPECT_EQ(t.data_rows().size(), 25u);
}

TEST(ReportFormat, Table3ColumnsAndHeaderVerbatim) {
  for (const Format* f : {&f2019(), &f2021()}) {
    const Table& t = table(*f, "table3");
    std::vector<std::string> keys, labels;
    for (const Column& c : t.columns) {
      if (!c.has_values()) continue;
      keys.push_back(c.key);
      labels.push_back(c.label);
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"person", "commercial", "research", "public_welfare", "legal_service",
                                              "other_org", "total"}));
    EXPECT_EQ(labels, (std::vector<std::string>{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                                                "其他", "总计"}));
    EXPECT_EQ(t.column("applicants")->label, "申请人情况");
    EXPECT_EQ(t.column("legal_person")->label, "法人或其他组织");
    EXPECT_EQ(t.column("commercial")->parent, "legal_person");
    EXPECT_EQ(t.column("person")->parent, "applicants");
    EXPECT_EQ(t.captions.at("note"), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");

    // The official drawing: a 3×3 note cell, 申请人情况 over 7 columns, 法人或其他组织 over 5.
    const Layout& l = t.layout;
    EXPECT_EQ(l.width, 10);
    EXPECT_EQ(l.header_rows, 3);
    const LayoutCell& note = l.rows[0][0];
    EXPECT_EQ(note.text, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    EXPECT_EQ(note.rowspan, 3);
    EXPECT_EQ(note.colspan, 3);
    EXPECT_EQ(l.rows[0][1].text, "申请人情况");
    EXPECT_EQ(l.rows[0][1].colspan, 7);
    EXPECT_EQ(l.rows[1][0].text, "自然人");
    EXPECT_EQ(l.rows[1][0].rowspan, 2);
    EXPECT_EQ(l.rows[1][1].text, "法人或其他组织");
    EXPECT_EQ(l.rows[1][1].colspan, 5);
    EXPECT_EQ(l.rows[1][2].text, "总计");
    EXPECT_EQ(l.rows[1][2].rowspan, 2);
    ASSERT_EQ(l.rows[2].size(), 5u);
    EXPECT_EQ(l.rows[2][0].text, "商业企业");
    EXPECT_EQ(l.rows[2][4].text, "其他");

    const auto g = grid(l);
    EXPECT_EQ(g[3][0]->text, "一、本年新收政府信息公开申请数量");
    EXPECT_EQ(g[3][0]->colspan, 3);
    EXPECT_EQ(g[3][3]->key, "table3.new.person");
    EXPECT_EQ(g[3][9]->key, "table3.new.total");
    EXPECT_EQ(g[5][0]->text, "三、本年度办理结果");
    EXPECT_EQ(g[5][1]->text, "（一）予以公开");
    EXPECT_EQ(g[5][1]->colspan, 2);
    EXPECT_EQ(g[7][1]->text, "（三）不予公开");
    EXPECT_EQ(g[7][1]->rowspan, 8);
    EXPECT_EQ(g[7][2]->text, "1.属于国家秘密");
    EXPECT_EQ(g[7][3]->key, "table3.r3_1.person");
    EXPECT_EQ(g.back()[0]->text, "四、结转下年度继续办理");
    EXPECT_EQ(g.back()[9]->key, "table3.carry_forward.total");
    EXPECT_EQ(g[g.size() - 2][1]->text, "（七）总计");
  }
  EXPECT_EQ(table(f2021(), "table3").layout.rows[5][0].rowspan, 22);
  EXPECT_EQ(table(f2019(), "table3").layout.rows[5][0].rowspan, 20);
}

// ---- §2.5 表四 ----

TEST(ReportFormat, Table4VerbatimInBothFormats) {
  for (const Format* f : {&f2019(), &f2021()}) {
    const Table& t = table(*f, "table4");
    EXPECT_EQ(labels_of(t.rows), (std::vector<std::string>{"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"}));
    EXPECT_EQ(keys_of(t.rows), (std::vector<std::string>{"review", "litigation", "suit_direct", "suit_after_review"}));
    EXPECT_EQ(t.row("litigation")->kind, RowKind::kGroup);
    EXPECT_EQ(t.row("suit_direct")->parent, "litigation");
    std::vector<std::string> keys, labels;
    for (const Column& c : t.columns) {
      keys.push_back(c.key);
      labels.push_back(c.label);
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"upheld", "corrected", "other", "pending", "total"}));
    EXPECT_EQ(labels, (std::vector<std::string>{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}));
    for (const char* ref :
         {"table4.review.upheld", "table4.review.corrected", "table4.review.other", "table4.review.pending",
          "table4.review.total", "table4.suit_direct.total", "table4.suit_after_review.pending"}) {
      EXPECT_TRUE(f->resolve(ref)) << ref;
    }
    EXPECT_FALSE(f->resolve("table4.litigation.total"));
    // One row of 15 numbers under a three-row head.
    const Layout& l = t.layout;
    EXPECT_EQ(l.width, 15);
    EXPECT_EQ(l.header_rows, 3);
    const auto g = grid(l);
    ASSERT_EQ(g.size(), 4u);
    EXPECT_EQ(g[0][0]->text, "行政复议");
    EXPECT_EQ(g[0][0]->colspan, 5);
    EXPECT_EQ(g[0][5]->text, "行政诉讼");
    EXPECT_EQ(g[0][5]->colspan, 10);
    EXPECT_EQ(g[1][5]->text, "未经复议直接起诉");
    EXPECT_EQ(g[1][10]->text, "复议后起诉");
    EXPECT_EQ(g[2][0]->text, "结果维持");  // rowspan 2 from the row above
    EXPECT_EQ(g[2][14]->text, "总计");
    EXPECT_EQ(g[3][0]->key, "table4.review.upheld");
    EXPECT_EQ(g[3][5]->key, "table4.suit_direct.upheld");
    EXPECT_EQ(g[3][14]->key, "table4.suit_after_review.total");
  }
}

// ---- §2.6 differences ----

TEST(ReportFormat, DifferencesBetween2019And2021) {
  const Table& a = table(f2019(), "table2");
  const Table& b = table(f2021(), "table2");
  EXPECT_NE(a.column_by_label("本年新制作数量"), nullptr);
  EXPECT_EQ(b.column_by_label("本年新制作数量"), nullptr);
  EXPECT_NE(b.column_by_label("本年制发件数"), nullptr);
  EXPECT_EQ(a.column_by_label("本年制发件数"), nullptr);
  EXPECT_EQ(a.row("normative")->label, "规范性文件");
  EXPECT_EQ(b.row("normative")->label, "行政规范性文件");
  EXPECT_NE(a.row("other_services"), nullptr);
  EXPECT_EQ(b.row("other_services"), nullptr);
  EXPECT_NE(a.part_by_label("第二十条第（九）项"), nullptr);
  EXPECT_EQ(b.part_by_label("第二十条第（九）项"), nullptr);
  EXPECT_NE(a.row_by_label("政府集中采购"), nullptr);
  EXPECT_EQ(b.row_by_label("政府集中采购"), nullptr);
  EXPECT_EQ(a.column_by_label("本年收费金额（单位：万元）"), nullptr);

  const Table& t19 = table(f2019(), "table3");
  const Table& t21 = table(f2021(), "table3");
  EXPECT_EQ(t19.row("r6")->kind, RowKind::kData);
  EXPECT_EQ(t19.row("r6")->label, "（六）其他处理");
  EXPECT_EQ(t19.row("r6_1"), nullptr);
  EXPECT_TRUE(f2019().resolve("table3.r6.person"));
  EXPECT_FALSE(f2021().resolve("table3.r6.person"));
  EXPECT_EQ(t21.row("r6")->kind, RowKind::kGroup);
  for (const char* k : {"r6_1", "r6_2", "r6_3"}) EXPECT_NE(t21.row(k), nullptr) << k;
  // Every other 表三 label is identical.
  std::vector<std::string> expected2019;
  for (const std::string& l : kTable3Rows2021) {
    if (l.starts_with("1.申请人") || l.starts_with("2.申请人") || l == "3.其他") continue;
    expected2019.push_back(l);
  }
  EXPECT_EQ(labels_of(t19.rows), expected2019);
  EXPECT_EQ(t19.data_rows().size(), 23u);
}

// ---- label lookup ----

TEST(ReportFormat, NormalizeLabel) {
  EXPECT_EQ(normalize_label("（七）总计"), normalize_label("(七)总计"));
  EXPECT_EQ(normalize_label("（七）总计"), "七总计");
  EXPECT_EQ(normalize_label(" （ 七 ） 总\u3000计 "), "七总计");
  EXPECT_EQ(normalize_label("１．属于国家秘密"), "1属于国家秘密");
  EXPECT_EQ(normalize_label("3.危及\"三安全一稳定\""), normalize_label("3.危及“三安全一稳定”"));
  EXPECT_EQ(normalize_label("本年增/减"), normalize_label("本年增／减"));
  EXPECT_EQ(normalize_label(""), "");
  EXPECT_EQ(normalize_label("\xff"), "\uFFFD");
}

TEST(ReportFormat, LabelLookupToleratesPunctuationAndSpaces) {
  const Table& t = table(f2021(), "table3");
  for (const char* label : {"（七）总计", "(七)总计", "( 七 ) 总计", " （七） 总 计 ", "(七)总计："}) {
    const Row* r = t.row_by_label(label);
    ASSERT_NE(r, nullptr) << label;
    EXPECT_EQ(r->key, "r7");
  }
  EXPECT_EQ(t.row_by_label("3.危及\"三安全一稳定\"")->key, "r3_3");  // as the facts file writes it
  EXPECT_EQ(t.row_by_label("１. 属于国家秘密")->key, "r3_1");
  EXPECT_EQ(t.row_by_label("(三)不予公开")->key, "r3");
  EXPECT_EQ(t.row_by_label("（二）部分公开(区分处理的,只计这一情形,不计其他情形)")->key, "r2");
  EXPECT_EQ(t.row_by_label("一、本年新收政府信息公开申请数量 ")->key, "new");
  EXPECT_EQ(t.row_by_label("总计"), nullptr);
  EXPECT_EQ(t.column_by_label("总 计")->key, "total");
  EXPECT_EQ(t.column_by_label("法人或其他组织")->key, "legal_person");
  EXPECT_EQ(t.column_by_label("其 他")->key, "other_org");
  EXPECT_EQ(table(f2019(), "table2").column_by_label("本年增／减")->key, "change");
  EXPECT_EQ(table(f2021(), "table2").part_by_label("第二十条第(一)项")->key, "item1");
  EXPECT_EQ(table(f2021(), "table4").row_by_label("未经复议 直接起诉")->key, "suit_direct");
  EXPECT_EQ(f2021().section_by_title("一、 总体情况")->key, "overview");
  EXPECT_EQ(f2021().section_by_title("五、存在问题及改进情况"), nullptr);
}

// ---- cell references ----

TEST(ReportFormat, CellReferences) {
  const Format& f = f2021();
  const auto cell = f.resolve("table3.r3_1.person");
  ASSERT_TRUE(cell);
  EXPECT_EQ(cell->table->name, "表三");
  EXPECT_EQ(cell->row->label, "1.属于国家秘密");
  EXPECT_EQ(cell->column->label, "自然人");
  EXPECT_EQ(f.cell_label("table3.r3_1.person"), "表三 （三）不予公开 1.属于国家秘密／自然人");
  EXPECT_EQ(f.cell_label("table3.new.total"), "表三 一、本年新收政府信息公开申请数量／总计");
  EXPECT_EQ(f.cell_label("table4.suit_direct.pending"), "表四 未经复议直接起诉／尚未审结");
  EXPECT_EQ(f.cell_label("table3.r3.person"), "");
  EXPECT_FALSE(f.resolve("table3.r3.person"));         // group row
  EXPECT_FALSE(f.resolve("table3.new.legal_person"));  // group column
  EXPECT_FALSE(f.resolve("table2.rules.decisions"));   // not a column of 第二十条第（一）项
  EXPECT_FALSE(f.resolve("table3.new"));
  EXPECT_FALSE(f.resolve("table3.new.person.x"));
  EXPECT_FALSE(f.resolve("table9.new.person"));
  EXPECT_EQ(cell_ref("table3", "new", "person"), "table3.new.person");
  EXPECT_EQ(f.cell_refs().size(), 10u + 25u * 7u + 15u);
  EXPECT_EQ(f2019().cell_refs().size(), 22u + 23u * 7u + 15u);
  EXPECT_EQ(zero_values(f).cells().size(), f.cell_refs().size());
  EXPECT_TRUE(unknown_cells(f, zero_values(f)).empty());
  const auto unknown = unknown_cells(f, zero_values(f2019()));
  EXPECT_EQ(std::set<std::string>(unknown.begin(), unknown.end()),
            (std::set<std::string>{"table2.rules.made",
                                   "table2.rules.published",
                                   "table2.rules.total_published",
                                   "table2.normative.made",
                                   "table2.normative.published",
                                   "table2.normative.total_published",
                                   "table2.license.previous_items",
                                   "table2.license.change",
                                   "table2.other_services.previous_items",
                                   "table2.other_services.change",
                                   "table2.other_services.decisions",
                                   "table2.penalty.previous_items",
                                   "table2.penalty.change",
                                   "table2.coercion.previous_items",
                                   "table2.coercion.change",
                                   "table2.fees.previous_items",
                                   "table2.fees.change",
                                   "table2.procurement.procurement_items",
                                   "table2.procurement.procurement_amount",
                                   "table3.r6.person",
                                   "table3.r6.commercial",
                                   "table3.r6.research",
                                   "table3.r6.public_welfare",
                                   "table3.r6.legal_service",
                                   "table3.r6.other_org",
                                   "table3.r6.total"}));
}

// ---- identities ----

const std::vector<std::string> kApplicantColumns = {"person",         "commercial",    "research",
                                                    "public_welfare", "legal_service", "other_org"};

// Figures that satisfy every same-year identity: each result row of each applicant column holds a
// distinct small number, the totals add up, and some cases are carried over and forward.
TableValues balanced(const Format& f) {
  TableValues v = zero_values(f);
  const Table& t = table(f, "table3");
  std::vector<std::string> results;
  for (const Row* r : t.data_rows()) {
    if (!r->parent.empty() && r->kind == RowKind::kData) results.push_back(r->key);
  }
  int64_t seed = 1;
  for (const std::string& col : kApplicantColumns) {
    int64_t done = 0;
    for (const std::string& row : results) {
      const int64_t n = (seed++ % 5);
      v.set(cell_ref("table3", row, col), n);
      done += n;
    }
    const int64_t carry_forward = seed % 3;
    const int64_t carried_over = seed % 4;
    v.set(cell_ref("table3", "r7", col), done);
    v.set(cell_ref("table3", "carry_forward", col), carry_forward);
    v.set(cell_ref("table3", "carried_over", col), carried_over);
    v.set(cell_ref("table3", "new", col), done + carry_forward - carried_over);
  }
  for (const Row* r : t.data_rows()) {
    int64_t sum = 0;
    for (const std::string& col : kApplicantColumns) sum += v.get_or_zero(cell_ref("table3", r->key, col));
    v.set(cell_ref("table3", r->key, "total"), sum);
  }
  for (const char* group : {"review", "suit_direct", "suit_after_review"}) {
    const std::string g = group;
    v.set("table4." + g + ".upheld", 3);
    v.set("table4." + g + ".corrected", 1);
    v.set("table4." + g + ".other", 2);
    v.set("table4." + g + ".pending", 1);
    v.set("table4." + g + ".total", 7);
  }
  return v;
}

std::set<std::string> violated(const std::vector<Violation>& vs) {
  std::set<std::string> out;
  for (const Violation& v : vs) out.insert(v.identity->id + ":" + v.instance);
  return out;
}

TEST(ReportFormat, IdentityIdsAndSeverities) {
  std::vector<std::string> ids;
  for (const Identity& i : f2021().identities) ids.push_back(i.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"t3_balance", "t3_results_total", "t3_row_total", "t4_group_total",
                                           "t3_carry_over", "t2_in_force_continuity"}));
  ids.clear();
  for (const Identity& i : f2019().identities) ids.push_back(i.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"t3_balance", "t3_results_total", "t3_row_total", "t4_group_total",
                                           "t3_carry_over"}));
  EXPECT_EQ(f2021().identity("t2_in_force_continuity")->severity, Severity::kWarning);
  EXPECT_EQ(f2021().identity("t2_in_force_continuity")->scope, Scope::kCrossYear);
  EXPECT_EQ(f2021().identity("t3_balance")->severity, Severity::kError);
  EXPECT_EQ(f2021().identity("t3_balance")->instances.size(), 7u);
  EXPECT_EQ(f2021().identity("t3_row_total")->instances.size(), 25u);
  EXPECT_EQ(f2021().identity("t4_group_total")->instances.size(), 3u);
  // （七）总计 sums every result data row: 21 in 2021, 19 in 2019 (（六） is one row).
  EXPECT_EQ(f2021().identity("t3_results_total")->instances[0].rhs.size(), 21u);
  EXPECT_EQ(f2019().identity("t3_results_total")->instances[0].rhs.size(), 19u);
  const IdentityInstance& cont = f2021().identity("t2_in_force_continuity")->instances[0];
  EXPECT_EQ(cont.key, "rules");
  ASSERT_EQ(cont.rhs.size(), 3u);
  EXPECT_TRUE(cont.rhs[0].last_year);
  EXPECT_EQ(cont.rhs[2].sign, -1);
  EXPECT_EQ(cont.rhs[2].text(), "-table2.rules.repealed");
}

TEST(ReportFormat, BalancedTablesPass) {
  for (const Format* f : {&f2019(), &f2021()}) {
    const TableValues v = balanced(*f);
    EXPECT_TRUE(check_identities(*f, v, nullptr).empty()) << f->id;
    EXPECT_TRUE(check_identities(*f, TableValues{}, nullptr).empty()) << f->id << ": absent cells count as 0";
  }
}

TEST(ReportFormat, BalanceViolatedInAColumn) {
  const Format& f = f2021();
  TableValues v = balanced(f);
  // One more new application for 自然人, one fewer for 商业企业: the row total still holds.
  v.add("table3.new.person", 1);
  v.add("table3.new.commercial", -1);
  const auto vs = check_identities(f, v, nullptr);
  EXPECT_EQ(violated(vs), (std::set<std::string>{"t3_balance:person", "t3_balance:commercial"}));
  const Violation& p = vs[0];
  EXPECT_EQ(p.instance, "person");
  EXPECT_EQ(p.identity->severity, Severity::kError);
  ASSERT_EQ(p.lhs.size(), 2u);
  EXPECT_EQ(p.lhs[0].term.ref, "table3.new.person");
  EXPECT_EQ(p.rhs[1].term.ref, "table3.carry_forward.person");
  EXPECT_EQ(p.lhs_value, p.rhs_value + 1);
  const std::string lhs = std::to_string(p.lhs_value);
  const std::string rhs = std::to_string(p.rhs_value);
  EXPECT_NE(p.message_zh.find("表三「自然人」列：一、本年新收政府信息公开申请数量（"), std::string::npos)
      << p.message_zh;
  EXPECT_NE(p.message_zh.find("＝" + lhs + "，不等于（七）总计（"), std::string::npos) << p.message_zh;
  EXPECT_NE(p.message_zh.find("四、结转下年度继续办理（"), std::string::npos) << p.message_zh;
  EXPECT_NE(p.message_zh.find("＝" + rhs + "，相差1。"), std::string::npos) << p.message_zh;
}

TEST(ReportFormat, ResultsTotalViolated) {
  const Format& f = f2019();
  TableValues v = balanced(f);
  v.add("table3.r6.person", 2);  // the single 2019 row （六）其他处理
  v.add("table3.r6.total", 2);
  const auto vs = check_identities(f, v, nullptr);
  EXPECT_EQ(violated(vs), (std::set<std::string>{"t3_results_total:person", "t3_results_total:total"}));
  EXPECT_NE(vs[0].message_zh.find("（六）其他处理（"), std::string::npos) << vs[0].message_zh;
  EXPECT_NE(vs[0].message_zh.find("项之和＝"), std::string::npos) << vs[0].message_zh;
}

TEST(ReportFormat, TotalColumnViolated) {
  const Format& f = f2021();
  TableValues v = balanced(f);
  v.add("table3.carried_over.total", 5);
  v.add("table3.r7.total", 5);  // keeps the balance in the 总计 column; the row totals break
  const auto vs = check_identities(f, v, nullptr);
  EXPECT_EQ(violated(vs),
            (std::set<std::string>{"t3_results_total:total", "t3_row_total:carried_over", "t3_row_total:r7"}));
  for (const Violation& x : vs) {
    if (x.instance != "carried_over") continue;
    EXPECT_EQ(x.lhs_value, x.rhs_value + 5);
    EXPECT_NE(x.message_zh.find("表三「二、上年结转政府信息公开申请数量」行：总计（"), std::string::npos)
        << x.message_zh;
    EXPECT_NE(x.message_zh.find("相差5。"), std::string::npos) << x.message_zh;
  }
}

TEST(ReportFormat, Table4TotalViolated) {
  for (const Format* f : {&f2019(), &f2021()}) {
    TableValues v = balanced(*f);
    v.set("table4.suit_after_review.total", 8);
    const auto vs = check_identities(*f, v, nullptr);
    ASSERT_EQ(vs.size(), 1u);
    EXPECT_EQ(vs[0].identity->id, "t4_group_total");
    EXPECT_EQ(vs[0].instance, "suit_after_review");
    EXPECT_EQ(vs[0].lhs_value, 8);
    EXPECT_EQ(vs[0].rhs_value, 7);
    EXPECT_EQ(vs[0].message_zh,
              "表四「复议后起诉」行：总计（8），不等于结果维持（3）＋结果纠正（1）＋其他结果（2）＋尚未审结（1）＝7，相"
              "差1。");
  }
}

TEST(ReportFormat, CarryOverFromLastYear) {
  const Format& f = f2021();
  const TableValues v = balanced(f);
  // Last year's report (2020, the 2019 format) carried forward exactly this year's carried-over cases…
  TableValues last = balanced(f2019());
  for (const Column& c : table(f, "table3").columns) {
    if (!c.has_values()) continue;
    last.set("table3.carry_forward." + c.key, v.get_or_zero("table3.carried_over." + c.key));
  }
  EXPECT_TRUE(check_identities(f, v, &last).empty());
  // …except one 科研机构 case.
  last.add("table3.carry_forward.research", 1);
  last.add("table3.carry_forward.total", 1);
  const auto vs = check_identities(f, v, &last);
  EXPECT_EQ(violated(vs), (std::set<std::string>{"t3_carry_over:research", "t3_carry_over:total"}));
  EXPECT_TRUE(vs[0].lhs[0].term.last_year);
  EXPECT_EQ(vs[0].lhs_value, vs[0].rhs_value + 1);
  EXPECT_NE(vs[0].message_zh.find("表三「科研机构」列：上年报告四、结转下年度继续办理（"), std::string::npos)
      << vs[0].message_zh;
  // Without last year's figures, cross-year identities are not checked.
  EXPECT_TRUE(check_identities(f, v, nullptr).empty());
  // Last year's cells that are absent are not guessed.
  const TableValues nothing;
  EXPECT_TRUE(check_identities(f, v, &nothing).empty());
}

TEST(ReportFormat, InForceContinuityIsAWarning) {
  const Format& f = f2021();
  TableValues last = balanced(f);
  last.set("table2.rules.in_force", 40);
  last.set("table2.normative.in_force", 100);
  TableValues v = balanced(f);
  for (const Column& c : table(f, "table3").columns) {
    if (c.has_values()) v.set("table3.carried_over." + c.key, last.get_or_zero("table3.carry_forward." + c.key));
  }
  // Re-balance this year's 新收 after changing 上年结转.
  for (const Column& c : table(f, "table3").columns) {
    if (!c.has_values()) continue;
    const std::string k = c.key;
    v.set("table3.new." + k, v.get_or_zero("table3.r7." + k) + v.get_or_zero("table3.carry_forward." + k) -
                                 v.get_or_zero("table3.carried_over." + k));
  }
  v.set("table2.rules.issued", 3);
  v.set("table2.rules.repealed", 1);
  v.set("table2.rules.in_force", 42);
  v.set("table2.normative.issued", 10);
  v.set("table2.normative.repealed", 5);
  v.set("table2.normative.in_force", 104);  // 100 + 10 − 5 = 105
  const auto vs = check_identities(f, v, &last);
  ASSERT_EQ(vs.size(), 1u) << (vs.empty() ? "" : vs[0].message_zh);
  EXPECT_EQ(vs[0].identity->id, "t2_in_force_continuity");
  EXPECT_EQ(vs[0].identity->severity, Severity::kWarning);
  EXPECT_EQ(vs[0].instance, "normative");
  EXPECT_EQ(vs[0].message_zh,
            "表二「行政规范性文件」行：现行有效件数（104），不等于上年报告现行有效件数（100）＋本年制发件数（10）－本年"
            "废止件数（5）"
            "＝105，相差1。");
  // Last year in the 2019 format has no 现行有效件数: nothing to compare, no warning.
  TableValues last2019 = balanced(f2019());
  for (const Column& c : table(f, "table3").columns) {
    if (c.has_values()) last2019.set("table3.carry_forward." + c.key, v.get_or_zero("table3.carried_over." + c.key));
  }
  EXPECT_TRUE(check_identities(f, v, &last2019).empty());
}

// ---- derived subtotals ----

TEST(ReportFormat, GroupSubtotalsAreDerived) {
  const Format& f = f2021();
  TableValues v = balanced(f);
  int64_t r3 = 0;
  for (int i = 1; i <= 8; ++i) r3 += v.get_or_zero("table3.r3_" + std::to_string(i) + ".person");
  EXPECT_EQ(subtotal(f, v, "table3", "r3", "person"), r3);
  EXPECT_EQ(
      subtotal(f, v, "table3", "r6", "total"),
      v.get_or_zero("table3.r6_1.total") + v.get_or_zero("table3.r6_2.total") + v.get_or_zero("table3.r6_3.total"));
  // 三、本年度办理结果 sums the result rows, not （七）总计 again.
  EXPECT_EQ(subtotal(f, v, "table3", "results", "total"), v.get_or_zero("table3.r7.total"));
  EXPECT_EQ(subtotal(f, v, "table3", "r1", "person"), v.get_or_zero("table3.r1.person"));
  EXPECT_EQ(subtotal(f, v, "table4", "litigation", "total"), 14);
  // In 2019 （六）其他处理 is a data row: its subtotal is its value.
  TableValues w = balanced(f2019());
  EXPECT_EQ(subtotal(f2019(), w, "table3", "r6", "person"), w.get_or_zero("table3.r6.person"));
  EXPECT_THROW(subtotal(f, v, "table3", "r3", "legal_person"), std::invalid_argument);
  EXPECT_THROW(subtotal(f, v, "table3", "nope", "person"), std::invalid_argument);
  EXPECT_THROW(subtotal(f, v, "table2", "rules", "decisions"), std::invalid_argument);
}

// ---- amounts ----

TEST(ReportFormat, AmountsAreExactFixedPoint) {
  EXPECT_EQ(parse_amount("12.3456"), 12'345'600);
  EXPECT_EQ(parse_amount("0.000001"), 1);
  EXPECT_EQ(parse_amount("31.6441"), 31'644'100);
  EXPECT_EQ(parse_amount("-3"), -3'000'000);
  EXPECT_EQ(parse_amount(".5"), 500'000);
  EXPECT_EQ(parse_amount("7."), 7'000'000);
  EXPECT_EQ(parse_amount(""), std::nullopt);
  EXPECT_EQ(parse_amount("."), std::nullopt);
  EXPECT_EQ(parse_amount("1.2345678"), std::nullopt);
  EXPECT_EQ(parse_amount("1,000"), std::nullopt);
  EXPECT_EQ(parse_amount("12万元"), std::nullopt);
  EXPECT_EQ(parse_amount("99999999999999999999"), std::nullopt);
  EXPECT_EQ(format_amount(12'345'600), "12.3456");
  EXPECT_EQ(format_amount(12'000'000), "12.00");
  EXPECT_EQ(format_amount(-500'000), "-0.50");
  EXPECT_EQ(format_amount(1), "0.000001");
  EXPECT_EQ(format_amount(12'000'000, 0), "12");
  // Summing fees recorded to the 分 stays exact: 0.1 + 0.2 万元 is 0.3 万元.
  TableValues v;
  v.add("table2.fees.fee_amount", *parse_amount("0.1"));
  v.add("table2.fees.fee_amount", *parse_amount("0.2"));
  EXPECT_EQ(format_value(*table(f2021(), "table2").column("fee_amount"), v.get_or_zero("table2.fees.fee_amount")),
            "0.30");
  EXPECT_EQ(format_value(*table(f2021(), "table2").column("issued"), 42), "42");
}

// ---- loader validation ----

std::string mutated(const std::function<void(nlohmann::json&)>& change) {
  nlohmann::json j = nlohmann::json::parse(embedded::file("data/report_formats/2021.json"));
  change(j);
  return j.dump();
}

TEST(ReportFormat, LoaderRejectsInconsistentData) {
  using J = nlohmann::json;
  EXPECT_NO_THROW(Format::load(mutated([](J&) {})));
  EXPECT_THROW(Format::load("{"), std::runtime_error);
  EXPECT_THROW(Format::load(mutated([](J& j) { j["tables"][1]["layout"]["rows"][3][0]["colpsan"] = 3; })),
               std::runtime_error);
  // A value cell left out of the drawing.
  EXPECT_THROW(Format::load(mutated([](J& j) { j["tables"][2]["layout"]["rows"][3].erase(2); })), std::runtime_error);
  // A row that does not fill the width.
  EXPECT_THROW(Format::load(mutated([](J& j) { j["tables"][1]["layout"]["rows"][3][0]["colspan"] = 2; })),
               std::runtime_error);
  // Two labels that normalize alike.
  EXPECT_THROW(Format::load(mutated([](J& j) { j["tables"][1]["rows"][3]["label"] = "(七)总计"; })),
               std::runtime_error);
  // An identity naming a cell that does not exist.
  EXPECT_THROW(Format::load(mutated([](J& j) { j["identities"][0]["lhs"][0] = "table3.nope.{column}"; })),
               std::runtime_error);
  EXPECT_THROW(Format::load(mutated([](J& j) { j["identities"][4]["lhs"][0] = "table3.carry_forward.{column}"; })),
               std::runtime_error);
}

// ---- docs/report-format.md cannot drift from the JSON ----

TEST(ReportFormat, DocsListEveryIdentityAndLabel) {
  const char* root = std::getenv("GK_SOURCE_DIR");
  if (!root) GTEST_SKIP() << "GK_SOURCE_DIR not set (run through ctest)";
  std::ifstream in(std::string(root) + "/docs/report-format.md");
  ASSERT_TRUE(in) << "docs/report-format.md missing";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const Format& f : formats()) {
    EXPECT_NE(doc.find(f.decree), std::string::npos) << f.decree;
    for (const Identity& i : f.identities) {
      EXPECT_NE(doc.find("`" + i.id + "`"), std::string::npos) << "identity " << i.id;
      EXPECT_NE(doc.find(i.description_zh), std::string::npos) << "description of " << i.id;
    }
    for (const Section& s : f.sections) EXPECT_NE(doc.find(s.title), std::string::npos) << s.title;
    for (const Table& t : f.tables) {
      for (const Row& r : t.rows) {
        EXPECT_NE(doc.find(r.label), std::string::npos) << f.id << " " << t.key << " row " << r.label;
        EXPECT_NE(doc.find("`" + r.key + "`"), std::string::npos) << f.id << " " << t.key << " row key " << r.key;
      }
      for (const Column& c : t.columns) {
        EXPECT_NE(doc.find(c.label), std::string::npos) << f.id << " " << t.key << " column " << c.label;
      }
      for (const Part& p : t.parts) EXPECT_NE(doc.find(p.label), std::string::npos) << p.label;
      for (const auto& [k, caption] : t.captions) EXPECT_NE(doc.find(caption), std::string::npos) << caption;
    }
  }
}

}  // namespace
}  // namespace gk::reports
