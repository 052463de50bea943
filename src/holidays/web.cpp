// Back-office page where a platform administrator sees the loaded holiday schedules and enters a
// new year's (e.g. 2027, once the State Council notice appears).
#include "clock/settings_store.h"
#include "holidays/service.h"
#include "platform/time.h"
#include "web/modules.h"

namespace gk::web {
namespace {

// The clock settings form: stored values, or what was just submitted when it had errors.
nlohmann::json settings_view(const nlohmann::json& values) {
  nlohmann::json v = values;
  v["start_same"] = values["start_day"] == "same";
  v["start_next"] = !v["start_same"].get<bool>();
  v["fee_count"] = values["fee_wait"] == "count";
  v["fee_pause"] = !v["fee_count"].get<bool>();
  return v;
}

http::Response calendar_page(Ctx& c, const nlohmann::json& form, const Error* err, int status,
                             const nlohmann::json* settings_form = nullptr, const Error* settings_err = nullptr) {
  const auto cal = calendar::current();
  nlohmann::json years = nlohmann::json::array();
  for (int y : cal->years()) years.push_back(y);
  nlohmann::json data = {{"years", years},
                         {"form", form},
                         {"can_add", c.me().is_platform_admin()},
                         {"errors", nlohmann::json::object()},
                         {"saved", c.req.query("saved")},
                         {"settings_saved", c.req.query("settings") == "saved"},
                         {"settings", settings_view(settings_form ? *settings_form
                                                                  : clock::settings_json(clock::load_settings(c.db)))},
                         {"settings_errors", settings_err ? form_errors(*settings_err)["errors"] : nlohmann::json::object()}};
  if (auto warn = holidays::missing_next_year_warning(today_cn())) data["warning"] = *warn;
  if (err) data.update(form_errors(*err));
  return page(c, "admin_calendar", data, "节假日安排", status);
}

}  // namespace

void register_holidays_admin(Routes& r) {
  r.get("/admin/calendar", Access::kStaff, [](Ctx& c) {
    const int next = static_cast<int>(parse_date(today_cn())->year()) + 1;
    return calendar_page(c, {{"year", std::to_string(next)}, {"off", ""}, {"work", ""}}, nullptr, 200);
  });
  r.post("/admin/calendar", Access::kStaff, [](Ctx& c) {
    const nlohmann::json form = {{"year", c.req.form("year")}, {"off", c.req.form("off")}, {"work", c.req.form("work")}};
    auto schedule = holidays::parse_form(c.req.form("year"), c.req.form("off"), c.req.form("work"));
    if (!schedule) return calendar_page(c, form, &schedule.error(), schedule.error().http_status());
    auto st = holidays::add_year(c.db, &c.me(), c.actor(), *schedule);
    if (!st) {
      if (st.error().kind == Error::Kind::kForbidden) return error_page(c, st.error());
      return calendar_page(c, form, &st.error(), st.error().http_status());
    }
    return http::Response::redirect("/admin/calendar?saved=" + std::to_string(schedule->year));
  });
  r.post("/admin/calendar/settings", Access::kStaff, [](Ctx& c) {
    const nlohmann::json form = {{"start_day", c.req.form("start_day")}, {"due_soon", c.req.form("due_soon")},
                                 {"fee_wait", c.req.form("fee_wait")}};
    const nlohmann::json empty = {{"year", ""}, {"off", ""}, {"work", ""}};
    if (!c.me().is_platform_admin()) return error_page(c, Error::forbidden("只有平台管理员可以修改期限计算设置"));
    auto s = clock::parse_settings_form(c.req.form("start_day"), c.req.form("due_soon"), c.req.form("fee_wait"));
    if (!s) return calendar_page(c, empty, nullptr, s.error().http_status(), &form, &s.error());
    auto st = clock::save_settings(c.db, &c.me(), c.actor(), *s);
    if (!st) {
      if (st.error().kind == Error::Kind::kForbidden) return error_page(c, st.error());
      return calendar_page(c, empty, nullptr, st.error().http_status(), &form, &st.error());
    }
    return http::Response::redirect("/admin/calendar?settings=saved");
  });
}

}  // namespace gk::web
