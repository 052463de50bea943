// The annual report generated from the records (src/reports/generate.h, figures.h, render_html.h):
// 表二 from catalog dates, the figures form, aggregation over a subtree, the checks (identities,
// carry-over, warnings), the 信息处理费 of section 六, the drill-down to cases and the HTML tables.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <regex>
#include <sstream>

#include "reports/figures.h"
#include "reports/generate.h"
#include "reports/identities.h"
#include "reports/render_html.h"
#include "test_db.h"

namespace gk::testing {
namespace {

using reports::Severity;

class ReportGenerateTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    clerk_ = make_user("clerk", county_, {"drafter"});
    town_clerk_ = make_user("townclerk", town_, {"drafter"});
    reviewer_ = make_user("reviewer", county_, {"reviewer"});
    admin_ = make_user("countyadmin", county_, {"agency_admin"});
  }

  // A catalog item straight into the table: this test is about counting, not publishing.
  void item(int64_t agency, const std::string& genre, const std::string& written, const std::string& published,
            const std::string& repealed = "", const std::string& state = "published",
            const std::string& disclosure = "proactive") {
    db().exec(
        "INSERT INTO items(agency_id, state, title, publisher, subject, genre, written_date, publish_date, validity, "
        "repeal_date, disclosure, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {agency, state, "测试文件", "云溪县人民政府", "1002", genre, written.empty() ? db::Value() : db::Value(written),
         published.empty() ? db::Value() : db::Value(published), repealed.empty() ? "valid" : "repealed",
         repealed.empty() ? db::Value() : db::Value(repealed), disclosure, clerk_.user.id, now_iso(), now_iso()});
  }

  // An application straight into the table, with its 表三 column, receipt and closing.
  int64_t application(int64_t agency, const std::string& category, const std::string& received,
                      const std::string& stage = "assigned", const std::string& closed = "",
                      const std::string& outcome = "") {
    return db()
        .exec(
            "INSERT INTO applications(code, password_hash, agency_id, stage, channel, submitted_at, received_date, "
            "applicant_category, applicant_name, phone, description, form_wanted, delivery_wanted, closed_date, "
            "outcome, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            {"T-" + std::to_string(++serial_), "x", agency, stage, "in_person", received + "T01:00:00Z", received,
             category, "张三", "13800000000", "请公开某文件", "electronic", "email", closed, outcome, now_iso()})
        .last_insert_id;
  }

  void event(int64_t application_id, const std::string& kind, const std::string& date, const std::string& data = "{}") {
    db().exec(
        "INSERT INTO application_events(application_id, kind, date, data_json, actor, created_at) VALUES (?,?,?,?,?,?)",
        {application_id, kind, date, data, "测试", now_iso()});
  }

  void review(int64_t agency, const std::string& kind, const std::string& filed, const std::string& result,
              const std::string& decided = "") {
    db().exec(
        "INSERT INTO review_cases(agency_id, kind, body, filed_date, result, decided_date, created_by, created_at, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
        {agency, kind, "云溪市人民政府", filed, result, decided, "测试", now_iso(), now_iso()});
  }

  void figures(const accounts::Principal& who, int64_t agency, int year, const reports::FiguresInput& in) {
    auto saved = reports::save_figures(db(), who, system(), agency, year, in);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
  }

  reports::GeneratedReport report(int64_t agency, int year, bool subtree) {
    auto r = reports::generate(db(), agency, year, subtree);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : reports::GeneratedReport{};
  }

  static bool has(const std::vector<reports::Finding>& fs, const std::string& code) {
    return std::any_of(fs.begin(), fs.end(), [&](const reports::Finding& f) { return f.code == code; });
  }
  static const reports::Finding* find(const std::vector<reports::Finding>& fs, const std::string& code) {
    for (const auto& f : fs) {
      if (f.code == code) return &f;
    }
    return nullptr;
  }

  accounts::Principal clerk_, town_clerk_, reviewer_, admin_;
  int serial_ = 0;
};

