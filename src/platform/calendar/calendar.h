// The working-day calendar (工作日) on the State Council's holiday schedule: statutory off days,
// make-up working days on weekends (调休上班) and ordinary weekends. Pure: built from year
// schedules (data/holidays/YYYY.json, embedded), no clock, no I/O. Every 条例 deadline counts
// on it. A date in a year whose schedule is not loaded is an explicit error, never a guess.
// A Calendar is immutable once built and safe to share between threads.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace gk::calendar {

using Date = std::chrono::year_month_day;

// A block of statutory off days (both ends included), e.g. 春节 2024-02-10 – 2024-02-17.
struct OffRange {
  std::string name;
  Date from;
  Date to;
};

// A weekend day that is a working day (调休上班), with the holiday it makes up for.
struct MakeupDay {
  std::string name;
  Date date;
};

// The schedule of one calendar year (dates of that year only).
struct YearSchedule {
  int year = 0;
  std::string source;
  std::vector<OffRange> off;
  std::vector<MakeupDay> work;
};

enum class DayKind { kWorkday, kWeekend, kHoliday, kMakeupWorkday };

struct DayInfo {
  Date date;
  bool workday = false;
  DayKind kind = DayKind::kWorkday;
  std::string reason;  // 工作日 / 周末 / the holiday's name / 调休上班（春节）
};

// Whether the day a period starts from counts as its first day. The default follows the general
// rule (《民法典》第二百零一条): 开始的当日不计入, counting starts the next day (ogi-facts §1.3).
enum class StartRule { kNextDay, kSameDay };

// Largest number of working days a computation accepts (ten years); more is a mistake.
inline constexpr int kMaxWorkdays = 2500;

// Parses a year file ({"year", "source", "off": [{name, from, to}], "work": [{name, date}]}).
// Returns the schedule, or an Error saying what is malformed.
Result<YearSchedule> parse_year(std::string_view json);
// Serializes a schedule in the same format (2-space indented, as the data files are written).
std::string to_json(const YearSchedule& y);
// Checks a schedule an administrator enters: every date inside the year, from ≤ to, no two off
// ranges overlapping, make-up days on Saturdays or Sundays and not inside an off range, names given.
// Returns field errors ("off", "work") in Chinese.
Status validate_year(const YearSchedule& y);

class Calendar {
 public:
  // Builds a calendar from validated year schedules; the same year twice is an error.
  static Result<Calendar> build(const std::vector<YearSchedule>& years);

  // What kind of day `d` is. Error when its year is not loaded.
  Result<DayInfo> day(Date d) const;
  // The date `n` working days from `start` (0 ≤ n ≤ kMaxWorkdays). With kNextDay the start day is
  // not counted: the result is the n-th working day after it. With kSameDay a working start day is
  // the first. n = 0 gives `start`. Error on a bad n or when the count leaves the loaded years.
  Result<Date> add_workdays(Date start, int n, StartRule rule = StartRule::kNextDay) const;
  // Working days d with a < d ≤ b (negative when b < a). Error when the range leaves the loaded years.
  Result<int> workdays_between(Date a, Date b) const;
  // The loaded years, ascending.
  std::vector<int> years() const;
  bool has_year(int year) const { return years_.count(year) > 0; }

 private:
  struct Year {
    std::map<std::chrono::sys_days, std::string> off;
    std::map<std::chrono::sys_days, std::string> work;
  };
  std::map<int, Year> years_;
};

// The embedded year schedules (data/holidays/*.json), ascending. Throws std::runtime_error if that
// data is malformed (it ships with the program: a build error).
const std::vector<YearSchedule>& default_schedules();
// The calendar in force: the embedded years plus those a platform admin added (install_extra_years).
// Hold the pointer for the duration of a computation; it is never changed in place.
std::shared_ptr<const Calendar> current();
// Replaces the calendar in force by the embedded years plus `extra` (years the embedded data lacks).
// Returns an error, and changes nothing, when a year is invalid or already present.
Status install_extra_years(const std::vector<YearSchedule>& extra);

// {"date", "workday", "reason"}: a day as the CLI and the API show it.
nlohmann::json day_json(const DayInfo& d);
// {"from", "workdays", "date"}: the result of add_workdays as the CLI and the API show it.
nlohmann::json add_json(Date from, int workdays, Date result);

// The error for a date whose year is not loaded.
Error missing_year_error(int year);

}  // namespace gk::calendar
