// The annual report from draft to publication (src/reports/editions.h, draft_text.h, document.h,
// document_html.h): the factual draft of 一、总体情况, the checks that block publication, the published
// catalog item with its frozen snapshot, the difference to the records and corrected editions, and
// the Art. 49 deadline board.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "catalog/taxonomy.h"
#include "platform/audit/audit.h"
#include "reports/document.h"
#include "reports/document_html.h"
#include "reports/draft_text.h"
#include "reports/editions.h"
#include "reports/figures.h"
#include "reports/report_json.h"
#include "test_db.h"

namespace gk::testing {
namespace {

using reports::BoardStatus;
using reports::Severity;

constexpr int kYear = 2025;

class ReportEditionsTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    clerk_ = make_user("clerk", county_, {"drafter"});
    town_clerk_ = make_user("townclerk", town_, {"drafter"});
    reviewer_ = make_user("reviewer", county_, {"reviewer"});
    dept_signer_ = make_user("deptsigner", dept_, {"signer"});
    supervisor_ = make_user("supervisor", county_, {"supervisor"});
  }

  void item(int64_t agency, const std::string& genre, const std::string& written, const std::string& published) {
    db().exec(
        "INSERT INTO items(agency_id, state, title, publisher, subject, genre, written_date, publish_date, validity, "
        "disclosure, created_by, created_at, updated_at) VALUES "
        "(?,'published','测试文件','云溪县人民政府','1002',?,?,?,"
        "'valid','proactive',?,?,?)",
        {agency, genre, written, published, clerk_.user.id, now_iso(), now_iso()});
  }

  int64_t application(int64_t agency, const std::string& category, const std::string& received,
                      const std::string& stage = "assigned", const std::string& closed = "",
                      const std::string& outcome = "") {
    return db()
        .exec(
            "INSERT INTO applications(code, password_hash, agency_id, stage, channel, submitted_at, received_date, "
            "applicant_category, applicant_name, phone, description, form_wanted, delivery_wanted, closed_date, "
            "outcome, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            {"T-" + std::to_string(++serial_), "x", agency, stage, "in_person", received + "T01:00:00Z", received,
             category, "张三", "13800000000", "请公开某文件", "electronic", "email", closed, outcome, now_iso()})
        .last_insert_id;
  }

  void fee(int64_t application_id, const std::string& kind, const std::string& date, const std::string& data = "{}") {
    db().exec(
        "INSERT INTO application_events(application_id, kind, date, data_json, actor, created_at) VALUES (?,?,?,?,?,?)",
        {application_id, kind, date, data, "测试", now_iso()});
  }

  // A balanced year of records for the county: catalog items, applications, the figures form.
  void records() {
    item(county_, "guizhang", "2025-02-01", "2025-02-10");
    item(county_, "guifanxing", "2025-03-01", "2025-03-05");
    item(county_, "tongzhi", "2025-04-01", "2025-04-02");
    application(county_, "person", "2025-03-01", "closed", "2025-03-20", "disclosed");
    application(county_, "commercial", "2025-12-29");
    auto saved = reports::save_figures(db(), clerk_, system(), county_, kYear,
                                       {{"table2.license.decisions", "17"}, {"table2.fees.fee_amount", "0"}});
    ASSERT_TRUE(saved.ok()) << saved.error().message;
  }

  // Texts complete enough to publish.
  void texts(const std::string& problems = "信息公开工作仍有不足，将加强培训。") {
    auto filled = reports::fill_overview(db(), clerk_, system(), county_, kYear, false, false);
    ASSERT_TRUE(filled.ok()) << filled.error().message;
    auto saved = reports::save_texts(db(), clerk_, system(), county_, kYear, false, {{"problems", problems}});
    ASSERT_TRUE(saved.ok()) << saved.error().message;
  }

  int64_t count(const std::string& sql, db::Params params = {}) { return db().scalar_int(sql, params); }

  accounts::Principal clerk_, town_clerk_, reviewer_, dept_signer_, supervisor_;
  int serial_ = 0;
};