TEST_F(ReportGenerateTest, TableTwoCountsRulesAndNormativeDocumentsByTheirDatesAcrossTheYear) {
  item(county_, "guizhang", "2023-05-01", "2023-05-10");                  // in force since 2023
  item(county_, "guizhang", "2025-01-01", "2025-01-05");                  // made on the first day
  item(county_, "guizhang", "2025-12-31", "2026-01-04");                  // made on the last day, published later
  item(county_, "guizhang", "2026-01-01", "2026-01-02");                  // next year
  item(county_, "guifanxing", "2022-03-01", "2022-03-02", "2025-06-30");  // repealed in the year
  item(county_, "guifanxing", "2025-02-01", "2025-02-02", "2025-11-30");  // made and repealed in the year
  item(county_, "guifanxing", "2024-04-01", "2024-04-02", "2026-01-01");  // repealed the day after year end
  item(county_, "guifanxing", "2021-04-01", "2021-04-02", "2024-12-31");  // repealed the year before
  item(county_, "guifanxing", "2025-03-01", "", "", "draft");             // not published: not counted
  item(county_, "guifanxing", "2025-03-01", "2025-03-02", "", "withdrawn");
  item(county_, "guifanxing", "2025-03-01", "2025-03-02", "", "published", "on_request");
  item(county_, "tongzhi", "2025-03-01", "2025-03-02");  // another 体裁
  item(dept_, "guizhang", "2025-03-01", "2025-03-02");   // another agency

  auto r = report(county_, 2025, false);
  ASSERT_EQ(r.format->id, "2021");
  const auto& v = r.values;
  EXPECT_EQ(v.get("table2.rules.issued"), 2);
  EXPECT_EQ(v.get("table2.rules.repealed"), 0);
  EXPECT_EQ(v.get("table2.rules.in_force"), 3);
  EXPECT_EQ(v.get("table2.normative.issued"), 1);
  EXPECT_EQ(v.get("table2.normative.repealed"), 2);
  EXPECT_EQ(v.get("table2.normative.in_force"), 1) << "only the one repealed after the year end";
  ASSERT_TRUE(r.last_year);
  EXPECT_EQ(r.last_year->get("table2.normative.in_force"), 2);
  EXPECT_FALSE(has(r.findings, "t2_in_force_continuity")) << "现行有效 carries over from the records by construction";

  // The 2019 trial format (report year 2020): made, published in the year, disclosed by its end.
  item(county_, "guifanxing", "2019-12-20", "2020-01-03");
  auto r2020 = report(county_, 2020, false);
  ASSERT_EQ(r2020.format->id, "2019");
  EXPECT_EQ(r2020.values.get("table2.normative.made"), 0);
  EXPECT_EQ(r2020.values.get("table2.normative.published"), 1);
  EXPECT_EQ(r2020.values.get("table2.normative.total_published"), 1);
  EXPECT_FALSE(r2020.values.contains("table2.normative.issued"));
}

TEST_F(ReportGenerateTest, FiguresAreValidatedFieldByFieldInChinese) {
  const auto& f2021 = *reports::format("2021");
  auto refs = reports::figure_refs(f2021);
  EXPECT_EQ(refs, (std::vector<std::string>{"table2.license.decisions", "table2.penalty.decisions",
                                            "table2.coercion.decisions", "table2.fees.fee_amount"}));
  auto bad = reports::parse_figures(f2021, {{"table2.license.decisions", "-1"},
                                            {"table2.penalty.decisions", "1.5"},
                                            {"table2.coercion.decisions", "十二"},
                                            {"table2.fees.fee_amount", "12.34567"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 4u);
  EXPECT_EQ(bad.error().fields.at("table2.fees.fee_amount"), "金额最多保留四位小数");
  EXPECT_NE(bad.error().fields.at("table2.license.decisions").find("负数"), std::string::npos);
  EXPECT_EQ(
      reports::parse_figures(f2021, {{"table2.fees.fee_amount", "-3"}}).error().fields.at("table2.fees.fee_amount"),
      "金额不能为负数");
  auto good = reports::parse_figures(f2021, {{"table2.license.decisions", " １２ "},
                                             {"table2.penalty.decisions", ""},
                                             {"table2.fees.fee_amount", "12.3456"},
                                             {"table2.rules.issued", "99"}});
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good->get("table2.license.decisions"), 12) << "full-width digits as typed by an input method";
  EXPECT_FALSE(good->contains("table2.penalty.decisions")) << "blank is not filled in, not 0";
  EXPECT_EQ(good->get("table2.fees.fee_amount"), 12'345'600);
  EXPECT_FALSE(good->contains("table2.rules.issued")) << "catalog cells are not figures";
  EXPECT_EQ(reports::figures_text(f2021, *good).at("table2.fees.fee_amount"), "12.3456");

  const auto& f2019 = *reports::format("2019");
  auto old = reports::parse_figures(f2019, {{"table2.license.change", "-2"},
                                            {"table2.other_services.previous_items", "7"},
                                            {"table2.procurement.procurement_amount", "3.5"},
                                            {"table2.fees.change", "1.0"}});
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().fields.size(), 1u) << "本年增/减 is an integer";
  EXPECT_EQ(old.error().fields.count("table2.fees.change"), 1u);
}

