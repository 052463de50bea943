// Wall-clock time and calendar dates as the rest of gongkai sees them: ISO 8601 strings,
// timestamps in UTC, dates in China Standard Time (UTC+8, no DST).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gk {

// Now as "YYYY-MM-DDTHH:MM:SSZ".
std::string now_iso();
// `seconds` from now as "YYYY-MM-DDTHH:MM:SSZ" (negative for the past).
std::string iso_after(std::chrono::seconds seconds);
// Today's date in China ("YYYY-MM-DD").
std::string today_cn();

// Parses "YYYY-MM-DD" (also accepts YYYY/M/D and YYYY年M月D日) into a real calendar date;
// nullopt when it is not one.
std::optional<std::chrono::year_month_day> parse_date(std::string_view s);
// Formats as "YYYY-MM-DD".
std::string format_date(std::chrono::year_month_day d);
// Formats "YYYY-MM-DD" as "YYYY年MM月DD日" (as gov.cn pages show dates); returns the input if unparsable.
std::string format_date_cn(std::string_view iso);

// Adds n weekdays (Monday to Friday, no holidays); the start day is not counted. Only for the demo
// data where the holiday calendar lacks a year: deadlines use calendar::Calendar.
std::chrono::year_month_day add_weekdays(std::chrono::year_month_day start, int n);

}  // namespace gk
