// Import of decision records into 表二 (src/reports/decision_import.h): CSV in UTF-8 and GBK, XLSX,
// date formats, year filtering, 元 → 万元, refusal of the whole file on any bad row, and the save into
// the figures through save_figures (other cells kept, nothing written on error).
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "reports/decision_import.h"
#include "reports/figures.h"
#include "test_db.h"

namespace gk::testing {
namespace {

const reports::Format& f2021() { return *reports::format("2021"); }
const reports::Format& f2019() { return *reports::format("2019"); }

std::string to_gbk(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("GBK", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  EXPECT_FALSE(U_FAILURE(status));
  out.resize(static_cast<size_t>(n));
  return out;
}

const std::string kCsv =
    "决定文号,决定类别,决定日期,金额（元）\n"
    "云许〔2025〕1号,行政许可,2025-01-02,\n"
    "云许〔2025〕2号,行政许可,2025/3/4,\n"
    "云罚〔2025〕1号,行政处罚,2025年12月31日,\n"
    "云强〔2025〕1号,行政强制,2025-06-30,\n"
    "云收〔2025〕1号,行政事业性收费,2025-02-01,1234.5\n"
    "云收〔2025〕2号,行政事业性收费,2025-02-02,\"10,000.05\"\n"
    ",,,\n"
    "云许〔2024〕9号,行政许可,2024-12-31,\n"
    "云收〔2026〕1号,行政事业性收费,2026-01-01,99\n";

TEST(DecisionImport, CountsUtf8CsvByDecisionDateWithinTheYear) {
  for (const std::string& bytes : {kCsv, "\xEF\xBB\xBF" + kCsv, to_gbk(kCsv)}) {
    auto r = reports::parse_decision_records(f2021(), 2025, bytes);
    ASSERT_TRUE(r.ok()) << r.errors.front().message;
    EXPECT_EQ(r.values.get("table2.license.decisions"), 2);
    EXPECT_EQ(r.values.get("table2.penalty.decisions"), 1);
    EXPECT_EQ(r.values.get("table2.coercion.decisions"), 1);
    // 1234.50 + 10000.05 元 = 11234.55 元 = 1.123455 万元, exactly.
    EXPECT_EQ(r.values.get("table2.fees.fee_amount"), 1'123'455);
    EXPECT_EQ(reports::format_amount(*r.values.get("table2.fees.fee_amount"), 2), "1.123455");
    EXPECT_EQ(r.rows_read, 8);
    EXPECT_EQ(r.rows_other_years, 2);
    EXPECT_FALSE(r.values.contains("table2.rules.issued")) << "catalog cells are never imported";
  }
  // Another year counts the other rows.
  auto r2024 = reports::parse_decision_records(f2021(), 2024, kCsv);
  ASSERT_TRUE(r2024.ok());
  EXPECT_EQ(r2024.values.get("table2.license.decisions"), 1);
  EXPECT_EQ(r2024.values.get("table2.penalty.decisions"), 0);
  EXPECT_EQ(r2024.values.get("table2.fees.fee_amount"), 0);
  EXPECT_EQ(r2024.rows_other_years, 7);
}

TEST(DecisionImport, HeaderNamesAreTrimmedAndColumnsMayComeInAnyOrder) {
  auto r = reports::parse_decision_records(f2021(), 2025,
                                           " 决定日期 ,\t决定类别\r\n2025-05-05,行政处罚\r\n2025-05-06,行政处罚\r\n");
  ASSERT_TRUE(r.ok()) << r.errors.front().message;
  EXPECT_EQ(r.values.get("table2.penalty.decisions"), 2);
  auto missing = reports::parse_decision_records(f2021(), 2025, "决定文号,决定类别\nA,行政许可\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.errors.front().row, 1);
  EXPECT_NE(missing.errors.front().message.find("决定日期"), std::string::npos);
}

TEST(DecisionImport, EveryBadRowIsReportedWithItsRowNumberAndNothingIsCounted) {
  const std::string csv =
      "决定类别,决定日期,金额（元）\n"
      "行政许可,2025-01-02,\n"
      "行政确认,2025-01-02,\n"          // row 3: unknown category
      "行政处罚,2025-02-30,\n"          // row 4: no such day
      "行政强制,02/03/2025,\n"          // row 5: wrong order
      "行政事业性收费,2025-03-01,\n"    // row 6: amount missing
      "行政事业性收费,2025-03-01,-5\n"  // row 7: negative
      "行政事业性收费,2025-03-01,1.234\n"  // row 8: more than 分
      ",2025-03-01,\n";                 // row 9: category empty
  auto r = reports::parse_decision_records(f2021(), 2025, csv);
  ASSERT_FALSE(r.ok());
  std::vector<int> rows;
  for (const auto& e : r.errors) rows.push_back(e.row);
  EXPECT_EQ(rows, (std::vector<int>{3, 4, 5, 6, 7, 8, 9}));
  EXPECT_NE(r.errors[0].message.find("第3行"), std::string::npos);
  EXPECT_NE(r.errors[0].message.find("行政确认"), std::string::npos);
  EXPECT_NE(r.errors[1].message.find("决定日期"), std::string::npos);
  EXPECT_NE(r.errors[3].message.find("金额"), std::string::npos);
  EXPECT_NE(r.errors[4].message.find("-5"), std::string::npos);
}

TEST(DecisionImport, FileLimitsAndEmptyFilesAreRefused) {
  EXPECT_FALSE(reports::parse_decision_records(f2021(), 2025, "").ok());
  EXPECT_FALSE(reports::parse_decision_records(f2021(), 2025, std::string(reports::kMaxImportBytes + 1, 'a')).ok());
  std::string many = "决定类别,决定日期\n";
  for (size_t i = 0; i <= reports::kMaxImportRows; ++i) many += "行政许可,2025-1-1\n";
  auto r = reports::parse_decision_records(f2021(), 2025, many);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().message.find("100000"), std::string::npos);
}

TEST(DecisionImport, The2019FormatImportsDecisionsButHasNoFeeAmountCell) {
  auto r = reports::parse_decision_records(f2019(), 2020, "决定类别,决定日期,金额（元）\n行政许可,2020-01-01,\n"
                                                          "行政事业性收费,2020-01-01,5\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.values.get("table2.license.decisions"), 1);
  EXPECT_EQ(r.values.cells().size(), 3u) << "license, penalty and coercion decisions only";
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("不导入"), std::string::npos);
}

TEST(DecisionImport, ReadsTheFirstSheetOfAnXlsxWithTextAndSerialDates) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "gk_decision_import_test.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "决定");
  worksheet_write_string(ws, 0, 0, "金额（元）", nullptr);
  worksheet_write_string(ws, 0, 1, " 决定类别", nullptr);
  worksheet_write_string(ws, 0, 2, "决定日期", nullptr);
  worksheet_write_string(ws, 1, 1, "行政许可", nullptr);
  worksheet_write_number(ws, 1, 2, 45658, nullptr);  // 2025-01-01
  worksheet_write_string(ws, 2, 1, "行政许可", nullptr);
  worksheet_write_string(ws, 2, 2, "2025年7月1日", nullptr);
  worksheet_write_string(ws, 3, 1, "行政事业性收费", nullptr);
  worksheet_write_number(ws, 3, 2, 46022, nullptr);  // 2025-12-31
  worksheet_write_number(ws, 3, 0, 200.3, nullptr);
  worksheet_write_string(ws, 4, 1, "行政处罚", nullptr);
  worksheet_write_number(ws, 4, 2, 45657, nullptr);  // 2024-12-31: another year
  // row 6 left blank; row 7 bad
  worksheet_write_string(ws, 6, 1, "行政处罚", nullptr);
  worksheet_write_string(ws, 6, 2, "明天", nullptr);
  workbook_add_worksheet(wb, "其他");
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);

