// Storage and entry of administrator-added holiday schedules.
#include "holidays/service.h"

#include <sstream>

#include "platform/cache/page_cache.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::holidays {
namespace {

std::vector<calendar::YearSchedule> stored_years(db::Db& db) {
  std::vector<calendar::YearSchedule> out;
  for (const auto& r : db.query("SELECT year, schedule_json FROM calendar_years ORDER BY year")) {
    auto y = calendar::parse_year(r.s(1));
    if (!y) throw std::runtime_error("stored holiday schedule " + r.s(0) + " is invalid: " + y.error().message);
    out.push_back(std::move(*y));
  }
  return out;
}

// Splits on whitespace (ASCII and the full-width space clerks type).
std::vector<std::string> words(std::string line) {
  for (size_t p; (p = line.find("　")) != std::string::npos;) line.replace(p, 3, " ");
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

void load(db::Db& db) {
  if (auto st = calendar::install_extra_years(stored_years(db)); !st) {
    throw std::runtime_error("stored holiday schedules do not fit the shipped ones: " + st.error().message);
  }
}

Status add_year(db::Db& db, const accounts::Principal* by, const audit::Actor& actor,
                const calendar::YearSchedule& schedule) {
  if (by && !by->is_platform_admin()) return Error::forbidden("只有平台管理员可以录入年度放假安排");
  if (auto st = calendar::validate_year(schedule); !st) return st;
  if (calendar::current()->has_year(schedule.year)) {
    return Error::field("year", std::to_string(schedule.year) + "年的放假安排已经存在，不能重复录入");
  }
  const std::string json = calendar::to_json(schedule);
  auto st = db.write([&]() -> Status {
    try {
      db.exec("INSERT INTO calendar_years(year, schedule_json, created_at, created_by) VALUES (?,?,?,?)",
              {schedule.year, json, now_iso(), actor.name});
    } catch (const db::ConstraintError&) {
      return Error::field("year", std::to_string(schedule.year) + "年的放假安排已经存在，不能重复录入");
    }
    audit::record(db, actor, std::nullopt, "calendar_year", schedule.year, "create", nlohmann::json::object(),
                  nlohmann::json::parse(json));
    cache::mark_changed(db);
    return ok_status();
  });
  if (!st) return st;
  load(db);
  return ok_status();
}

Result<calendar::YearSchedule> parse_form(std::string_view year_text, std::string_view off_lines,
                                          std::string_view work_lines) {
  FieldErrors errs;
  calendar::YearSchedule y;
  const std::string ys = text::trim(year_text);
  if (ys.size() != 4 || ys.find_first_not_of("0123456789") != std::string::npos) {
    errs.add("year", "请填写四位数的年份");
  } else {
    y.year = std::stoi(ys);
  }
  y.source = "平台管理员录入（国务院办公厅通知）";
  auto each_line = [](std::string_view text, auto&& fn) {
    size_t n = 0, pos = 0;
    while (pos <= text.size()) {
      size_t eol = text.find('\n', pos);
      std::string line = text::trim(text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos));
      ++n;
      if (!line.empty()) fn(n, line);
      if (eol == std::string_view::npos) break;
      pos = eol + 1;
    }
  };
  each_line(off_lines, [&](size_t n, const std::string& line) {
    auto w = words(line);
    auto from = w.size() >= 2 ? parse_date(w[1]) : std::nullopt;
    auto to = w.size() == 3 ? parse_date(w[2]) : from;
    if (w.size() < 2 || w.size() > 3 || !from || !to) {
      errs.add("off", "放假安排第" + std::to_string(n) + "行应为“节日名称 开始日期 结束日期”，如：春节 2027-02-06 2027-02-12");
      return;
    }
    y.off.push_back({w[0], *from, *to});
  });
  each_line(work_lines, [&](size_t n, const std::string& line) {
    auto w = words(line);
    auto date = w.size() == 2 ? parse_date(w[1]) : std::nullopt;
    if (!date) {
      errs.add("work", "调休上班第" + std::to_string(n) + "行应为“节日名称 日期”，如：春节 2027-02-14");
      return;
    }
    y.work.push_back({w[0], *date});
  });
  if (!errs.empty()) return errs.to_error();
  if (y.off.empty()) return Error::field("off", "请至少填写一段放假安排");
  if (auto st = calendar::validate_year(y); !st) return st.error();
  return y;
}

std::optional<std::string> missing_next_year_warning(std::string_view today) {
  auto d = parse_date(today);
  if (!d || static_cast<unsigned>(d->month()) != 12) return std::nullopt;
  const int next = static_cast<int>(d->year()) + 1;
  if (calendar::current()->has_year(next)) return std::nullopt;
  return std::to_string(next) + "年的节假日安排尚未录入：跨年的期限将无法按工作日计算。国务院办公厅通知发布后，请平台管理员及时录入。";
}

}  // namespace gk::holidays
