// Back-office page where a platform administrator sees the loaded holiday schedules and enters a
// new year's (e.g. 2027, once the State Council notice appears).
#include "holidays/service.h"
#include "platform/time.h"
#include "web/modules.h"

namespace gk::web {
namespace {

http::Response calendar_page(Ctx& c, const nlohmann::json& form, const Error* err, int status) {
  const auto cal = calendar::current();
  nlohmann::json years = nlohmann::json::array();
  for (int y : cal->years()) years.push_back(y);
  nlohmann::json data = {{"years", years},
                         {"form", form},
                         {"can_add", c.me().is_platform_admin()},
                         {"errors", nlohmann::json::object()},
                         {"saved", c.req.query("saved")}};
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
}

}  // namespace gk::web