TEST_F(ReportGenerateTest, FiguresAreSavedByClerksOfTheAgencyOnlyAuditedAndBadInputWritesNothing) {
  EXPECT_EQ(reports::save_figures(db(), town_clerk_, system(), county_, 2025, {}).error().kind,
            Error::Kind::kForbidden);
  EXPECT_EQ(reports::save_figures(db(), reviewer_, system(), county_, 2025, {}).error().kind, Error::Kind::kForbidden);
  EXPECT_EQ(reports::save_figures(db(), clerk_, system(), county_, 2018, {}).error().fields.count("year"), 1u);
  EXPECT_EQ(reports::save_figures(db(), clerk_, system(), county_, 2099, {}).error().fields.count("year"), 1u);
  EXPECT_FALSE(reports::save_figures(db(), clerk_, system(), county_, 2025, {{"table2.license.decisions", "x"}}).ok());
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM report_figure_sets"), 0);

  figures(clerk_, county_, 2025, {{"table2.license.decisions", "5"}, {"table2.fees.fee_amount", "1.2"}});
  figures(admin_, town_, 2025, {{"table2.license.decisions", "3"}});  // an agency admin over the town
  auto saved = reports::save_figures(db(), clerk_, system(), county_, 2025, {{"table2.license.decisions", "6"}});
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->values.get("table2.license.decisions"), 6);
  EXPECT_FALSE(saved->values.contains("table2.fees.fee_amount")) << "the form replaces the set";
  const int64_t set_id =
      db().scalar_int("SELECT id FROM report_figure_sets WHERE agency_id = ? AND year = 2025", {county_});
  auto trail = audit::for_entity(db(), "report_figures", set_id);
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].action, "create");
  EXPECT_EQ(trail[1].before["table2.fees.fee_amount"], "1.20");
  EXPECT_EQ(trail[1].after["table2.license.decisions"], "6");
  EXPECT_FALSE(trail[1].after.contains("table2.fees.fee_amount"));
}

