// The report checker over published annual reports (src/checker/published.h): reports published in the
// 政府信息公开年报 columns of the agencies a staff member may read are found and checked (body, or the
// PDF attachment when the body only points to it), agencies without a report are listed, the catalog's
// 发布日期 and agency stand in when the report states none, and a township clerk sees only their township.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/service.h"
#include "checker/published.h"
#include "test_db.h"

namespace gk::testing {
namespace {

namespace fs = std::filesystem;

std::string corpus(const std::string& name) {
  const char* root = std::getenv("GK_SOURCE_DIR");
  std::ifstream in(fs::path(root ? root : ".") / "tests" / "checker" / "corpus" / name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CheckerPublishedTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    supervisor_ = make_user("supervisor", county_, {"supervisor"});
    dept_clerk_ = make_user("deptclerk", dept_, {"drafter"});
    town_clerk_ = make_user("townclerk", town_, {"drafter"});
  }

  int64_t report_column(int64_t agency) {
    return db().query_one("SELECT id FROM columns WHERE agency_id = ? AND kind = 'annual_report'", {agency})->i(0);
  }

  int64_t report_item(int64_t agency, const std::string& title, const std::string& publish_date,
                      const std::string& body, const std::string& state = "published") {
    return db()
        .exec("INSERT INTO items(agency_id, column_id, state, title, publisher, subject, genre, written_date, "
              "publish_date, validity, body_html, disclosure, created_by, created_at, updated_at) VALUES "
              "(?,?,?,?,'','','',?,?,'valid',?,'proactive',?,?,?)",
              {agency, report_column(agency), state, title, publish_date, publish_date, body, dept_clerk_.user.id,
               now_iso(), now_iso()})
        .last_insert_id;
  }

  accounts::Principal supervisor_, dept_clerk_, town_clerk_;
};

TEST_F(CheckerPublishedTest, ReportYearFromTitleElsePublicationDate) {
  EXPECT_EQ(checker::report_year_of("云溪县人民政府2025年政府信息公开工作年度报告", "2026-01-20"), 2025);
  EXPECT_EQ(checker::report_year_of("云溪县2024年度政府信息公开工作年度报告", "2026-01-20"), 2024);
  EXPECT_EQ(checker::report_year_of("政府信息公开工作年度报告", "2026-01-20"), 2025);
  EXPECT_EQ(checker::report_year_of("年度报告", ""), std::nullopt);
}

TEST_F(CheckerPublishedTest, SupervisorSeesBodyAndPdfReportsAndAgenciesWithout) {
  const std::string html = corpus("2021-county-gov-html.html");
  const std::string pdf = corpus("2021-pdf.pdf");
  ASSERT_FALSE(html.empty());
  ASSERT_FALSE(pdf.empty());
  const int64_t county_item = report_item(county_, "云溪县人民政府2025年政府信息公开工作年度报告", "2026-03-01", html);
  // Another year's report and a draft are not part of the 2025 check.
  report_item(county_, "云溪县人民政府2024年政府信息公开工作年度报告", "2025-03-01", html);
  report_item(town_, "云溪县青石镇人民政府2025年政府信息公开工作年度报告", "", html, "draft");
  // The department published its report as a PDF, the body only points to it.
  const int64_t dept_item =
      report_item(dept_, "云溪县财政局2025年政府信息公开工作年度报告", "2026-01-15", "<p>详见附件。</p>", "draft");
  auto att = catalog::add_attachment(db(), dept_clerk_, system(), dept_item, "财政局2025年报.pdf", pdf);
  ASSERT_TRUE(att.ok()) << att.error().message;
  db().exec("UPDATE items SET state = 'published' WHERE id = ?", {dept_item});

  auto s = checker::check_published(db(), supervisor_, 2025);
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->reports.size(), 2u);
  const auto& county = s->reports[0];  // tree order: the county before its department
  EXPECT_EQ(county.item_id, county_item);
  EXPECT_EQ(county.source, "body");
  ASSERT_TRUE(county.result.has_value()) << county.error;
  EXPECT_EQ(county.result->input, checker::InputKind::kHtml);
  EXPECT_EQ(county.result->era, checker::Era::k2021);
  EXPECT_TRUE(county.result->values.get("table3.new.total").has_value());
  const auto& dept = s->reports[1];
  EXPECT_EQ(dept.item_id, dept_item);
  EXPECT_EQ(dept.source, "财政局2025年报.pdf");
  ASSERT_TRUE(dept.result.has_value()) << dept.error;
  EXPECT_EQ(dept.result->input, checker::InputKind::kPdf);
  EXPECT_GT(dept.result->score, 0);
  // The township has only a draft: it has not published its report.
  ASSERT_EQ(s->missing.size(), 1u);
  EXPECT_EQ(s->missing[0].agency_id, town_);

  // Narrowed to the department: only its report, nothing missing.
  auto only_dept = checker::check_published(db(), supervisor_, 2025, dept_);
  ASSERT_TRUE(only_dept.ok());
  ASSERT_EQ(only_dept->reports.size(), 1u);
  EXPECT_EQ(only_dept->reports[0].item_id, dept_item);
  EXPECT_TRUE(only_dept->missing.empty());

  // No report at all for 2023 in the county's tree: all three agencies are listed.
  auto none = checker::check_published(db(), supervisor_, 2023);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->reports.empty());
  EXPECT_EQ(none->missing.size(), 3u);
}

TEST_F(CheckerPublishedTest, TownshipClerkSeesOnlyTheirTownship) {
  report_item(county_, "云溪县人民政府2025年政府信息公开工作年度报告", "2026-03-01", corpus("2021-county-gov-html.html"));
  auto s = checker::check_published(db(), town_clerk_, 2025);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->reports.empty());
  ASSERT_EQ(s->missing.size(), 1u);
  EXPECT_EQ(s->missing[0].agency_id, town_);
  auto county = checker::check_published(db(), town_clerk_, 2025, county_);
  ASSERT_FALSE(county.ok());
  EXPECT_EQ(county.error().kind, Error::Kind::kForbidden);
}

TEST_F(CheckerPublishedTest, CatalogDateAndAgencyStandInWhenTheReportStatesNone) {
  std::string body = "<h1>2025年政府信息公开工作年度报告</h1><h2>一、总体情况</h2><p>";
  for (int i = 0; i < 20; ++i) body += "本年度认真落实政府信息公开工作要求。";
  body += "</p>";
  report_item(town_, "2025年政府信息公开工作年度报告", "2026-02-10", body);
  auto s = checker::check_published(db(), town_clerk_, 2025);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->reports.size(), 1u);
  ASSERT_TRUE(s->reports[0].result.has_value()) << s->reports[0].error;
  const auto& r = *s->reports[0].result;
  EXPECT_EQ(r.published, "2026-02-10");
  EXPECT_EQ(r.agency, "云溪县青石镇人民政府");
  EXPECT_EQ(r.agency_level, "township");
  EXPECT_FALSE(r.has_finding("agency_unknown"));
  EXPECT_FALSE(r.has_finding("publication_date_unknown"));
  EXPECT_TRUE(r.has_finding("section_missing"));
  EXPECT_TRUE(s->missing.empty());
}

}  // namespace
}  // namespace gk::testing