TEST_F(ReportEditionsTest, TheOverviewDraftStatesOnlyFiguresOfTheRecordsAndKeepsWhatTheClerkChanged) {
  records();
  auto filled = reports::fill_overview(db(), clerk_, system(), county_, kYear, false, false);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  const auto parts = filled->overview();
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0].title, "（一）主动公开");
  // The figures appear verbatim: 3 items published in 2025, 1 规章 and 1 规范性文件 made, 17 行政许可.
  EXPECT_NE(parts[0].text.find("主动公开政府信息3条"), std::string::npos) << parts[0].text;
  EXPECT_NE(parts[0].text.find("本年制发规章1件、行政规范性文件1件"), std::string::npos) << parts[0].text;
  EXPECT_NE(parts[0].text.find("行政许可决定17件"), std::string::npos) << parts[0].text;
  EXPECT_NE(parts[1].text.find("新收政府信息公开申请2件"), std::string::npos) << parts[1].text;
  EXPECT_NE(parts[1].text.find("办理完毕1件"), std::string::npos) << parts[1].text;
  EXPECT_NE(parts[1].text.find("结转下年度继续办理1件"), std::string::npos) << parts[1].text;
  // Nothing the records do not hold: every number printed is the year or a figure of the facts.
  auto rep = reports::generate(db(), county_, kYear, false);
  ASSERT_TRUE(rep.ok());
  const reports::DraftFacts facts = reports::draft_facts(db(), *rep);
  std::set<std::string> known = {std::to_string(kYear), std::to_string(facts.proactive_items),
                                 std::to_string(facts.columns), "0"};
  for (const auto& [ref, v] : facts.values.cells()) known.insert(std::to_string(v));
  if (facts.replies_read) {
    known.insert(std::to_string(*facts.replies_read));
    known.insert(std::to_string(facts.replies_on_time));
  }
  const std::regex number(R"(\d+(\.\d+)?%?)");
  for (const auto& p : parts) {
    for (auto it = std::sregex_iterator(p.text.begin(), p.text.end(), number); it != std::sregex_iterator(); ++it) {
      std::string n = it->str();
      if (n.back() == '%') {
        ASSERT_TRUE(facts.replies_read) << "a rate without readable replies: " << p.text;
        EXPECT_EQ(n, reports::percent_text(facts.replies_on_time, *facts.replies_read));
        continue;
      }
      EXPECT_TRUE(known.count(n)) << n << " in " << p.text;
    }
  }
  // What the records cannot tell is marked for the clerk.
  EXPECT_EQ(parts[4].text.find(reports::kToComplete) != std::string::npos, true) << parts[4].text;

  // The clerk rewrites （一）; regenerating refills the others but keeps it, unless asked to overwrite.
  ASSERT_TRUE(
      reports::save_texts(db(), clerk_, system(), county_, kYear, false, {{"proactive", "本机关自己写的内容。"}}).ok());
  item(county_, "tongzhi", "2025-05-01", "2025-05-02");
  std::vector<std::string> kept;
  auto again = reports::fill_overview(db(), clerk_, system(), county_, kYear, false, false, &kept);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->text("proactive"), "本机关自己写的内容。");
  EXPECT_EQ(kept, std::vector<std::string>{"proactive"});
  auto forced = reports::fill_overview(db(), clerk_, system(), county_, kYear, false, true);
  ASSERT_TRUE(forced.ok());
  EXPECT_NE(forced->text("proactive").find("主动公开政府信息4条"), std::string::npos) << forced->text("proactive");

  EXPECT_EQ(reports::percent_text(2, 3), "66.7%");
  EXPECT_EQ(reports::percent_text(3, 3), "100%");
}

