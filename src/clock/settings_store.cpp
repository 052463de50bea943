// Storage of the clock settings in the settings table (keys clock.start_day, clock.due_soon,
// clock.fee_wait).
#include "clock/settings_store.h"

#include <spdlog/spdlog.h>

#include "platform/cache/page_cache.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::clock {
namespace {

constexpr std::string_view kStartDay = "clock.start_day";
constexpr std::string_view kDueSoon = "clock.due_soon";
constexpr std::string_view kFeeWait = "clock.fee_wait";

}  // namespace

nlohmann::json settings_json(const Settings& s) {
  return {{"start_day", s.start_rule == calendar::StartRule::kSameDay ? "same" : "next"},
          {"due_soon", std::to_string(s.due_soon_workdays)},
          {"fee_wait", s.fee_wait_pauses ? "pause" : "count"}};
}

Result<Settings> parse_settings_form(std::string_view start_day, std::string_view due_soon, std::string_view fee_wait) {
  Settings s;
  FieldErrors errs;
  if (start_day == "same") {
    s.start_rule = calendar::StartRule::kSameDay;
  } else if (start_day != "next") {
    errs.add("start_day", "请选择收到申请当日是否计入期限");
  }
  const std::string n = text::trim(due_soon);
  if (n.empty() || n.size() > 2 || n.find_first_not_of("0123456789") != std::string::npos || std::stoi(n) > 20) {
    errs.add("due_soon", "临期提醒应为0至20之间的工作日数");
  } else {
    s.due_soon_workdays = std::stoi(n);
  }
  if (fee_wait == "count") {
    s.fee_wait_pauses = false;
  } else if (fee_wait != "pause") {
    errs.add("fee_wait", "请选择等待缴费的时间是否计入答复期限");
  }
  if (!errs.empty()) return errs.to_error();
  return s;
}

Settings load_settings(db::Db& db) {
  std::string start_day = "next", due_soon = "5", fee_wait = "pause";
  for (const auto& row : db.query("SELECT key, value FROM settings WHERE key LIKE 'clock.%'", {})) {
    const std::string key = row[0].as_string();
    if (key == kStartDay) start_day = row[1].as_string();
    if (key == kDueSoon) due_soon = row[1].as_string();
    if (key == kFeeWait) fee_wait = row[1].as_string();
  }
  auto s = parse_settings_form(start_day, due_soon, fee_wait);
  if (!s) {
    spdlog::warn("stored clock settings are invalid ({}); using the defaults", s.error().message);
    return Settings{};
  }
  return *s;
}

Status save_settings(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, const Settings& s) {
  if (by && !by->is_platform_admin()) return Error::forbidden("只有平台管理员可以修改期限计算设置");
  if (s.due_soon_workdays < 0 || s.due_soon_workdays > kReplyWorkdays) {
    return Error::field("due_soon", "临期提醒应为0至20之间的工作日数");
  }
  const nlohmann::json after = settings_json(s);
  return db.write([&]() -> Status {
    const nlohmann::json before = settings_json(load_settings(db));
    const std::string now = now_iso();
    for (const auto& [key, field] : {std::pair{kStartDay, "start_day"}, {kDueSoon, "due_soon"}, {kFeeWait, "fee_wait"}}) {
      db.exec(
          "INSERT INTO settings(key, value, updated_at, updated_by) VALUES (?,?,?,?) "
          "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
          "updated_by = excluded.updated_by",
          {std::string(key), after[field].get<std::string>(), now, actor.name});
    }
    audit::record(db, actor, std::nullopt, "clock_settings", 1, "update", before, after);
    cache::mark_changed(db);
    return ok_status();
  });
}

}  // namespace gk::clock
