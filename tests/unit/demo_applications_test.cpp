// The demo applications of `init --demo`: enough cases, every outcome, channel and applicant
// category, one outcome per closed case, a clock that reads every case, open cases 临期 and 超期,
// cases carried over the year ends, year totals that balance per applicant column, and a sample
// tracking code that opens its case. One test, because loading the demo is the expensive part.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "agencies/credit_code.h"
#include "app/demo.h"
#include "app/demo_applications.h"
#include "applications/applicant_checks.h"
#include "applications/outcomes.h"
#include "applications/report_counts.h"
#include "applications/reviews.h"
#include "reports/format.h"
#include "applications/service.h"
#include "test_db.h"

namespace gk {
namespace {

using applications::Case;

class DemoApplications : public testing::TempDb {};

int year_of(const std::string& date) { return std::stoi(date.substr(0, 4)); }

TEST_F(DemoApplications, InitDemoAddsConsistentApplications) {
  const std::string demo_today(app::kDemoApplicationsToday);
  if (today_cn() < demo_today) GTEST_SKIP() << "the machine's date is before the demo day " << demo_today;
  ::testing::internal::CaptureStdout();
  app::load_demo(db());
  const std::string printed = ::testing::internal::GetCapturedStdout();
  const auto today = *parse_date(demo_today);

  std::vector<Case> cases;
  for (const auto& r : db().query("SELECT id FROM applications ORDER BY id"))
    cases.push_back(*applications::load(db(), r.i(0)));
  ASSERT_GE(cases.size(), 180u);
  ASSERT_LE(cases.size(), 220u);
  EXPECT_NE(printed.find("demo applications for disclosure: " + std::to_string(cases.size()) + " "), std::string::npos)
      << printed;

  std::set<std::string> outcomes, channels, categories, open_stages, event_kinds, consult_kinds, deliveries;
  int overdue = 0, due_soon = 0, open = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code + " " + c.request.description);
    channels.insert(c.channel);
    categories.insert(c.applicant.category);
    if (!c.outcome.empty()) outcomes.insert(c.outcome);
    int replies = 0, withdrawals = 0;
    for (const auto& e : c.events) {
      event_kinds.insert(e.kind);
      EXPECT_LE(e.date, demo_today) << e.kind;
      auto data = nlohmann::json::parse(e.data_json);
      if (e.kind == "consult_sent") consult_kinds.insert(data.value("consult_kind", ""));
      if (e.kind == "replied") deliveries.insert(data.value("delivery", ""));
      if (e.kind == "extended") {
        EXPECT_FALSE(data.value("approved_by", "").empty());
      }
      replies += e.kind == "replied";
      withdrawals += e.kind == "withdrawn";
    }

    // Applicant data as the public form requires it.
    if (c.applicant.is_person()) {
      auto type = applications::id_type_from_code(c.applicant.id_type);
      ASSERT_TRUE(type.has_value());
      EXPECT_TRUE(applications::check_id_number(*type, c.applicant.id_number, today).ok()) << c.applicant.id_number;
    } else {
      EXPECT_TRUE(agencies::normalize_credit_code(c.applicant.credit_code).ok()) << c.applicant.credit_code;
    }
    EXPECT_TRUE(applications::check_phone(c.applicant.phone).ok()) << c.applicant.phone;
    if (!c.applicant.email.empty()) {
      EXPECT_TRUE(applications::check_email(c.applicant.email).ok()) << c.applicant.email;
    }

    // Exactly one outcome once closed, from the 表三 table; none of the closing fields while open.
    if (applications::is_closed(c.stage)) {
      ASSERT_NE(applications::find_outcome(c.outcome), nullptr) << c.outcome;
      ASSERT_FALSE(c.closed_date.empty());
      EXPECT_GE(c.closed_date, c.received_date);
      EXPECT_LE(c.closed_date, demo_today);
      const bool abandoned = c.outcome == "other_no_correction" || c.outcome == "other_no_fee";
      if (c.stage == applications::Stage::kWithdrawn) {
        EXPECT_EQ(c.outcome, "other");
        EXPECT_EQ(withdrawals, 1);
        EXPECT_EQ(replies, 0);
      } else {
        EXPECT_EQ(replies, abandoned ? 0 : 1);
        if (!abandoned) {
          EXPECT_EQ(c.reply_date, c.closed_date);
        }
      }
    } else {
      ++open;
      open_stages.insert(std::string(applications::stage_code(c.stage)));
      EXPECT_TRUE(c.closed_date.empty());
      EXPECT_EQ(replies + withdrawals, 0);
    }