TEST_F(ReportGenerateTest, ASubtreeReportIsTheSumOfItsUnitsAndEveryCaseCellDrillsDownToItsCases) {
  item(county_, "guizhang", "2025-01-10", "2025-01-12");
  item(town_, "guifanxing", "2024-01-10", "2024-01-12");
  item(dept_, "guifanxing", "2025-05-10", "2025-05-12", "2025-09-01");
  application(county_, "person", "2024-12-20", "closed", "2025-01-10", "disclosed");
  application(county_, "commercial", "2025-03-01", "closed", "2025-03-20", "partial");
  application(dept_, "person", "2025-04-01", "closed", "2025-04-10", "unavailable_not_held");
  application(dept_, "research", "2025-12-20");
  application(town_, "person", "2025-06-01", "withdrawn", "2025-06-03", "other");
  application(town_, "person", "2023-06-01", "closed", "2023-07-01", "disclosed");  // before the year
  review(county_, "review", "2025-03-01", "upheld", "2025-05-01");
  review(town_, "suit_direct", "2025-08-01", "corrected", "2026-02-01");
  figures(clerk_, county_, 2025, {{"table2.license.decisions", "5"}, {"table2.fees.fee_amount", "0.5"}});
  figures(town_clerk_, town_, 2025, {{"table2.license.decisions", "7"}, {"table2.fees.fee_amount", "0"}});

  auto r = report(county_, 2025, true);
  ASSERT_EQ(r.units.size(), 3u);
  EXPECT_EQ(r.units[0].agency_id, county_);
  EXPECT_EQ(r.units[0].depth, 0);
  EXPECT_EQ(r.units[1].depth, 1);
  for (const std::string& ref : r.format->cell_refs()) {
    std::optional<int64_t> sum;
    for (const auto& u : r.units) {
      if (auto v = u.values.get(ref)) sum = sum.value_or(0) + *v;
    }
    EXPECT_EQ(r.values.get(ref), sum) << ref;
  }
  EXPECT_EQ(r.values.get("table2.license.decisions"), 12);
  EXPECT_EQ(r.values.get("table2.fees.fee_amount"), 500'000);
  EXPECT_FALSE(r.values.contains("table2.penalty.decisions")) << "filled in by no unit";
  EXPECT_EQ(r.values.get("table3.new.total"), 4);
  EXPECT_EQ(r.values.get("table3.carried_over.total"), 1);
  EXPECT_EQ(r.values.get("table4.suit_direct.pending"), 1) << "decided after the year end";
  // A report of the agency alone is its unit of the subtree report.
  EXPECT_EQ(report(county_, 2025, false).values, r.units[0].values);
  // The department has not filled in 行政事业性收费.
  const auto* missing = find(r.findings, "fees_missing");
  ASSERT_NE(missing, nullptr);
  EXPECT_NE(missing->message_zh.find("云溪县财政局"), std::string::npos);
  EXPECT_EQ(missing->message_zh.find("青石镇"), std::string::npos) << "0 is filled in";

  // Every 表三 and 表四 cell lists exactly as many cases as it counts.
  const std::vector<int64_t> ids = {county_, dept_, town_};
  for (const std::string& ref : r.format->cell_refs()) {
    if (ref.starts_with("table3.")) {
      auto cases = reports::table3_cases(db(), ids, 2025, ref);
      ASSERT_TRUE(cases.ok()) << ref;
      EXPECT_EQ(static_cast<int64_t>(cases->size()), r.values.get_or_zero(ref)) << ref;
    } else if (ref.starts_with("table4.")) {
      auto cases = reports::table4_cases(db(), ids, 2025, ref);
      ASSERT_TRUE(cases.ok()) << ref;
      EXPECT_EQ(static_cast<int64_t>(cases->size()), r.values.get_or_zero(ref)) << ref;
    }
  }
  auto open = reports::table3_cases(db(), ids, 2025, "table3.carry_forward.research");
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().agency_name, "云溪县财政局");
  EXPECT_FALSE(reports::table3_cases(db(), ids, 2025, "table4.review.total").ok());
  EXPECT_FALSE(reports::table3_cases(db(), ids, 2025, "table3.r6.person").ok()) << "（六） is split in 2021";
}