TEST_F(ReportEditionsTest, TextsAreWrittenByClerksOfTheAgencyAndAudited) {
  auto other = reports::save_texts(db(), town_clerk_, system(), county_, kYear, false, {{"problems", "x"}});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, Error::Kind::kForbidden);
  auto saved =
      reports::save_texts(db(), clerk_, system(), county_, kYear, false, {{"problems", "  问题一\r\n问题二  "}});
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->text("problems"), "问题一\n问题二");
  const auto events = audit::for_entity(db(), "report_draft", count("SELECT id FROM report_drafts"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].after["problems"], "问题一\n问题二");
  auto too_long = reports::save_texts(db(), clerk_, system(), county_, kYear, false,
                                      {{"other", std::string(reports::kMaxTextBytes + 1, 'a')}});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().kind, Error::Kind::kInvalid);
  EXPECT_EQ(reports::load_draft(db(), county_, kYear, false).text("other"), "") << "a failed save writes nothing";
}

TEST_F(ReportEditionsTest, EmptyRequiredSectionsAndIdentityErrorsBlockPublication) {
  records();
  // Nothing written yet: 一 and 五 are errors.
  auto rep = reports::generate(db(), county_, kYear, false);
  ASSERT_TRUE(rep.ok());
  auto doc = reports::draft_document(*rep, reports::load_draft(db(), county_, kYear, false));
  auto findings = reports::text_findings(doc);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].code, "overview_empty");
  EXPECT_EQ(findings[1].code, "problems_empty");
  for (const auto& f : findings) EXPECT_EQ(f.severity, Severity::kError);
  auto blocked = reports::publish(db(), reviewer_, system(), county_, kYear, false);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, "report_blocked");

  // 一 drafted, 五 still empty: still blocked, and nothing was written.
  ASSERT_TRUE(reports::fill_overview(db(), clerk_, system(), county_, kYear, false, false).ok());
  blocked = reports::publish(db(), reviewer_, system(), county_, kYear, false);
  ASSERT_FALSE(blocked.ok());
  EXPECT_NE(blocked.error().message.find("五、存在的主要问题及改进情况"), std::string::npos) << blocked.error().message;
  EXPECT_EQ(count("SELECT COUNT(*) FROM report_editions"), 0);

  // 五 written: the draft markers are a warning, not an error.
  texts();
  rep = reports::generate(db(), county_, kYear, false);
  doc = reports::draft_document(*rep, reports::load_draft(db(), county_, kYear, false));
  findings = reports::publication_findings(*rep, doc);
  for (const auto& f : findings) EXPECT_EQ(f.severity, Severity::kWarning) << f.code << " " << f.message_zh;
  EXPECT_TRUE(
      std::any_of(findings.begin(), findings.end(), [](const auto& f) { return f.code == "text_to_complete"; }));

  // An identity error in the figures (表四 total below its parts) blocks too.
  reports::GeneratedReport broken = *rep;
  broken.values.add("table4.review.upheld", 1);
  broken.findings = reports::check_report(*broken.format, broken.values, nullptr, {});
  findings = reports::publication_findings(broken, doc);
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings.front().severity, Severity::kError) << "errors come first";
  EXPECT_EQ(findings.front().code, "t4_group_total");

  // A clerk cannot publish, even a complete report.
  auto clerk = reports::publish(db(), clerk_, system(), county_, kYear, false);
  ASSERT_FALSE(clerk.ok());
  EXPECT_EQ(clerk.error().kind, Error::Kind::kForbidden);
  EXPECT_FALSE(reports::may_publish(db(), supervisor_, county_));
  EXPECT_FALSE(reports::may_publish(db(), dept_signer_, county_));
  EXPECT_TRUE(reports::may_publish(db(), dept_signer_, dept_));
}

