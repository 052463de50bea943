// Implementation of time.h.
#include "platform/time.h"

#include <cstdio>
#include <ctime>

namespace gk {
namespace {

std::string format_utc(std::chrono::system_clock::time_point tp) {
  std::time_t t = std::chrono::system_clock::to_time_t(tp);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool is_weekday(std::chrono::sys_days d) {
  std::chrono::weekday w{d};
  return w != std::chrono::Saturday && w != std::chrono::Sunday;
}

}  // namespace

std::string now_iso() { return format_utc(std::chrono::system_clock::now()); }

std::string iso_after(std::chrono::seconds seconds) {
  return format_utc(std::chrono::system_clock::now() + seconds);
}

std::string today_cn() {
  auto now = std::chrono::system_clock::now() + std::chrono::hours(8);
  return format_date(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)});
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  std::string str(s);
  char tail = 0;
  if (std::sscanf(str.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 &&
      std::sscanf(str.c_str(), "%4d/%2d/%2d%c", &y, &m, &d, &tail) != 3 &&
      std::sscanf(str.c_str(), "%4d年%2d月%2d日%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1900 || y > 2200) return std::nullopt;
  return ymd;
}

std::string format_date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::string format_date_cn(std::string_view iso) {
  auto d = parse_date(iso);
  if (!d) return std::string(iso);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d年%02u月%02u日", static_cast<int>(d->year()), static_cast<unsigned>(d->month()),
                static_cast<unsigned>(d->day()));
  return buf;
}

std::chrono::year_month_day add_weekdays(std::chrono::year_month_day start, int n) {
  std::chrono::sys_days d{start};
  while (n > 0) {
    d += std::chrono::days{1};
    if (is_weekday(d)) --n;
  }
  return std::chrono::year_month_day{d};
}

}  // namespace gk