  auto bad = reports::parse_decision_records(f2021(), 2025, bytes);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].row, 7);

  // Without the bad row (the file rewritten without it) everything counts.
  lxw_workbook* wb2 = workbook_new(path.c_str());
  lxw_worksheet* ws2 = workbook_add_worksheet(wb2, nullptr);
  worksheet_write_string(ws2, 0, 0, "决定类别", nullptr);
  worksheet_write_string(ws2, 0, 1, "决定日期", nullptr);
  worksheet_write_string(ws2, 0, 2, "金额（元）", nullptr);
  worksheet_write_string(ws2, 1, 0, "行政许可", nullptr);
  worksheet_write_number(ws2, 1, 1, 45658, nullptr);
  worksheet_write_string(ws2, 2, 0, "行政许可", nullptr);
  worksheet_write_string(ws2, 2, 1, "2025年7月1日", nullptr);
  worksheet_write_string(ws2, 3, 0, "行政事业性收费", nullptr);
  worksheet_write_number(ws2, 3, 1, 46022, nullptr);
  worksheet_write_number(ws2, 3, 2, 200.3, nullptr);
  worksheet_write_string(ws2, 4, 0, "行政处罚", nullptr);
  worksheet_write_number(ws2, 4, 1, 45657, nullptr);
  ASSERT_EQ(workbook_close(wb2), LXW_NO_ERROR);
  std::ifstream in2(path, std::ios::binary);
  const std::string bytes2((std::istreambuf_iterator<char>(in2)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  auto r = reports::parse_decision_records(f2021(), 2025, bytes2);
  ASSERT_TRUE(r.ok()) << r.errors.front().message;
  EXPECT_EQ(r.values.get("table2.license.decisions"), 2);
  EXPECT_EQ(r.values.get("table2.penalty.decisions"), 0);
  EXPECT_EQ(r.values.get("table2.fees.fee_amount"), 20'030);  // 200.30 元 = 0.02003 万元
  EXPECT_EQ(r.rows_read, 4);
  EXPECT_EQ(r.rows_other_years, 1);
}

class DecisionImportSaveTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    clerk_ = make_user("clerk", county_, {"drafter"});
    town_clerk_ = make_user("townclerk", town_, {"drafter"});
  }
  accounts::Principal clerk_, town_clerk_;
};

