// Applications for disclosure: intake validation, the applicant's access, the steps of the
// transition table with the clock behind them, and the table itself exhaustively per role.
#include <gtest/gtest.h>

#include <fstream>

#include "applications/service.h"
#include "reports/format.h"
#include "test_db.h"

namespace gk::testing {
namespace {

using applications::ActionInput;
using applications::Stage;

class ApplicationsTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    clerk_ = make_user("clerk", county_, {"drafter"});
    reviewer_ = make_user("reviewer", county_, {"reviewer"});
    signer_ = make_user("signer", county_, {"signer"});
    other_clerk_ = make_user("townclerk", town_, {"drafter"});
  }

  applications::Submission person_form() { return sample_application(county_); }

  int64_t registered(const std::string& date = "2026-09-01") {
    auto s = person_form();
    s.channel = "post_signed";
    s.received_date = date;
    auto r = applications::register_by_staff(db(), clerk_, system(), s);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r->id;
  }

  Result<applications::Case> step(const accounts::Principal& p, int64_t id, std::string_view action, ActionInput in = {}) {
    return applications::act(db(), p, system(), id, action, in);
  }

  static ActionInput on(std::string date) {
    ActionInput in;
    in.date = std::move(date);
    return in;
  }

  accounts::Principal clerk_, reviewer_, signer_, other_clerk_;
};

TEST_F(ApplicationsTest, AnOnlineApplicationWaitsForConfirmationAndIsOpenedByCodeAndPassword) {
  auto r = applications::submit_online(db(), system(), person_form());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->code.size(), 14u) << r->code;  // 2026-XXXX-XXXX
  EXPECT_EQ(r->password.size(), 9u);
  auto c = applications::load(db(), r->id);
  EXPECT_EQ(c->stage, Stage::kSubmitted);
  EXPECT_TRUE(c->received_date.empty()) << "online: received only when both sides confirm (Art. 31)";
  EXPECT_FALSE(applications::clock_of(*c, *parse_date("2026-11-22"), {}).ok());

  auto opened = applications::open_by_code(db(), r->code, r->password, "10.0.0.1");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->id, r->id);
  // Lower case and spaces are forgiven (people type what they read).
  std::string lower = r->password;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_TRUE(applications::open_by_code(db(), " " + r->code + " ", lower, "10.0.0.1").ok());
  for (int i = 0; i < 5; ++i) {
    auto bad = applications::open_by_code(db(), r->code, "WRONG-PASS", "10.0.0.2");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "查询码或密码不正确");
  }
  auto throttled = applications::open_by_code(db(), r->code, r->password, "10.0.0.3");
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().kind, Error::Kind::kTooMany) << "5 failures on a code lock it for 15 minutes";
  EXPECT_EQ(applications::open_by_code(db(), "2026-NOPE-NOPE", r->password, "10.0.0.4").error().message,
            "查询码或密码不正确");

  auto confirmed = step(clerk_, r->id, "confirm");
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  EXPECT_EQ(confirmed->stage, Stage::kRegistered);
  EXPECT_EQ(confirmed->received_date, today_cn());
}

TEST_F(ApplicationsTest, BadApplicantDataIsRefusedFieldByFieldAndNothingIsStored) {
  auto s = person_form();
  s.applicant.id_number = "110105194912310021";  // wrong check digit
  s.applicant.phone = "12345";
  s.applicant.email = "not-an-email";
  s.request.description = " ";
  s.request.form = "carrier-pigeon";
  auto r = applications::submit_online(db(), system(), s);
  ASSERT_FALSE(r.ok());
  for (const char* f : {"id_number", "phone", "email", "description", "form"}) {
    EXPECT_EQ(r.error().fields.count(f), 1u) << f;
  }
  auto org = person_form();
  org.applicant.category = "legal_service";
  org.applicant.name = "某某律师事务所";
  org.applicant.credit_code = "91110000MA01234567";
  auto o = applications::submit_online(db(), system(), org);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().fields.count("credit_code"), 1u);
  EXPECT_EQ(o.error().fields.count("legal_rep"), 1u);
  auto disguised = person_form();
  disguised.uploads.push_back({"身份证.pdf", std::string("MZ\x90\x00 this is an exe", 18)});
  EXPECT_EQ(applications::submit_online(db(), system(), disguised).error().fields.count("files"), 1u);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM applications"), 0);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM blobs"), 0);
}