    // The clock reads every received case on the demo day, and agrees with the stage.
    if (c.received_date.empty()) {
      EXPECT_EQ(c.stage, applications::Stage::kSubmitted);  // the clock starts at confirmation
      continue;
    }
    EXPECT_LE(c.received_date, demo_today);
    auto reading = applications::clock_of(c, today, clock::Settings{});
    ASSERT_TRUE(reading.ok()) << reading.error().message;
    if (c.stage == applications::Stage::kWithdrawn) {
      EXPECT_EQ(reading->phase, clock::Phase::kWithdrawn);
    } else if (c.stage == applications::Stage::kClosed) {
      EXPECT_EQ(reading->phase, c.outcome == "other_no_correction" || c.outcome == "other_no_fee"
                                    ? clock::Phase::kAbandoned
                                    : clock::Phase::kReplied);
    } else {
      EXPECT_NE(reading->phase, clock::Phase::kReplied);
      EXPECT_NE(reading->phase, clock::Phase::kAbandoned);
      if (reading->phase == clock::Phase::kRunning || reading->phase == clock::Phase::kPaused) {
        overdue += reading->urgency == clock::Urgency::kOverdue;
        due_soon += reading->urgency == clock::Urgency::kDueSoon;
      }
    }
  }

  for (const auto& o : applications::kOutcomes) EXPECT_TRUE(outcomes.contains(std::string(o.code))) << o.code;
  for (const auto& ch : applications::kChannels) EXPECT_TRUE(channels.contains(std::string(ch.code))) << ch.code;
  for (const auto& cat : applications::kApplicantCategories) {
    EXPECT_TRUE(categories.contains(std::string(cat.code))) << cat.code;
  }
  for (const char* stage : {"submitted", "registered", "correction", "accepted", "assigned", "consulting",
                            "awaiting_fee", "drafted", "reviewing", "signing", "delivering"}) {
    EXPECT_TRUE(open_stages.contains(stage)) << stage;
  }
  for (const char* kind : {"correction_requested", "correction_received", "consult_sent", "consult_answered",
                           "extended", "delayed", "fee_notice", "fee_paid", "fee_waived", "withdrawn", "return"}) {
    EXPECT_TRUE(event_kinds.contains(kind)) << kind;
  }
  EXPECT_TRUE(consult_kinds.contains("third_party"));
  EXPECT_TRUE(consult_kinds.contains("other_agency"));
  EXPECT_TRUE(deliveries.contains("post"));
  EXPECT_TRUE(deliveries.contains("direct"));
  EXPECT_GE(open, 12);
  EXPECT_LE(open, 20);
  EXPECT_GE(overdue, 1);
  EXPECT_GE(due_soon, 1);

  // Extensions and Art. 35 delays are decided by a reviewer or signer (政府信息公开工作机构负责人).
  EXPECT_EQ(db().scalar_int(
                "SELECT COUNT(*) FROM application_events e WHERE e.kind IN ('extended', 'delayed') AND NOT EXISTS "
                "(SELECT 1 FROM user_roles r WHERE r.user_id = e.user_id AND r.role IN ('reviewer', 'signer'))"),
            0);

  // Cases received in late December and closed in January (结转).
  for (int y : {2024, 2025}) {
    int carried = 0;
    for (const Case& c : cases) {
      carried += !c.received_date.empty() && c.received_date.starts_with(std::to_string(y) + "-12") &&
                 c.closed_date.starts_with(std::to_string(y + 1) + "-01");
    }
    EXPECT_GE(carried, 2) << y;
  }

  // 表三 for 2025 balances in every applicant column: new + carried over = closed + carried forward.
  struct Column {
    int fresh = 0, carried_over = 0, closed = 0, carry_forward = 0;
  };
  std::map<std::string, Column> columns;
  const int y = 2025;
  for (const Case& c : cases) {
    if (c.received_date.empty()) continue;
    const int received = year_of(c.received_date);
    const std::optional<int> closed = c.closed_date.empty() ? std::nullopt : std::optional<int>(year_of(c.closed_date));
    Column& col = columns[c.applicant.category];
    col.fresh += received == y;
    col.carried_over += received < y && (!closed || *closed >= y);
    col.closed += closed && *closed == y;
    col.carry_forward += received <= y && (!closed || *closed > y);
  }
  int carried_over = 0, carry_forward = 0;
  for (const auto& [category, col] : columns) {
    EXPECT_EQ(col.fresh + col.carried_over, col.closed + col.carry_forward) << category;
    carried_over += col.carried_over;
    carry_forward += col.carry_forward;
  }
  EXPECT_GE(carried_over, 2);
  EXPECT_GE(carry_forward, 2);