TEST_F(ReportEditionsTest, PublishingCreatesOnePublishedAuditedCatalogItemInTheAnnualReportColumn) {
  records();
  texts();
  // The column is created when the agency lacks it.
  db().exec("DELETE FROM columns WHERE agency_id = ? AND kind = 'annual_report'", {county_});
  auto e = reports::publish(db(), reviewer_, system(), county_, kYear, false);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->edition, 1);
  EXPECT_EQ(e->published_on, today_cn());
  EXPECT_EQ(count("SELECT COUNT(*) FROM items WHERE title LIKE '%年度报告'"), 1);
  auto item = catalog::get_public(db(), e->item_id);
  ASSERT_TRUE(item.ok()) << "the report is public on the portal";
  EXPECT_EQ(item->title, "云溪县人民政府2025年政府信息公开工作年度报告");
  EXPECT_EQ(item->subject, "0201");
  EXPECT_EQ(catalog::default_taxonomy().subject_path(item->subject), "综合政务\\政务公开");
  EXPECT_EQ(item->genre, "baogao");
  EXPECT_FALSE(item->index_no.empty());
  EXPECT_EQ(item->publish_date, today_cn());
  auto column = catalog::get_column(db(), *item->column_id);
  ASSERT_TRUE(column.ok());
  EXPECT_EQ(column->kind, "annual_report");
  EXPECT_EQ(column->name, "政府信息公开年报");
  EXPECT_EQ(column->agency_id, county_);
  // The body is the whole report with the official tables and the texts.
  EXPECT_NE(item->body_html.find("class=\"table report-table\""), std::string::npos);
  EXPECT_NE(item->body_html.find("一、本年新收政府信息公开申请数量"), std::string::npos);
  EXPECT_NE(item->body_html.find("信息公开工作仍有不足，将加强培训。"), std::string::npos);
  EXPECT_NE(item->body_html.find("本年度未收取信息处理费。"), std::string::npos);
  // Indexed for search like any published item, and audited.
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_docs WHERE item_id = ? AND public = 1", {e->item_id}), 1);
  EXPECT_EQ(audit::for_entity(db(), "report_edition", e->id).size(), 1u);
  EXPECT_EQ(audit::for_entity(db(), "item", e->item_id).size(), 1u);
  // The snapshot is the document as JSON.
  auto doc = reports::edition_document(*e);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->edition, 1);
  EXPECT_EQ(doc->values.get("table2.license.decisions"), 17);
  // A second publication is refused: corrections are editions.
  auto again = reports::publish(db(), reviewer_, system(), county_, kYear, false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "already_published");
  EXPECT_EQ(count("SELECT COUNT(*) FROM items WHERE title LIKE '%年度报告'"), 1);
}

TEST_F(ReportEditionsTest, ThePublishedReportIsFrozenAndTheDifferenceListsTheChangedCells) {
  records();
  texts();
  auto e = reports::publish(db(), reviewer_, system(), county_, kYear, false);
  ASSERT_TRUE(e.ok()) << e.error().message;
  const std::string body = catalog::load(db(), e->item_id)->body_html;

  // Later records: one more application of 2025 by a natural person, and a fee.
  const int64_t a = application(county_, "person", "2025-06-01");
  fee(a, "fee_notice", "2025-06-05", R"({"amount": 300})");
  auto rep = reports::generate(db(), county_, kYear, false);
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->values.get("table3.new.person"), 2);

  EXPECT_EQ(catalog::load(db(), e->item_id)->body_html, body) << "the page does not follow the records";
  auto stored = reports::latest_edition(db(), county_, kYear, false);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->snapshot_json, e->snapshot_json);
  auto frozen = reports::edition_document(*stored);
  ASSERT_TRUE(frozen.ok());
  EXPECT_EQ(frozen->values.get("table3.new.person"), 1);

  const auto current = reports::draft_document(*rep, reports::load_draft(db(), county_, kYear, false));
  const auto diff = reports::diff_documents(*frozen, current);
  std::map<std::string, std::pair<std::string, std::string>> changed;
  for (const auto& c : diff.cells) changed[c.ref] = {c.published, c.current};
  EXPECT_EQ(changed["table3.new.person"], (std::pair<std::string, std::string>{"1", "2"}));
  EXPECT_EQ(changed["table3.new.total"], (std::pair<std::string, std::string>{"2", "3"}));
  EXPECT_EQ(changed["table3.carry_forward.person"], (std::pair<std::string, std::string>{"0", "1"}));
  EXPECT_EQ(changed.count("table3.r1.person"), 0u) << "unchanged cells are not listed";
  for (const auto& c : diff.cells) EXPECT_FALSE(c.label.empty());
  ASSERT_EQ(diff.fees.size(), 2u);
  EXPECT_EQ(diff.fees[0].ref, "fees.notices");
  EXPECT_EQ(diff.fees[0].published, "0");
  EXPECT_EQ(diff.fees[0].current, "1");
  EXPECT_EQ(diff.fees[1].ref, "fees.notified");
  EXPECT_EQ(diff.fees[1].current, "300") << "元";
  // Without a change, the difference is empty.
  EXPECT_TRUE(reports::diff_documents(current, current).empty());
}