TEST_F(ApplicationsTest, StaffIntakeNeedsTheAgencyAndAClerkRole) {
  auto s = person_form();
  s.channel = "fax";
  s.received_date = "2026-09-01";
  EXPECT_EQ(applications::register_by_staff(db(), other_clerk_, system(), s).error().kind, Error::Kind::kForbidden);
  EXPECT_EQ(applications::register_by_staff(db(), reviewer_, system(), s).error().kind, Error::Kind::kForbidden);
  s.received_date = "2031-01-02";
  EXPECT_EQ(applications::register_by_staff(db(), clerk_, system(), s).error().fields.count("received_date"), 1u);
  s.received_date = "2026-09-01";
  s.channel = "online";
  EXPECT_EQ(applications::register_by_staff(db(), clerk_, system(), s).error().fields.count("channel"), 1u);
}

TEST_F(ApplicationsTest, AFullCaseFollowsTheClockThroughCorrectionConsultationAndExtension) {
  const int64_t id = registered("2026-09-01");  // Tuesday
  ActionInput corr = on("2026-09-03");
  corr.workdays = 10;
  corr.text = "请写明所需文件的年份";
  ASSERT_TRUE(step(clerk_, id, "request_correction", corr).ok());
  ASSERT_TRUE(step(clerk_, id, "receive_correction", on("2026-09-08")).ok());
  ActionInput assign = on("2026-09-08");
  assign.handling_agency_id = dept_;
  ASSERT_TRUE(step(clerk_, id, "assign", assign).ok());
  ActionInput consult = on("2026-09-10");
  consult.kind = "third_party";
  consult.party = "云溪县某某医药有限公司";
  auto consulting = step(clerk_, id, "consult", consult);
  ASSERT_TRUE(consulting.ok()) << consulting.error().message;
  EXPECT_EQ(consulting->stage, Stage::kConsulting);
  auto answered = step(clerk_, id, "consult_answered", on("2026-09-17"));
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->stage, Stage::kAssigned) << "the last answer returns the case to where it was";

  ActionInput ext = on("2026-09-28");
  ext.workdays = 10;
  ext.comment = "涉及多个年度的资金文件，需要调阅档案";
  EXPECT_EQ(step(clerk_, id, "extend", ext).error().kind, Error::Kind::kForbidden) << "the head approves extensions";
  ASSERT_TRUE(step(reviewer_, id, "extend", ext).ok());
  ext.workdays = 11;
  auto too_long = step(reviewer_, id, "extend", ext);
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.error().message.find("不得超过20个工作日"), std::string::npos) << too_long.error().message;

  ActionInput reply = on("2026-10-20");
  reply.outcome = "partial";
  reply.reasons = "部分内容涉及第三方商业秘密";
  EXPECT_EQ(step(clerk_, id, "draft_reply", reply).error().fields.count("withheld"), 1u);
  reply.withheld = "附件2中企业银行账户信息，依据条例第十五条不予公开";
  ASSERT_TRUE(step(clerk_, id, "draft_reply", reply).ok());
  ASSERT_TRUE(step(clerk_, id, "submit_review", on("2026-10-20")).ok());
  EXPECT_EQ(step(clerk_, id, "approve", on("2026-10-21")).error().kind, Error::Kind::kForbidden);
  ASSERT_TRUE(step(reviewer_, id, "approve", on("2026-10-21")).ok());
  EXPECT_EQ(step(reviewer_, id, "sign", on("2026-10-22")).error().kind, Error::Kind::kForbidden);
  ASSERT_TRUE(step(signer_, id, "sign", on("2026-10-22")).ok());
  ActionInput deliver = on("2026-10-23");
  deliver.delivery = "post";
  auto closed = step(clerk_, id, "deliver", deliver);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->stage, Stage::kClosed);
  EXPECT_EQ(closed->reply_date, "2026-10-23");

  // The clock: restart on 2026-09-08; consultation 09-11…09-17 excluded (5 working days); 中秋
  // 09-25…09-27 and 国庆 10-01…10-07 off, make-up days 09-20 and 10-10 counted; 20 + 10 working days.
  auto reading = applications::clock_of(*closed, *parse_date("2026-11-22"), {});
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_EQ(format_date(*reading->counting_from), "2026-09-08");
  EXPECT_EQ(format_date(*reading->due), "2026-11-02");
  EXPECT_EQ(reading->phase, clock::Phase::kReplied);
  EXPECT_TRUE(reading->replied_on_time);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM audit_events WHERE entity = 'application'"), 12);
}