TEST_F(ReportGenerateTest, ABalancedYearHasNoErrorsAndAPlantedCarryOverMismatchIsReported) {
  application(county_, "person", "2024-11-20", "closed", "2025-01-10", "disclosed");
  application(county_, "person", "2024-12-20");  // still open at the end of 2025
  application(county_, "legal_service", "2025-03-01", "closed", "2025-03-20", "withheld_state_secret");
  application(county_, "person", "2025-12-30");
  review(county_, "review", "2025-03-01", "pending");
  figures(clerk_, county_, 2025, {{"table2.fees.fee_amount", "0"}});
  auto r = report(county_, 2025, false);
  EXPECT_FALSE(r.has_errors());
  for (const auto& f : r.findings) EXPECT_NE(f.severity, Severity::kError) << f.message_zh;
  ASSERT_TRUE(r.last_year);
  EXPECT_EQ(r.last_year->get("table3.carry_forward.person"), 2);
  EXPECT_EQ(r.values.get("table3.carried_over.person"), 2);

  // Last year's report said one more was carried forward than this year carries over.
  reports::TableValues last = *r.last_year;
  last.add("table3.carry_forward.person", 1);
  last.add("table3.carry_forward.total", 1);
  auto findings = reports::check_report(*r.format, r.values, &last, {});
  const auto* mismatch = find(findings, "t3_carry_over");
  ASSERT_NE(mismatch, nullptr);
  EXPECT_EQ(mismatch->severity, Severity::kError);
  EXPECT_EQ(findings.front().severity, Severity::kError) << "errors come first";
  EXPECT_NE(mismatch->message_zh.find("自然人"), std::string::npos) << mismatch->message_zh;
  EXPECT_EQ(mismatch->refs, std::vector<std::string>{"table3.carried_over.person"});
  // A same-year imbalance is an error too.
  reports::TableValues broken = r.values;
  broken.add("table3.new.person", 1);
  EXPECT_TRUE(has(reports::check_report(*r.format, broken, nullptr, {}), "t3_balance"));
}

TEST_F(ReportGenerateTest, SuspiciousFiguresAreWarnings) {
  const auto& f = *reports::format("2021");
  reports::TableValues now = reports::zero_values(f);
  now.set("table4.review.total", 2);
  now.set("table4.review.pending", 2);
  now.set("table2.license.decisions", 40);
  now.set("table2.penalty.decisions", 30);
  now.set("table2.coercion.decisions", 9);
  now.set("table2.fees.fee_amount", 50 * reports::kAmountScale);
  reports::TableValues last = reports::zero_values(f);
  last.set("table2.license.decisions", 12);     // ×3.3: warned
  last.set("table2.penalty.decisions", 10);     // ×3: not more than 3 times
  last.set("table2.coercion.decisions", 1000);  // this year below 10: not compared
  last.set("table2.fees.fee_amount", 12 * reports::kAmountScale);
  auto findings = reports::check_report(f, now, &last, {"云溪县青石镇人民政府"});
  for (const auto& x : findings) EXPECT_EQ(x.severity, Severity::kWarning) << x.message_zh;
  const auto* zero = find(findings, "no_applications_but_reviews");
  ASSERT_NE(zero, nullptr);
  EXPECT_NE(zero->message_zh.find("行政复议总计2件"), std::string::npos) << zero->message_zh;
  std::vector<std::string> sharp;
  for (const auto& x : findings) {
    if (x.code == "sharp_change") sharp.push_back(x.refs.at(0));
  }
  EXPECT_EQ(sharp, (std::vector<std::string>{"table2.fees.fee_amount", "table2.license.decisions"}));
  const auto* fees = find(findings, "fees_missing");
  ASSERT_NE(fees, nullptr);
  EXPECT_EQ(fees->refs, std::vector<std::string>{"table2.fees.fee_amount"});
  EXPECT_NE(fees->message_zh.find("云溪县青石镇人民政府"), std::string::npos);
  // With applications there is nothing odd about review cases.
  now.set("table3.new.total", 1);
  EXPECT_FALSE(has(reports::check_report(f, now, nullptr, {}), "no_applications_but_reviews"));
}

TEST_F(ReportGenerateTest, FeeFiguresCountNoticesAndPaymentsOfTheYear) {
  const int64_t a = application(county_, "person", "2025-02-01");
  event(a, "fee_notice", "2025-02-10", R"({"amount": 300})");
  event(a, "fee_paid", "2025-02-20");
  const int64_t b = application(county_, "person", "2024-12-01");
  event(b, "fee_notice", "2024-12-10", R"({"amount": 1200})");  // noticed last year, paid this year
  event(b, "fee_paid", "2025-01-06");
  const int64_t c = application(county_, "commercial", "2025-11-01");
  event(c, "fee_notice", "2025-11-05", R"({"amount": 100})");  // not paid
  const int64_t d = application(town_, "person", "2025-03-01");
  event(d, "fee_notice", "2025-03-05", R"({"amount": 200})");
  event(d, "fee_paid", "2025-03-06");
  auto self = report(county_, 2025, false);
  EXPECT_EQ(self.fees, (reports::FeeFigures{2, 40000, 2, 150000}));
  auto all = report(county_, 2025, true);
  EXPECT_EQ(all.fees, (reports::FeeFigures{3, 60000, 3, 170000}));
  EXPECT_EQ(reports::format_yuan(all.fees.collected_fen), "1700");
  EXPECT_EQ(reports::format_yuan(1250), "12.50");
  EXPECT_EQ(report(county_, 2024, false).fees, (reports::FeeFigures{1, 120000, 0, 0}));
}