TEST_F(ReportEditionsTest, ACorrectedEditionIncrementsKeepsTheOldOneAndUpdatesThePortalPage) {
  records();
  texts();
  auto first = reports::publish(db(), reviewer_, system(), county_, kYear, false);
  ASSERT_TRUE(first.ok()) << first.error().message;
  application(county_, "person", "2025-06-01");

  auto no_note = reports::publish_correction(db(), reviewer_, system(), county_, kYear, false, "  ");
  ASSERT_FALSE(no_note.ok());
  EXPECT_EQ(no_note.error().kind, Error::Kind::kInvalid);
  auto not_published = reports::publish_correction(db(), reviewer_, system(), dept_, kYear, false, "更正");
  ASSERT_FALSE(not_published.ok());

  auto second = reports::publish_correction(db(), reviewer_, system(), county_, kYear, false,
                                            "补录一件6月收到的申请，更正表三。");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->edition, 2);
  EXPECT_EQ(second->item_id, first->item_id) << "the same catalog item";
  EXPECT_EQ(count("SELECT COUNT(*) FROM items WHERE title LIKE '%年度报告'"), 1);
  const auto all = reports::editions(db(), county_, kYear, false);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].snapshot_json, first->snapshot_json) << "edition 1 is kept as published";
  auto doc2 = reports::edition_document(all[1]);
  ASSERT_TRUE(doc2.ok());
  EXPECT_EQ(doc2->correction_note, "补录一件6月收到的申请，更正表三。");
  EXPECT_EQ(doc2->values.get("table3.new.person"), 2);
  const std::string body = catalog::load(db(), first->item_id)->body_html;
  const size_t note_at = body.find("补录一件6月收到的申请，更正表三。");
  ASSERT_NE(note_at, std::string::npos);
  EXPECT_LT(note_at, body.find("一、总体情况")) << "the 更正说明 is printed at the top";
  EXPECT_NE(body.find("更正说明（第2版"), std::string::npos);
  EXPECT_EQ(audit::for_entity(db(), "report_edition", second->id).size(), 1u);
  EXPECT_EQ(audit::for_entity(db(), "item", first->item_id).size(), 2u);
}