TEST_F(ApplicationsTest, ForgedOrPrematureStepsChangeNothing) {
  const int64_t id = registered("2026-09-01");
  const auto before = db().scalar_int("SELECT COUNT(*) FROM application_events");
  EXPECT_EQ(step(other_clerk_, id, "accept").error().kind, Error::Kind::kForbidden) << "another agency's clerk";
  EXPECT_EQ(step(clerk_, id, "sign").error().code, "not_allowed");
  EXPECT_EQ(step(clerk_, id, "teleport").error().code, "not_allowed");
  EXPECT_EQ(step(clerk_, id, "accept", on("2026-08-31")).error().fields.count("date"), 1u) << "before receipt";
  EXPECT_EQ(step(clerk_, id, "accept", on("2099-01-01")).error().fields.count("date"), 1u) << "in the future";
  ActionInput corr = on("2026-09-03");
  corr.workdays = 10;
  corr.text = "请补充";
  ASSERT_TRUE(step(clerk_, id, "request_correction", corr).ok());
  // 10 working days from 09-03 end on 09-17: not lapsed on 09-10 (today is later, so use a fresh case
  // whose period ends after today to show the refusal).
  const auto events = db().scalar_int("SELECT COUNT(*) FROM application_events");
  EXPECT_EQ(events, before + 1);
  const int64_t fresh = registered(today_cn());
  ActionInput c2;
  c2.workdays = 15;
  c2.text = "请补充";
  ASSERT_TRUE(step(clerk_, fresh, "request_correction", c2).ok());
  EXPECT_EQ(step(clerk_, fresh, "lapse_correction").error().code, "not_lapsed");
  // The lapsed one may be closed as 视为放弃, counted under （六）1.
  auto lapsed = step(clerk_, id, "lapse_correction");
  ASSERT_TRUE(lapsed.ok()) << lapsed.error().message;
  EXPECT_EQ(lapsed->outcome, "other_no_correction");
}

// Every stage × every action × every role: the service allows exactly what the table allows.
TEST_F(ApplicationsTest, TheTransitionTableIsEnforcedForEveryStageActionAndRole) {
  std::map<accounts::Role, accounts::Principal> holders;
  for (const auto& r : accounts::kRoles) {
    holders.emplace(r.role, make_user(std::string("u_") + std::string(r.code), county_, {std::string(r.code)}));
  }
  std::set<std::string> actions;
  for (const auto& t : applications::kTransitions) actions.insert(std::string(t.action));
  const int64_t id = registered("2026-09-01");
  int checked = 0;
  for (size_t s = 0; s < applications::kStages.size(); ++s) {
    const auto stage = static_cast<Stage>(s);
    for (const auto& action : actions) {
      for (const auto& [role, p] : holders) {
        // Each probe runs in a transaction that is rolled back: the case is always the same.
        db().begin();
        db().exec("UPDATE applications SET stage = ?, resume_stage = 'assigned' WHERE id = ?",
                  {std::string(applications::stage_code(stage)), id});
        const auto* t = applications::find_transition(action, stage);
        const bool allowed = t && applications::role_may(*t, p.user.roles);
        // Inputs are left empty: an allowed step fails on its input or succeeds, never with
        // forbidden/not_allowed; a disallowed one always fails with one of those.
        auto r = step(p, id, action);
        db().rollback();
        const bool refused_by_table =
            !r.ok() && (r.error().kind == Error::Kind::kForbidden || r.error().code == "not_allowed");
        EXPECT_EQ(refused_by_table, !allowed) << applications::stage_code(stage) << " × " << action << " × "
                                              << accounts::role_code(role) << ": "
                                              << (r.ok() ? "ok" : r.error().message);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(applications::kStages.size() * actions.size() * holders.size()));
}

TEST(ApplicationOutcomes, EveryOutcomeMapsToOneRowOfTableThreeInEachFormat) {
  std::set<std::string> codes;
  for (const auto& o : applications::kOutcomes) {
    EXPECT_TRUE(codes.insert(std::string(o.code)).second) << o.code;
    EXPECT_FALSE(o.row_2021.empty());
    EXPECT_EQ(applications::table3_row(o, 2020), o.row_2019);
    EXPECT_EQ(applications::table3_row(o, 2021), o.row_2021);
  }
  auto row = [](std::string_view code) { return std::string(applications::find_outcome(code)->row_2021); };
  EXPECT_EQ(row("already_public"), "r1") << "36(1) is counted as 予以公开 (ogi-facts §1.4)";
  EXPECT_EQ(row("partial"), "r2");
  EXPECT_EQ(row("withheld_third_party"), "r3_4");
  EXPECT_EQ(row("unavailable_unclear"), "r4_3");
  EXPECT_EQ(row("not_processed_excessive"), "r5_4");
  EXPECT_EQ(row("other_no_fee"), "r6_2");
  EXPECT_EQ(std::string(applications::find_outcome("other_no_fee")->row_2019), "r6") << "（六） is one row in 2019";
  // The rows exist as data rows in the one format definition the annual report reads.
  for (const auto& o : applications::kOutcomes) {
    for (const auto& [format_id, key] : {std::pair{"2021", o.row_2021}, {"2019", o.row_2019}}) {
      const auto* table = reports::format(format_id)->table("table3");
      ASSERT_NE(table, nullptr);
      const auto* r = table->row(key);
      ASSERT_NE(r, nullptr) << o.code << " → " << key << " (" << format_id << ")";
      EXPECT_EQ(r->kind, reports::RowKind::kData) << o.code;
    }
  }
  // Every 2021 result row r1…r6_3 has at least one outcome.
  for (const char* r : {"r1", "r2", "r3_1", "r3_2", "r3_3", "r3_4", "r3_5", "r3_6", "r3_7", "r3_8", "r4_1", "r4_2",
                        "r4_3", "r5_1", "r5_2", "r5_3", "r5_4", "r5_5", "r6_1", "r6_2", "r6_3"}) {
    bool found = false;
    for (const auto& o : applications::kOutcomes) found |= o.row_2021 == r;
    EXPECT_TRUE(found) << r;
  }
}

}  // namespace
}  // namespace gk::testing

