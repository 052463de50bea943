// Working-day arithmetic and the year-schedule format.
#include "platform/calendar/calendar.h"

#include <nlohmann/json.hpp>
#include <mutex>
#include <stdexcept>

#include "platform/embedded.h"
#include "platform/time.h"

namespace gk::calendar {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

bool is_weekend(sys_days d) {
  const std::chrono::weekday w{d};
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

Result<Date> date_field(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return Error::invalid("bad_schedule", std::string("缺少日期字段 ") + key);
  auto d = parse_date(j[key].get<std::string>());
  if (!d || format_date(*d) != j[key].get<std::string>()) {
    return Error::invalid("bad_schedule", "日期格式应为 YYYY-MM-DD：" + j[key].get<std::string>());
  }
  return *d;
}

std::string name_field(const nlohmann::json& j) {
  return j.contains("name") && j["name"].is_string() ? j["name"].get<std::string>() : "";
}

}  // namespace

Error missing_year_error(int year) {
  return Error::invalid("calendar_year_missing", std::to_string(year) +
                                                     "年的节假日安排尚未载入，无法按工作日计算。请平台管理员录入该年度国务院放假安排。");
}

nlohmann::json day_json(const DayInfo& d) {
  return {{"date", format_date(d.date)}, {"workday", d.workday}, {"reason", d.reason}};
}

nlohmann::json add_json(Date from, int workdays, Date result) {
  return {{"from", format_date(from)}, {"workdays", workdays}, {"date", format_date(result)}};
}

Result<YearSchedule> parse_year(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error::invalid("bad_schedule", "年度放假安排不是有效的JSON对象");
  YearSchedule y;
  if (!j.contains("year") || !j["year"].is_number_integer()) return Error::invalid("bad_schedule", "缺少年份");
  y.year = j["year"].get<int>();
  y.source = j.value("source", "");
  for (const auto& o : j.value("off", nlohmann::json::array())) {
    auto from = date_field(o, "from");
    if (!from) return from.error();
    auto to = date_field(o, "to");
    if (!to) return to.error();
    y.off.push_back({name_field(o), *from, *to});
  }
  for (const auto& w : j.value("work", nlohmann::json::array())) {
    auto d = date_field(w, "date");
    if (!d) return d.error();
    y.work.push_back({name_field(w), *d});
  }
  return y;
}

std::string to_json(const YearSchedule& y) {
  std::string out = "{\n  \"year\": " + std::to_string(y.year) + ",\n  \"source\": " + nlohmann::json(y.source).dump() +
                    ",\n  \"off\": [";
  for (size_t i = 0; i < y.off.size(); ++i) {
    out += std::string(i ? "," : "") + "\n    {\"name\": " + nlohmann::json(y.off[i].name).dump() + ", \"from\": \"" +
           format_date(y.off[i].from) + "\", \"to\": \"" + format_date(y.off[i].to) + "\"}";
  }
  out += y.off.empty() ? "],\n  \"work\": [" : "\n  ],\n  \"work\": [";
  for (size_t i = 0; i < y.work.size(); ++i) {
    out += std::string(i ? "," : "") + "\n    {\"name\": " + nlohmann::json(y.work[i].name).dump() + ", \"date\": \"" +
           format_date(y.work[i].date) + "\"}";
  }
  out += y.work.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

Status validate_year(const YearSchedule& y) {
  FieldErrors errs;
  if (y.year < 1949 || y.year > 2200) {
    errs.add("year", "年份无效");
    return errs.to_error();
  }
  const std::string ys = std::to_string(y.year);
  auto in_year = [&](Date d) { return static_cast<int>(d.year()) == y.year; };
  std::map<sys_days, std::string> off_days;
  for (const auto& r : y.off) {
    const std::string range = format_date(r.from) + " – " + format_date(r.to);
    if (r.name.empty()) errs.add("off", "放假安排须写明节日名称（" + range + "）");
    if (!in_year(r.from) || !in_year(r.to)) errs.add("off", "放假日期须在" + ys + "年之内（" + range + "）");
    if (sys_days{r.to} < sys_days{r.from}) errs.add("off", "放假结束日期早于开始日期（" + range + "）");
    if (sys_days{r.to} - sys_days{r.from} > days{30}) errs.add("off", "一段放假不应超过31天（" + range + "）");
    for (auto d = sys_days{r.from}; d <= sys_days{r.to} && d - sys_days{r.from} <= days{31}; d += days{1}) {
      if (!off_days.emplace(d, r.name).second) {
        errs.add("off", "放假安排有重叠：" + format_date(Date{d}) + " 出现在两段放假中");
      }
    }
  }
  std::map<sys_days, std::string> seen;
  for (const auto& w : y.work) {
    const std::string ds = format_date(w.date);
    if (w.name.empty()) errs.add("work", "调休上班日须写明对应的节日（" + ds + "）");
    if (!in_year(w.date)) errs.add("work", "调休上班日须在" + ys + "年之内（" + ds + "）");
    if (!is_weekend(sys_days{w.date})) errs.add("work", "调休上班日应为周六或周日（" + ds + "）");
    if (off_days.count(sys_days{w.date})) errs.add("work", "调休上班日不能同时是放假日（" + ds + "）");
    if (!seen.emplace(sys_days{w.date}, w.name).second) errs.add("work", "调休上班日重复：" + ds);
  }
  if (!errs.empty()) return errs.to_error();
  return ok_status();
}

Result<Calendar> Calendar::build(const std::vector<YearSchedule>& schedules) {
  Calendar cal;
  for (const auto& y : schedules) {
    if (auto st = validate_year(y); !st) return st.error();
    if (cal.years_.count(y.year)) return Error::invalid("duplicate_year", std::to_string(y.year) + "年的放假安排重复");
    Year& year = cal.years_[y.year];
    for (const auto& r : y.off) {
      for (auto d = sys_days{r.from}; d <= sys_days{r.to}; d += days{1}) year.off.emplace(d, r.name);
    }
    for (const auto& w : y.work) year.work.emplace(sys_days{w.date}, w.name);
  }
  return cal;
}

Result<DayInfo> Calendar::day(Date d) const {
  if (!d.ok()) return Error::invalid("invalid_date", "日期无效");
  const int y = static_cast<int>(d.year());
  auto it = years_.find(y);
  if (it == years_.end()) return missing_year_error(y);
  const sys_days sd{d};
  DayInfo info{d, true, DayKind::kWorkday, "工作日"};
  if (auto w = it->second.work.find(sd); w != it->second.work.end()) {
    info.kind = DayKind::kMakeupWorkday;
    info.reason = "调休上班（" + w->second + "）";
  } else if (auto o = it->second.off.find(sd); o != it->second.off.end()) {
    info = {d, false, DayKind::kHoliday, o->second};
  } else if (is_weekend(sd)) {
    info = {d, false, DayKind::kWeekend, "周末"};
  }
  return info;
}

Result<Date> Calendar::add_workdays(Date start, int n, StartRule rule) const {
  if (n < 0) return Error::invalid("invalid_workdays", "工作日数不能为负数");
  if (n > kMaxWorkdays) return Error::invalid("invalid_workdays", "工作日数过大（不超过" + std::to_string(kMaxWorkdays) + "）");
  auto first = day(start);
  if (!first) return first.error();
  if (n == 0) return start;
  sys_days d{start};
  int left = n;
  if (rule == StartRule::kSameDay && first->workday) --left;
  while (left > 0) {
    d += days{1};
    auto info = day(Date{d});
    if (!info) return info.error();
    if (info->workday) --left;
  }
  return Date{d};
}

Result<int> Calendar::workdays_between(Date a, Date b) const {
  if (!a.ok() || !b.ok()) return Error::invalid("invalid_date", "日期无效");
  sys_days from{a}, to{b};
  int sign = 1;
  if (to < from) {
    std::swap(from, to);
    sign = -1;
  }
  if (to - from > days{366 * 10}) return Error::invalid("range_too_long", "日期区间过长");
  if (auto st = day(Date{from}); !st) return st.error();
  int count = 0;
  for (auto d = from + days{1}; d <= to; d += days{1}) {
    auto info = day(Date{d});
    if (!info) return info.error();
    if (info->workday) ++count;
  }
  return sign * count;
}

std::vector<int> Calendar::years() const {
  std::vector<int> out;
  for (const auto& [y, _] : years_) out.push_back(y);
  return out;
}

const std::vector<YearSchedule>& default_schedules() {
  static const std::vector<YearSchedule> all = [] {
    std::vector<YearSchedule> out;
    for (const auto& [path, content] : embedded::all_files()) {
      if (!path.starts_with("data/holidays/") || !path.ends_with(".json")) continue;
      auto y = parse_year(content);
      if (!y) throw std::runtime_error("malformed " + path + ": " + y.error().message);
      out.push_back(std::move(*y));
    }
    return out;
  }();
  return all;
}

namespace {

std::mutex& current_mutex() {
  static std::mutex m;
  return m;
}

std::shared_ptr<const Calendar>& current_slot() {
  static std::shared_ptr<const Calendar> slot = [] {
    auto c = Calendar::build(default_schedules());
    if (!c) throw std::runtime_error("embedded holiday data is invalid: " + c.error().message);
    return std::make_shared<const Calendar>(std::move(*c));
  }();
  return slot;
}

}  // namespace

std::shared_ptr<const Calendar> current() {
  std::lock_guard lock(current_mutex());
  return current_slot();
}

Status install_extra_years(const std::vector<YearSchedule>& extra) {
  std::vector<YearSchedule> all = default_schedules();
  all.insert(all.end(), extra.begin(), extra.end());
  auto c = Calendar::build(all);
  if (!c) return c.error();
  auto built = std::make_shared<const Calendar>(std::move(*c));
  std::lock_guard lock(current_mutex());
  current_slot() = std::move(built);
  return ok_status();
}

}  // namespace gk::calendar