TEST_F(ReportEditionsTest, TheDeadlineBoardFollowsArticle49) {
  using agencies::Level;
  EXPECT_EQ(reports::art49_deadline(Level::kDepartment, Level::kCounty, 2025), "2026-01-31");
  EXPECT_EQ(reports::art49_deadline(Level::kCounty, Level::kCounty, 2025), "2026-03-31");
  EXPECT_EQ(reports::art49_deadline(Level::kProvince, Level::kProvince, 2025), "2026-03-31");
  EXPECT_EQ(reports::art49_deadline(Level::kTownship, Level::kTownship, 2025), "");
  EXPECT_EQ(reports::art49_deadline(Level::kDepartment, Level::kTownship, 2025), "");
  // "1月31日前": the day itself is on time, the day after is 逾期.
  EXPECT_EQ(reports::board_status("2026-01-31", "", false, "2026-01-31"), BoardStatus::kNotStarted);
  EXPECT_EQ(reports::board_status("2026-01-31", "", true, "2026-01-31"), BoardStatus::kDrafting);
  EXPECT_EQ(reports::board_status("2026-01-31", "", true, "2026-02-01"), BoardStatus::kOverdue);
  EXPECT_EQ(reports::board_status("2026-03-31", "", false, "2026-04-01"), BoardStatus::kOverdue);
  EXPECT_EQ(reports::board_status("2026-03-31", "2026-04-02", true, "2026-05-01"), BoardStatus::kPublished);
  EXPECT_EQ(reports::board_status("", "", false, "2026-12-31"), BoardStatus::kNotStarted) << "no statutory date";

  // The board over the county's tree: the county published, the department drafting, the township untouched.
  records();
  texts();
  ASSERT_TRUE(reports::publish(db(), reviewer_, system(), county_, kYear, false).ok());
  const auto dept_clerk = make_user("deptclerk", dept_, {"drafter"});
  ASSERT_TRUE(reports::save_texts(db(), dept_clerk, system(), dept_, kYear, false, {{"problems", "草稿"}}).ok());
  auto board = reports::deadline_board(db(), supervisor_, kYear, "2026-02-01");
  ASSERT_EQ(board.size(), 3u);
  std::map<int64_t, reports::BoardRow> by;
  for (const auto& r : board) by[r.agency_id] = r;
  EXPECT_EQ(by[county_].deadline, "2026-03-31");
  EXPECT_EQ(by[county_].status, BoardStatus::kPublished);
  EXPECT_EQ(by[county_].published_on, today_cn());
  EXPECT_EQ(by[county_].late, today_cn() > "2026-03-31");
  EXPECT_EQ(by[dept_].deadline, "2026-01-31");
  EXPECT_EQ(by[dept_].status, BoardStatus::kOverdue);
  EXPECT_EQ(by[town_].deadline, "");
  EXPECT_EQ(by[town_].status, BoardStatus::kNotStarted);
  board = reports::deadline_board(db(), supervisor_, kYear, "2026-01-31");
  for (const auto& r : board) {
    if (r.agency_id == dept_) {
      EXPECT_EQ(r.status, BoardStatus::kDrafting);
    }
  }
  // A township clerk sees only the township.
  board = reports::deadline_board(db(), town_clerk_, kYear, "2026-02-01");
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0].agency_id, town_);
}

TEST_F(ReportEditionsTest, TheFeeSentenceAndTheDocumentFollowTheFigures) {
  EXPECT_EQ(reports::fee_sentence({}), "本年度未收取信息处理费。");
  EXPECT_EQ(reports::fee_sentence({2, 10000, 1, 5000}),
            "本年度共发出收费通知2件，金额合计100元；实际收取信息处理费1件，金额合计50元。");
  auto rep = reports::generate(db(), county_, kYear, false);
  ASSERT_TRUE(rep.ok());
  auto doc = reports::make_document(*rep, {{"platforms", "", "平台<script>"}}, {"", "", "问题"}, {"", "", ""});
  ASSERT_EQ(doc.overview.size(), 5u);
  EXPECT_EQ(doc.overview[3].title, "（四）平台建设");
  EXPECT_EQ(doc.overview[3].text, "平台<script>");
  EXPECT_EQ(doc.problems.key, "problems");
  EXPECT_EQ(doc.problems.title, "五、存在的主要问题及改进情况");
  const std::string html = reports::document_html(doc);
  EXPECT_EQ(html.find("<script>"), std::string::npos) << "texts are escaped";
  EXPECT_NE(html.find("平台&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace gk::testing