namespace gk::testing {
namespace {

// docs/applications.md prints the transition table: every row of the table is there, and no more.
TEST(ApplicationsDoc, TheWorkflowPageListsEveryTransition) {
  const char* root = std::getenv("GK_SOURCE_DIR");
  if (!root) GTEST_SKIP() << "GK_SOURCE_DIR not set (run through ctest)";
  std::ifstream in(std::string(root) + "/docs/applications.md");
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(in, line)) {
    if (line.starts_with("| `")) rows.push_back(line);
  }
  ASSERT_EQ(rows.size(), applications::kTransitions.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& t = applications::kTransitions[i];
    const std::string from(applications::stage_label(t.from));
    const std::string to = t.kind == applications::To::kStage ? std::string(applications::stage_label(t.to))
                           : t.kind == applications::To::kStay ? "（不变）"
                                                               : "（回到缴费前的阶段）";
    const std::string expected_start =
        "| `" + std::string(t.action) + "` | " + std::string(t.label) + " | " + from + " | " + to + " | ";
    EXPECT_TRUE(rows[i].starts_with(expected_start)) << rows[i] << "\n expected to start with " << expected_start;
    for (auto role : t.roles) {
      EXPECT_NE(rows[i].find(std::string(accounts::role_label(role))), std::string::npos) << rows[i];
    }
    EXPECT_EQ(rows[i].ends_with("| 是 |"), t.needs_comment) << rows[i];
  }
}

}  // namespace
}  // namespace gk::testing

#include "applications/dashboard.h"

namespace gk::testing {
namespace {

TEST_F(ApplicationsTest, TheDashboardCountsOpenCasesByLightDepartmentAndPerson) {
  const int64_t late = registered("2026-10-08");   // due 2026-11-05: overdue on 11-22
  const int64_t soon = registered("2026-10-27");   // due 2026-11-24: 临期
  registered("2026-11-20");                        // due 2026-12-18: normal
  ASSERT_TRUE(applications::submit_online(db(), system(), person_form()).ok());  // not yet confirmed
  ActionInput assign = on("2026-10-09");
  ASSERT_TRUE(step(clerk_, late, "accept", on("2026-10-09")).ok());
  assign.handling_agency_id = dept_;
  assign.assignee_id = clerk_.user.id;
  ASSERT_TRUE(step(clerk_, late, "assign", assign).ok());
  const auto lights = applications::deadline_lights(db(), {county_, dept_, town_}, *parse_date("2026-11-22"), {});
  EXPECT_EQ(lights.all.overdue, 1);
  EXPECT_EQ(lights.all.due_soon, 1);
  EXPECT_EQ(lights.all.normal, 1);
  EXPECT_EQ(lights.all.waiting, 1);
  EXPECT_EQ(lights.by_department.at("云溪县财政局").overdue, 1);
  EXPECT_EQ(lights.by_department.at("云溪县人民政府").total(), 3);
  EXPECT_EQ(lights.by_person.at("测试用户clerk").overdue, 1);
  ASSERT_EQ(lights.attention.size(), 2u);
  EXPECT_EQ(lights.attention[0].c.id, late) << "the most urgent first";
  EXPECT_EQ(lights.attention[1].c.id, soon);
  EXPECT_TRUE(applications::deadline_lights(db(), {town_}, *parse_date("2026-11-22"), {}).attention.empty());
}

}  // namespace
}  // namespace gk::testing