TEST_F(DecisionImportSaveTest, SavesImportedCellsKeepsOthersAndWritesNothingOnError) {
  ASSERT_TRUE(reports::save_figures(db(), clerk_, system(), county_, 2025,
                                    {{"table2.license.decisions", "40"}, {"table2.penalty.decisions", "7"}})
                  .ok());
  // A bad file: refused, the stored figures unchanged.
  auto bad = reports::parse_decision_records(f2021(), 2025, "决定类别,决定日期\n行政许可,2025-01-01\n行政许可,x\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_FALSE(reports::save_imported_decisions(db(), clerk_, system(), county_, 2025, bad).ok());
  EXPECT_EQ(reports::load_figures(db(), county_, 2025).values.get("table2.license.decisions"), 40);

  // Another agency's clerk may not.
  auto good = reports::parse_decision_records(
      f2021(), 2025, "决定类别,决定日期,金额（元）\n行政许可,2025-01-01,\n行政事业性收费,2025-01-01,12345.67\n");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(reports::save_imported_decisions(db(), town_clerk_, system(), county_, 2025, good).error().kind,
            Error::Kind::kForbidden);

  auto saved = reports::save_imported_decisions(db(), clerk_, system(), county_, 2025, good);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  const auto stored = reports::load_figures(db(), county_, 2025).values;
  EXPECT_EQ(stored.get("table2.license.decisions"), 1);
  EXPECT_EQ(stored.get("table2.penalty.decisions"), 0) << "imported cells are replaced";
  EXPECT_EQ(stored.get("table2.fees.fee_amount"), 1'234'600) << "12345.67 元 → 1.2346 万元 (rounded to the 元)";
  ASSERT_EQ(good.notes.size(), 1u);
}

}  // namespace
}  // namespace gk::testing
