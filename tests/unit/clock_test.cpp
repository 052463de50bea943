// The statutory clock beyond the case table: the explanation a clerk prints, the events text, and
// the platform settings (stored, validated, audited, admin only).
#include <gtest/gtest.h>

#include "clock/clock.h"
#include "clock/settings_store.h"
#include "test_db.h"

namespace gk::testing {
namespace {

clock::Reading read(std::string_view events, std::string_view today, const clock::Settings& s = {}) {
  auto e = clock::parse_events(events);
  EXPECT_TRUE(e.ok()) << e.error().message;
  auto r = clock::evaluate(*calendar::current(), *e, *parse_date(today), s);
  EXPECT_TRUE(r.ok()) << r.error().message;
  return *r;
}

bool any_contains(const std::vector<std::string>& lines, std::string_view a, std::string_view b = "") {
  for (const auto& l : lines) {
    if (l.find(a) != std::string::npos && l.find(b) != std::string::npos) return true;
  }
  return false;
}

TEST(Clock, ExplanationNamesEveryRuleAndEveryDayNotCounted) {
  const auto r = read(
      "received 2024-01-26 post_signed; consult_sent 2024-01-31 other_agency; consult_answered 2024-02-05;"
      "extended 2024-02-27 days=5 by=王主任; replied 2024-03-08 post",
      "2024-03-10");
  EXPECT_TRUE(any_contains(r.rules, "签收之日", "条例第三十一条"));
  EXPECT_TRUE(any_contains(r.rules, "次日起计算", "民法典"));
  EXPECT_TRUE(any_contains(r.rules, "征求其他机关意见", "条例第三十四条"));
  EXPECT_TRUE(any_contains(r.rules, "王主任", "延长答复期限5个工作日"));
  EXPECT_TRUE(any_contains(r.rules, "交邮之日", "235号"));
  // Every day from the receipt to the due date that does not count is listed once, with its reason.
  std::map<std::string, std::string> days;
  for (const auto& d : r.days) days[format_date(d.date)] = d.reason;
  EXPECT_EQ(days["2024-01-27"], "周末");
  EXPECT_EQ(days["2024-02-01"], "征求其他机关意见期间");
  EXPECT_EQ(days["2024-02-04"], "征求其他机关意见期间") << "a make-up Sunday inside the consultation is excluded";
  EXPECT_EQ(days["2024-02-12"], "春节");
  EXPECT_EQ(days.count("2024-01-31"), 0u) << "the day the letter is sent still counts";
  EXPECT_EQ(days.count("2024-02-18"), 0u) << "the make-up Sunday after the holiday counts";
  for (const auto& d : r.days) {
    EXPECT_GT(std::chrono::sys_days{d.date}, std::chrono::sys_days{r.received});
    EXPECT_LE(std::chrono::sys_days{d.date}, std::chrono::sys_days{*r.due});
  }
  // The due date is the period's last counted day: counted days between receipt and due = period.
  int counted = 0;
  for (auto d = std::chrono::sys_days{r.received} + std::chrono::days{1}; d <= std::chrono::sys_days{*r.due};
       d += std::chrono::days{1}) {
    if (!days.count(format_date(calendar::Date{d}))) ++counted;
  }
  EXPECT_EQ(counted, r.period_workdays);
  EXPECT_EQ(r.period_workdays, 25);
  EXPECT_TRUE(r.replied_on_time);
}

TEST(Clock, WhileAConsultationIsOpenTheDueDateIsProvisionalAndTheClockPaused) {
  const auto r = read("received 2024-03-01 online; consult_sent 2024-03-05 third_party", "2024-03-12");
  EXPECT_EQ(r.phase, clock::Phase::kPaused);
  EXPECT_TRUE(r.due_provisional);
  // Days left do not fall while paused: the same on the 12th and on the 20th.
  const auto later = read("received 2024-03-01 online; consult_sent 2024-03-05 third_party", "2024-03-20");
  EXPECT_EQ(r.workdays_left, later.workdays_left);
  EXPECT_EQ(r.workdays_left, 18);
}

TEST(Clock, TheFeeWaitSettingDecidesWhetherTheWaitCounts) {
  clock::Settings counts;
  counts.fee_wait_pauses = false;
  const std::string events = "received 2024-03-01 online; fee_notice 2024-03-06; fee_paid 2024-03-12";
  const auto paused = read(events, "2024-03-13");
  const auto counted = read(events, "2024-03-13", counts);
  EXPECT_EQ(format_date(*counted.due), "2024-03-29");
  EXPECT_EQ(format_date(*paused.due), "2024-04-07")
      << "4 working days of waiting (7–12 March) are added, over 清明 (4–6 April) to the make-up Sunday";
  EXPECT_TRUE(any_contains(paused.rules, "不计入答复期限（平台设置）"));
  EXPECT_TRUE(any_contains(counted.rules, "计入答复期限（平台设置）"));
}

TEST(Clock, ArticleTwentySixUsesTheStartDayRule) {
  clock::Settings same;
  same.start_rule = calendar::StartRule::kSameDay;
  EXPECT_EQ(format_date(*clock::proactive_due(*calendar::current(), *parse_date("2024-09-26"))), "2024-10-29");
  EXPECT_EQ(format_date(*clock::proactive_due(*calendar::current(), *parse_date("2024-09-26"), same)), "2024-10-28");
  EXPECT_EQ(clock::proactive_due(*calendar::current(), *parse_date("2030-01-02")).error().code, "calendar_year_missing");
}

TEST(ClockEvents, TextRoundTripsAndBadTextSaysWhichEventIsWrong) {
  const std::string text =
      "received 2024-01-02 fax; correction_requested 2024-01-05 period=10; correction_received 2024-01-09; "
      "consult_sent 2024-01-15 other_agency ref=A delivered=2024-01-16; consult_answered 2024-01-25 ref=A; "
      "extended 2024-02-01 days=10 by=王主任; fee_notice 2024-02-02; fee_waived 2024-02-06; "
      "delayed 2024-02-10 until=2024-04-30; replied 2024-03-01 entrusted";
  auto events = clock::parse_events(text);
  ASSERT_TRUE(events.ok()) << events.error().message;
  EXPECT_EQ(clock::format_events(*events), text);
  EXPECT_EQ(clock::parse_events("received 2024-01-02 online\n# comment\nwithdrawn 2024-01-03\n")->size(), 2u);
  for (const auto& [bad, fragment] : std::vector<std::pair<std::string, std::string>>{
           {"", "没有事件"},
           {"received 2024-01-02", "渠道"},
           {"received 2024-1-2 online", "日期"},
           {"received 2024-01-02 online; teleport 2024-01-03", "第2个事件：未知的事件"},
           {"received 2024-01-02 online; extended 2024-01-03 days=ten by=x", "工作日数"},
           {"received 2024-01-02 online; replied 2024-01-03 pigeon", "无法识别"},
           {"received 2024-01-02 online; consult_sent 2024-01-03 third_party delivered=2024-02-30", "delivered"},
       }) {
    auto r = clock::parse_events(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_events");
    EXPECT_NE(r.error().message.find(fragment), std::string::npos) << bad << " → " << r.error().message;
  }
}

TEST(ClockEvents, TheJsonCarriesLabelsForThePages) {
  const auto j = clock::to_json(read("received 2024-03-01 online", "2024-03-28"));
  EXPECT_EQ(j["due"], "2024-03-29");
  EXPECT_EQ(j["urgency"], "due_soon");
  EXPECT_EQ(j["urgency_label"], "临期");
  EXPECT_EQ(j["phase_label"], "办理中");
  EXPECT_EQ(j["workdays_left"], 1);
  EXPECT_EQ(j["closed_on"], nullptr);
}

class ClockSettingsTest : public TempDb {};

TEST_F(ClockSettingsTest, PlatformAdminSavesSettingsAuditedOthersAreRefused) {
  make_tree();
  auto admin = make_user("root", county_, {"platform_admin"});
  auto county_admin = make_user("ca", county_, {"agency_admin"});
  EXPECT_EQ(clock::load_settings(db()).start_rule, calendar::StartRule::kNextDay);
  EXPECT_EQ(clock::load_settings(db()).due_soon_workdays, 5);
  EXPECT_TRUE(clock::load_settings(db()).fee_wait_pauses);

  auto s = clock::parse_settings_form("same", "3", "count");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(clock::save_settings(db(), &county_admin, system(), *s).error().kind, Error::Kind::kForbidden);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM settings"), 0);
  ASSERT_TRUE(clock::save_settings(db(), &admin, system(), *s).ok());
  const auto loaded = clock::load_settings(db());
  EXPECT_EQ(loaded.start_rule, calendar::StartRule::kSameDay);
  EXPECT_EQ(loaded.due_soon_workdays, 3);
  EXPECT_FALSE(loaded.fee_wait_pauses);
  const auto trail = audit::for_entity(db(), "clock_settings", 1);
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].before["start_day"], "next");
  EXPECT_EQ(trail[0].after["start_day"], "same");

  auto bad = clock::parse_settings_form("sometimes", "21", "maybe");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(clock::parse_settings_form("next", "-1", "pause").error().fields.count("due_soon"), 1u);
}

TEST_F(ClockSettingsTest, AStoredValueThatIsNotUnderstoodFallsBackToTheDefaults) {
  db().exec("INSERT INTO settings(key, value, updated_at, updated_by) VALUES ('clock.due_soon', 'lots', 'x', 'x')");
  EXPECT_EQ(clock::load_settings(db()).due_soon_workdays, 5);
}

}  // namespace
}  // namespace gk::testing