TEST_F(ReportGenerateTest, NoReportBeforeTheNationalFormat) {
  auto r = reports::generate(db(), county_, 2018, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "no_format");
  EXPECT_EQ(reports::generate(db(), 999999, 2025, false).error().kind, Error::Kind::kNotFound);
  EXPECT_FALSE(report(county_, 2019, false).last_year) << "no format for 2018 to compare with";
}

TEST_F(ReportGenerateTest, HtmlTablesFollowTheLayoutWithHeadersForEveryNumber) {
  const auto& f = *reports::format("2021");
  reports::TableValues v = reports::zero_values(f);
  v.set("table3.r3_1.person", 3);
  v.set("table2.fees.fee_amount", 12'345'600);
  reports::HtmlTableOptions o;
  o.link_base = "/admin/reports/cell?agency=1&year=2025&ref=";
  const std::string t3 = reports::render_table_html(f, "table3", v, o);
  EXPECT_NE(t3.find("<caption>表三 收到和处理政府信息公开申请情况</caption>"), std::string::npos);
  EXPECT_NE(t3.find("<thead>"), std::string::npos);
  EXPECT_NE(t3.find("rowspan=\"22\""), std::string::npos) << "三、本年度办理结果 spans its rows";
  EXPECT_NE(t3.find("href=\"/admin/reports/cell?agency=1&amp;year=2025&amp;ref=table3.r3_1.person\">3</a>"),
            std::string::npos);
  // 7 columns × 25 data rows, each a <td headers> naming a column and a row.
  std::regex td(R"re(<td headers="([^"]+)" data-ref="table3\.r3_1\.person")re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(t3, m, td));
  std::istringstream ids(m[1].str());
  std::vector<std::string> hs{std::istream_iterator<std::string>(ids), std::istream_iterator<std::string>()};
  std::vector<std::string> texts;
  for (const auto& h : hs) {
    std::regex th("<th id=\"" + h + "\"[^>]*>([^<]*)</th>");
    std::smatch t;
    ASSERT_TRUE(std::regex_search(t3, t, th)) << h;
    texts.push_back(t[1].str());
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "申请人情况",
                                             "自然人"}));
  size_t cells = 0;
  for (size_t at = t3.find("<td headers="); at != std::string::npos; at = t3.find("<td headers=", at + 1)) ++cells;
  EXPECT_EQ(cells, 7u * 25u);

  const std::string t2 = reports::render_table_html(f, "table2", v, {});
  EXPECT_NE(t2.find(">12.3456</td>"), std::string::npos) << "amounts as printed, no link without a base";
  size_t bodies = 0;
  for (size_t at = t2.find("<tbody>"); at != std::string::npos; at = t2.find("<tbody>", at + 1)) ++bodies;
  EXPECT_EQ(bodies, 4u) << "one row group per 第二十条 item";
  EXPECT_NE(t2.find("scope=\"rowgroup\" colspan=\"4\">第二十条第（一）项</th>"), std::string::npos);

  reports::HtmlTableOptions captioned;
  captioned.caption = "<表四>";
  const std::string t4 = reports::render_table_html(f, "table4", v, captioned);
  EXPECT_NE(t4.find("<caption>&lt;表四&gt;</caption>"), std::string::npos);
  EXPECT_EQ(reports::render_table_html(f, "table9", v), "");
}

}  // namespace
}  // namespace gk::testing
