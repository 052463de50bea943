// Personal data of applicants in the back office: the audited CSV export of a year's cases, and
// the platform administrator's retention setting with the purge it drives (/admin/privacy).
#include "agencies/access.h"
#include "applications/privacy.h"
#include "platform/time.h"
#include "web/directory_admin.h"
#include "web/modules.h"

namespace gk::web {
namespace {

http::Response privacy_page(Ctx& c, const std::string& value, const Error* err, int status) {
  nlohmann::json data = {{"retention_years", value},
                         {"can_edit", c.me().is_platform_admin()},
                         {"saved", c.req.query("saved") == "1"},
                         {"purged", c.req.query("purged")},
                         {"year", today_cn().substr(0, 4)},
                         {"errors", nlohmann::json::object()}};
  if (err) data.update(form_errors(*err));
  return page(c, "admin_privacy", data, "申请人个人信息", status);
}

}  // namespace

void register_privacy_admin(Routes& r) {
  r.get("/admin/privacy", Access::kStaff, [](Ctx& c) {
    return privacy_page(c, std::to_string(applications::retention_years(c.db)), nullptr, 200);
  });

  r.post("/admin/privacy", Access::kStaff, [](Ctx& c) {
    const std::string v = c.req.form("retention_years");
    auto n = directory::parse_int(v, -1);
    const int years = n.value_or(-1);
    auto st = applications::set_retention_years(c.db, &c.me(), c.actor(), years);
    if (!st) {
      if (st.error().kind == Error::Kind::kForbidden) return error_page(c, st.error());
      return privacy_page(c, v, &st.error(), st.error().http_status());
    }
    auto purged = applications::purge_personal_data(c.db, c.actor(), today_cn());
    if (!purged) return error_page(c, purged.error());
    return http::Response::redirect("/admin/privacy?saved=1&purged=" + std::to_string(*purged));
  });

  r.get("/admin/applications-export.csv", Access::kStaff, [](Ctx& c) {
    auto year = directory::parse_int(c.req.query("year"), 0);
    auto csv = applications::export_csv(c.db, c.me(), c.actor(), agencies::readable_agencies(c.db, c.me()), year.value_or(0));
    if (!csv) return error_page(c, csv.error());
    auto res = http::Response::text(*csv, "text/csv; charset=utf-8");
    res.header("Content-Disposition", "attachment; filename=\"applications-" + std::to_string(*year) + ".csv\"");
    return res;
  });
}

}  // namespace gk::web