#include "applications/related.h"

namespace gk::testing {
namespace {

TEST(ApplicationRepeats, DescriptionSimilarityIgnoresPunctuationAndSpacing) {
  using applications::description_similarity;
  EXPECT_DOUBLE_EQ(description_similarity("2025年低保资金分配文件", "2025年 低保资金分配文件。"), 1.0);
  EXPECT_GT(description_similarity("2025年城乡低保资金分配文件", "请提供2025年城乡低保资金的分配文件"), 0.6);
  EXPECT_LT(description_similarity("2025年城乡低保资金分配文件", "某路段改造工程招标文件"), 0.3);
  EXPECT_EQ(description_similarity("", "abc"), 0.0);
}

TEST_F(ApplicationsTest, TheSameApplicantsRequestsThisMonthAndLikelyRepeatsAreFound) {
  const int64_t first = registered("2026-09-01");
  auto s = person_form();
  s.request.description = "请提供2025年云溪县城乡居民医疗保险财政补助资金的分配文件";
  s.channel = "email";
  s.received_date = "2026-09-15";
  auto second = applications::register_by_staff(db(), clerk_, system(), s);
  ASSERT_TRUE(second.ok());
  auto other = person_form();
  other.applicant.id_number = "310101198511112014";
  other.channel = "fax";
  other.received_date = "2026-09-16";
  ASSERT_TRUE(applications::register_by_staff(db(), clerk_, system(), other).ok());
  auto r = applications::related_requests(db(), *applications::load(db(), second->id));
  EXPECT_EQ(r.same_month, 1) << "another person's application is not counted";
  EXPECT_EQ(r.earlier_same_month, 1);
  ASSERT_EQ(r.repeats.size(), 1u);
  EXPECT_EQ(r.repeats[0].id, first);
}

}  // namespace
}  // namespace gk::testing

#include "applications/report_counts.h"
#include "reports/identities.h"

namespace gk::testing {
namespace {

TEST_F(ApplicationsTest, TableThreeCountsTheYearBoundaryAndBalancesAcrossYears) {
  // Cases registered, then closed directly in SQL: this test is about counting, not handling.
  auto make = [&](const std::string& category, const std::string& received, const std::string& stage,
                  const std::string& closed, const std::string& outcome) {
    auto s = person_form();
    if (category != "person") {
      s.applicant.category = category;
      s.applicant.name = "某某单位";
      s.applicant.credit_code = valid_code("91370823MA3C00001X");
      s.applicant.legal_rep = "王五";
      s.applicant.contact_person = "赵六";
    }
    s.channel = "in_person";
    s.received_date = received;
    auto r = applications::register_by_staff(db(), clerk_, system(), s);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    db().exec("UPDATE applications SET stage = ?, closed_date = ?, outcome = ? WHERE id = ?", {stage, closed, outcome, r->id});
  };
  make("person", "2024-12-20", "closed", "2025-01-10", "disclosed");        // carried into 2025, closed there
  make("commercial", "2025-03-01", "closed", "2025-03-20", "partial");
  make("legal_service", "2025-12-22", "assigned", "", "");                  // open at the end of 2025
  make("person", "2024-05-01", "closed", "2024-05-20", "not_processed_repeat");  // finished in 2024
  make("person", "2025-06-02", "withdrawn", "2025-06-05", "other");
  make("research", "2025-07-01", "closed", "2025-07-30", "other_no_fee");
  ASSERT_TRUE(applications::submit_online(db(), system(), person_form()).ok());  // never confirmed: not counted

  const std::vector<int64_t> all = {county_, dept_, town_};
  auto y2025 = applications::table3_values(db(), all, 2025);
  auto y2024 = applications::table3_values(db(), all, 2024);
  ASSERT_TRUE(y2025.ok() && y2024.ok());
  const auto& v = *y2025;
  EXPECT_EQ(v.get_or_zero("table3.new.total"), 4);
  EXPECT_EQ(v.get_or_zero("table3.new.legal_service"), 1);
  EXPECT_EQ(v.get_or_zero("table3.carried_over.person"), 1);
  EXPECT_EQ(v.get_or_zero("table3.r1.person"), 1);
  EXPECT_EQ(v.get_or_zero("table3.r2.commercial"), 1);
  EXPECT_EQ(v.get_or_zero("table3.r6_3.person"), 1) << "a withdrawal is （六）3 其他";
  EXPECT_EQ(v.get_or_zero("table3.r6_2.research"), 1);
  EXPECT_EQ(v.get_or_zero("table3.r7.total"), 4);
  EXPECT_EQ(v.get_or_zero("table3.carry_forward.legal_service"), 1);
  EXPECT_EQ(y2024->get_or_zero("table3.carry_forward.person"), 1);
  EXPECT_EQ(y2024->get_or_zero("table3.r5_2.person"), 1);
  const auto* f = reports::format_for_year(2025);
  EXPECT_TRUE(reports::check_identities(*f, v, &*y2024).empty()) << "一+二=七+四, totals, and 上年结转 = last year's 结转";
  // The 2019 format (report year 2020) has （六） as one row.
  auto y2020 = applications::table3_values(db(), all, 2020);
  ASSERT_TRUE(y2020.ok());
  EXPECT_FALSE(y2020->contains("table3.r6_3.person"));
  EXPECT_TRUE(y2020->contains("table3.r6.person"));
}

}  // namespace
}  // namespace gk::testing