  // Fees every year for section 六 (notices with an amount, payments), across the fee steps, with
  // the method and the quote of 国办函〔2020〕109号 recorded and the amount never above the quote.
  for (int y : {2024, 2025, 2026}) {
    const std::string from = std::to_string(y) + "-01-01", to = std::to_string(y) + "-12-31";
    EXPECT_GE(db().scalar_int("SELECT COUNT(*) FROM application_events WHERE kind = 'fee_notice' AND date BETWEEN ? AND ? "
                              "AND json_extract(data_json, '$.amount') > 0",
                              {from, to}),
              2)
        << y;
    EXPECT_GE(db().scalar_int("SELECT COUNT(*) FROM application_events WHERE kind = 'fee_paid' AND date BETWEEN ? AND ?",
                              {from, to}),
              1)
        << y;
  }
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM application_events WHERE kind = 'fee_notice' AND ("
                            "json_extract(data_json, '$.method') NOT IN ('by_piece', 'by_page') OR "
                            "json_extract(data_json, '$.amount') > json_extract(data_json, '$.quote'))"),
            0);
  EXPECT_GE(db().scalar_int("SELECT COUNT(*) FROM application_events WHERE kind = 'fee_notice' AND "
                            "json_extract(data_json, '$.method') = 'by_piece'"),
            1);
  EXPECT_GE(db().scalar_int("SELECT COUNT(*) FROM applications WHERE outcome = 'other_no_fee'"), 1);
  EXPECT_GE(db().scalar_int("SELECT COUNT(DISTINCT substr(date, 1, 4)) FROM application_events WHERE kind = 'fee_waived'"), 2);

  // The 行政复议 / 行政诉讼 register: every kind and result, 2024–2026, linked to a refused or partly
  // refused reply of the same agency filed after it (or to the agency alone), and 表四 of every demo
  // year not empty, each group's total the sum of its results.
  std::set<std::string> review_kinds, review_results;
  int linked = 0, unlinked = 0;
  for (const auto& r : db().query(
           "SELECT r.kind, r.result, r.filed_date, r.decided_date, r.application_id, a.agency_id, r.agency_id, "
           "a.outcome, a.closed_date FROM review_cases r LEFT JOIN applications a ON a.id = r.application_id")) {
    review_kinds.insert(r.s(0));
    review_results.insert(r.s(1));
    EXPECT_EQ(r.s(1) == "pending", r.s(3).empty());
    if (!r.s(3).empty()) {
      EXPECT_GE(r.s(3), r.s(2));
    }
    EXPECT_LE(r.s(2), demo_today);
    if (r.null(4)) {
      ++unlinked;
      continue;
    }
    ++linked;
    EXPECT_EQ(r.i(5), r.i(6));
    EXPECT_NE(r.s(7), "disclosed");
    EXPECT_NE(r.s(7), "already_public");
    EXPECT_GT(r.s(2), r.s(8)) << "filed after the reply";
  }
  for (const auto& k : applications::kReviewKinds) EXPECT_TRUE(review_kinds.contains(std::string(k.code))) << k.code;
  for (const auto& k : applications::kReviewResults) EXPECT_TRUE(review_results.contains(std::string(k.code))) << k.code;
  EXPECT_GE(linked, 8);
  EXPECT_GE(unlinked, 1);
  std::vector<int64_t> all_agencies;
  for (const auto& r : db().query("SELECT id FROM agencies")) all_agencies.push_back(r.i(0));
  for (int y : {2024, 2025, 2026}) {
    auto t4 = applications::table4_values(db(), all_agencies, y);
    ASSERT_TRUE(t4.ok()) << t4.error().message;
    int64_t cases = 0;
    for (const auto& k : applications::kReviewKinds) {
      int64_t sum = 0;
      for (const auto& res : applications::kReviewResults) {
        sum += t4->get_or_zero(reports::cell_ref("table4", k.code, res.code));
      }
      EXPECT_EQ(t4->get_or_zero(reports::cell_ref("table4", k.code, "total")), sum) << y << " " << k.code;
      cases += sum;
    }
    EXPECT_GE(cases, 3) << "表四 of " << y << " has figures";
  }

  // The printed sample opens its (open) case on the public status page.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(printed, m, std::regex("tracking code (\\S+) and password (\\S+)"))) << printed;
  auto sample = applications::open_by_code(db(), m[1].str(), m[2].str(), "127.0.0.1");
  ASSERT_TRUE(sample.ok()) << sample.error().message;
  EXPECT_FALSE(applications::is_closed(sample->stage));
}

}  // namespace
}  // namespace gk
