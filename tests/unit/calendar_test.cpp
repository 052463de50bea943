// The working-day calendar: day kinds, adding and counting working days across 调休 weekends,
// holiday blocks and year ends, the start-day rule, and explicit errors for unloaded years.
#include <gtest/gtest.h>

#include "platform/calendar/calendar.h"
#include "platform/time.h"

namespace gk::calendar {
namespace {

Date d(const char* s) { return *parse_date(s); }

// 2023 and 2024 as the State Council published them (ogi-facts §7.2), by calendar year of the dates.
std::vector<YearSchedule> sample() {
  YearSchedule y23{2023, "test", {}, {}};
  y23.off = {{"元旦", d("2023-01-01"), d("2023-01-02")}, {"春节", d("2023-01-21"), d("2023-01-27")},
             {"清明节", d("2023-04-05"), d("2023-04-05")}, {"劳动节", d("2023-04-29"), d("2023-05-03")},
             {"端午节", d("2023-06-22"), d("2023-06-24")}, {"中秋节、国庆节", d("2023-09-29"), d("2023-10-06")}};
  y23.work = {{"春节", d("2023-01-28")}, {"春节", d("2023-01-29")}, {"劳动节", d("2023-04-23")},
              {"劳动节", d("2023-05-06")}, {"端午节", d("2023-06-25")}, {"中秋节、国庆节", d("2023-10-07")},
              {"中秋节、国庆节", d("2023-10-08")}};
  YearSchedule y24{2024, "test", {}, {}};
  y24.off = {{"元旦", d("2024-01-01"), d("2024-01-01")}, {"春节", d("2024-02-10"), d("2024-02-17")},
             {"清明节", d("2024-04-04"), d("2024-04-06")}, {"劳动节", d("2024-05-01"), d("2024-05-05")},
             {"端午节", d("2024-06-10"), d("2024-06-10")}, {"中秋节", d("2024-09-15"), d("2024-09-17")},
             {"国庆节", d("2024-10-01"), d("2024-10-07")}};
  y24.work = {{"春节", d("2024-02-04")}, {"春节", d("2024-02-18")}, {"清明节", d("2024-04-07")},
              {"劳动节", d("2024-04-28")}, {"劳动节", d("2024-05-11")}, {"中秋节", d("2024-09-14")},
              {"国庆节", d("2024-09-29")}, {"国庆节", d("2024-10-12")}};
  return {y23, y24};
}

Calendar cal() { return *Calendar::build(sample()); }

TEST(Calendar, TellsWhatKindOfDayItIs) {
  const Calendar c = cal();
  auto makeup = c.day(d("2024-02-04"));  // a Sunday worked for 春节
  ASSERT_TRUE(makeup.ok());
  EXPECT_TRUE(makeup->workday);
  EXPECT_EQ(makeup->reason, "调休上班（春节）");
  auto holiday = c.day(d("2024-02-14"));  // a Wednesday of 春节
  EXPECT_FALSE(holiday->workday);
  EXPECT_EQ(holiday->reason, "春节");
  auto weekend = c.day(d("2024-02-24"));
  EXPECT_FALSE(weekend->workday);
  EXPECT_EQ(weekend->reason, "周末");
  EXPECT_EQ(c.day(d("2024-02-26"))->reason, "工作日");
}

TEST(Calendar, AddsWorkdaysAcrossHolidaysAndMakeupDays) {
  const Calendar c = cal();
  // Thu 02-08 + 5: Fri 02-09, (春节 02-10..17), Sun 02-18 (调休), Mon 19, Tue 20, Wed 21.
  EXPECT_EQ(format_date(*c.add_workdays(d("2024-02-08"), 5)), "2024-02-21");
  // With kSameDay the (working) start day is the first: 02-08, 02-09, 02-18, 02-19, 02-20.
  EXPECT_EQ(format_date(*c.add_workdays(d("2024-02-08"), 5, StartRule::kSameDay)), "2024-02-20");
  // 20 working days from a receipt on 2024-09-26 (Thu), over 中秋 make-up and the 国庆 week.
  EXPECT_EQ(format_date(*c.add_workdays(d("2024-09-26"), 20)), "2024-10-29");
  EXPECT_EQ(format_date(*c.add_workdays(d("2024-02-08"), 0)), "2024-02-08");
}

TEST(Calendar, CrossesTheYearEnd) {
  const Calendar c = cal();
  // Fri 2023-12-29 + 3: (weekend, 元旦 2024-01-01) Tue 01-02, Wed 01-03, Thu 01-04.
  EXPECT_EQ(format_date(*c.add_workdays(d("2023-12-29"), 3)), "2024-01-04");
  EXPECT_EQ(*c.workdays_between(d("2023-12-29"), d("2024-01-04")), 3);
  EXPECT_EQ(*c.workdays_between(d("2024-01-04"), d("2023-12-29")), -3);
}

TEST(Calendar, UnloadedYearsAreAnExplicitError) {
  const Calendar c = cal();
  auto r = c.day(d("2025-01-02"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar_year_missing");
  EXPECT_NE(r.error().message.find("2025年"), std::string::npos);
  // A count that runs past the last loaded year fails instead of guessing.
  EXPECT_FALSE(c.add_workdays(d("2024-12-20"), 20).ok());
  EXPECT_FALSE(c.add_workdays(d("2024-03-01"), -1).ok());
  EXPECT_FALSE(c.add_workdays(d("2024-03-01"), kMaxWorkdays + 1).ok());
}

TEST(Calendar, PropertiesHoldForEveryStartDayAndCount) {
  const Calendar c = cal();
  for (auto day = std::chrono::sys_days{d("2023-01-01")}; day <= std::chrono::sys_days{d("2024-10-31")};
       day += std::chrono::days{1}) {
    for (int n : {1, 2, 5, 7, 15, 20, 40}) {
      auto r = c.add_workdays(Date{day}, n);
      ASSERT_TRUE(r.ok()) << format_date(Date{day}) << " + " << n;
      EXPECT_TRUE(c.day(*r)->workday) << format_date(*r);
      EXPECT_EQ(*c.workdays_between(Date{day}, *r), n) << format_date(Date{day}) << " + " << n;
    }
  }
}

TEST(Calendar, ValidatesSchedulesAsEntered) {
  YearSchedule y{2027, "", {}, {}};
  y.off = {{"春节", d("2027-02-05"), d("2027-02-11")}, {"春节", d("2027-02-10"), d("2027-02-12")},
           {"元旦", d("2026-12-31"), d("2027-01-01")}};
  y.work = {{"春节", d("2027-02-03")}, {"", d("2027-02-06")}};
  auto st = validate_year(y);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().fields.count("off"), 1u);
  EXPECT_EQ(st.error().fields.count("work"), 1u);
  EXPECT_FALSE(Calendar::build({sample()[0], sample()[0]}).ok());  // the same year twice
}

TEST(Calendar, YearFilesRoundTrip) {
  const auto y = sample()[1];
  auto parsed = parse_year(to_json(y));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(to_json(*parsed), to_json(y));
  EXPECT_FALSE(parse_year("{\"year\": 2024, \"off\": [{\"name\": \"x\", \"from\": \"2024-13-01\"}]}").ok());
  EXPECT_FALSE(parse_year("not json").ok());
}

}  // namespace
}  // namespace gk::calendar

namespace gk::calendar {
namespace {

// The shipped schedules (data/holidays), on the cases clerks get wrong.
TEST(ShippedCalendar, KnowsTheHardCases) {
  const auto shipped = current();
  const Calendar& c = *shipped;
  EXPECT_EQ(c.years().front(), 2017);
  EXPECT_EQ(c.years().back(), 2026);
  // 2020: the Spring Festival extended to 02-02; the planned 02-01 make-up day was cancelled.
  EXPECT_FALSE(c.day(d("2020-02-01"))->workday);
  EXPECT_EQ(c.day(d("2020-01-31"))->reason, "春节");
  EXPECT_EQ(format_date(*c.add_workdays(d("2020-01-23"), 1)), "2020-02-03");
  // A make-up Saturday at the end of a year belongs to the next year's 元旦 notice.
  EXPECT_TRUE(c.day(d("2018-12-29"))->workday);
  EXPECT_FALSE(c.day(d("2018-12-31"))->workday);
  // 2026 元旦: 01-01 – 01-03 off, Sunday 01-04 worked.
  EXPECT_TRUE(c.day(d("2026-01-04"))->workday);
  EXPECT_EQ(format_date(*c.add_workdays(d("2025-12-31"), 1)), "2026-01-04");
  // 20 working days from a receipt on 2025-09-26 (Fri): make-up Sunday 09-28 counts, the 8-day
  // 国庆节、中秋节 block does not, make-up Saturday 10-11 does.
  EXPECT_EQ(format_date(*c.add_workdays(d("2025-09-26"), 20)), "2025-10-30");
  EXPECT_FALSE(c.day(d("2016-12-30")).ok());
}

}  // namespace
}  // namespace gk::calendar