#include "applications/privacy.h"

namespace gk::testing {
namespace {

TEST_F(ApplicationsTest, PersonalDataIsPurgedAfterTheRetentionPeriodKeepingWhatTheReportCounts) {
  const int64_t old_case = registered("2024-05-06");
  const int64_t recent = registered("2026-01-05");
  db().exec("UPDATE applications SET stage = 'closed', closed_date = '2024-06-01', outcome = 'disclosed' WHERE id = ?", {old_case});
  db().exec("UPDATE applications SET stage = 'closed', closed_date = '2026-02-01', outcome = 'disclosed' WHERE id = ?", {recent});
  auto admin = make_user("root", county_, {"platform_admin"});
  EXPECT_EQ(*applications::purge_personal_data(db(), system(), "2026-11-22"), 0) << "retention 0 keeps everything";
  EXPECT_EQ(applications::set_retention_years(db(), &clerk_, system(), 1).error().kind, Error::Kind::kForbidden);
  EXPECT_EQ(applications::set_retention_years(db(), &admin, system(), 101).error().fields.count("retention_years"), 1u);
  ASSERT_TRUE(applications::set_retention_years(db(), &admin, system(), 1).ok());
  EXPECT_EQ(*applications::purge_personal_data(db(), system(), "2026-11-22"), 1);
  auto purged = applications::load(db(), old_case);
  EXPECT_EQ(purged->applicant.name, "（已删除）");
  EXPECT_TRUE(purged->applicant.id_number.empty());
  EXPECT_TRUE(purged->applicant.phone.empty());
  EXPECT_EQ(purged->applicant.category, "person") << "the annual report still counts it";
  EXPECT_EQ(purged->outcome, "disclosed");
  EXPECT_EQ(applications::load(db(), recent)->applicant.name, "张三");
  EXPECT_EQ(*applications::purge_personal_data(db(), system(), "2026-11-22"), 0) << "idempotent";
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM audit_events WHERE action = 'purge_personal_data'"), 1);
}

TEST_F(ApplicationsTest, TheExportShowsPersonalDataOnlyToHandlingStaffAndIsAudited) {
  registered("2026-03-02");
  auto supervisor = make_user("sup", county_, {"supervisor"});
  auto full = applications::export_csv(db(), clerk_, system(), {county_}, 2026);
  ASSERT_TRUE(full.ok());
  EXPECT_NE(full->find("张三"), std::string::npos);
  EXPECT_NE(full->find("11010519491231002X"), std::string::npos);
  auto masked = applications::export_csv(db(), supervisor, system(), {county_}, 2026);
  ASSERT_TRUE(masked.ok());
  EXPECT_EQ(masked->find("11010519491231002X"), std::string::npos);
  EXPECT_NE(masked->find("张*"), std::string::npos);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM audit_events WHERE entity = 'application_export'"), 2);
  EXPECT_EQ(applications::export_csv(db(), clerk_, system(), {county_}, 1999).error().fields.count("year"), 1u);
}

}  // namespace
}  // namespace gk::testing
