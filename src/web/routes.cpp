// The complete route table, and the routes shared by every page: static assets, the large-text
// (适老化) switch, robots.txt.
#include "platform/embedded.h"
#include "web/modules.h"

namespace gk::web {

void register_common(Routes& r) {
  r.get("/static/{name}", Access::kPublicCached, [](Ctx& c) {
    const std::string name = c.req.param("name");
    const auto& files = embedded::all_files();
    auto it = files.find("static/" + name);
    if (it == files.end() || name.find("..") != std::string::npos) return not_found_page(c);
    std::string type = "application/octet-stream";
    if (name.ends_with(".css")) type = "text/css; charset=utf-8";
    if (name.ends_with(".svg")) type = "image/svg+xml";
    if (name.ends_with(".txt")) type = "text/plain; charset=utf-8";
    auto res = http::Response::text(std::string(it->second), type);
    res.header("Cache-Control", "public, max-age=3600");
    return res;
  });
  r.get("/robots.txt", Access::kPublicCached, [](Ctx&) {
    return http::Response::text("User-agent: *\nDisallow: /admin\nDisallow: /api/\nSitemap: /sitemap.xml\n",
                                "text/plain; charset=utf-8");
  });
  // 适老化: large text on every page, kept in a cookie so it works without JavaScript.
  r.get("/text-size", Access::kPublic, [](Ctx& c) {
    const bool large = c.req.query("size") == "large";
    std::string back = c.req.query("back");
    // Only local paths (browsers read "/\host" as "//host", so backslashes are refused too).
    if (back.empty() || back[0] != '/' || back.starts_with("//") || back.find('\\') != std::string::npos) {
      back = "/";
    }
    auto res = http::Response::redirect(back);
    res.header("Set-Cookie", std::string("gk_large=") + (large ? "1" : "0") + "; Path=/; Max-Age=31536000; SameSite=Lax");
    return res;
  });
}

Routes build_routes() {
  Routes r;
  register_common(r);
  register_login(r);
  register_directory_admin(r);
  register_portal(r);
  register_catalog_admin(r);
  register_api(r);
  register_calendar(r);
  register_holidays_admin(r);
  register_applications_public(r);
  register_applications_admin(r);
  register_applications_api(r);
  register_search(r);
  register_checker_admin(r);
  register_reviews_admin(r);
  register_notifications_admin(r);
  register_privacy_admin(r);
  // Annual report (issue 6).
  register_reports_admin(r);
  register_reports_export(r);
  return r;
}

}  // namespace gk::web
