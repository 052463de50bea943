// Back-office sign-in and sign-out pages.
#include "accounts/service.h"
#include "web/modules.h"

namespace gk::web {
namespace {

// Only local paths are accepted as the page to return to after login (no open redirect).
std::string safe_next(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.starts_with("//") || next.find('\\') != std::string::npos) return "/admin";
  return next;
}

http::Response login_form(Ctx& c, const std::string& username, const Error* err, int status) {
  nlohmann::json data = {{"username", username}, {"next", safe_next(c.req.query("next").empty() ? c.req.form("next")
                                                                                                 : c.req.query("next"))}};
  if (err) data.update(form_errors(*err));
  return page(c, "login", data, "工作人员登录", status);
}

}  // namespace

void register_login(Routes& r) {
  r.get("/admin/login", Access::kPublic, [](Ctx& c) {
    if (c.user) return http::Response::redirect("/admin");
    return login_form(c, "", nullptr, 200);
  });
  r.post("/admin/login", Access::kPublic, [](Ctx& c) {
    const std::string username = c.req.form("username");
    auto res = accounts::login(c.db, username, c.req.form("password"), c.req.remote_ip);
    if (!res) return login_form(c, username, &res.error(), res.error().http_status());
    auto out = http::Response::redirect(safe_next(c.req.form("next")));
    // Behind a TLS-terminating proxy (nginx sets X-Forwarded-Proto) the cookie is marked Secure.
    const bool tls = c.req.header("x-forwarded-proto") == "https";
    out.header("Set-Cookie", "gk_session=" + res->session_token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                                 std::to_string(accounts::kSessionHours * 3600) + (tls ? "; Secure" : ""));
    return out;
  });
  r.get("/admin/account", Access::kStaff, [](Ctx& c) {
    return page(c, "admin_account", {{"saved", c.req.query("saved") == "1"}, {"errors", nlohmann::json::object()}},
                "修改密码");
  });
  r.post("/admin/account", Access::kStaff, [](Ctx& c) {
    nlohmann::json data = {{"errors", nlohmann::json::object()}};
    Status st = c.req.form("password") != c.req.form("confirm")
                    ? Status(Error::field("confirm", "两次输入的新密码不一致"))
                    : accounts::change_own_password(c.db, c.me(), c.actor(), c.req.form("current"),
                                                    c.req.form("password"), c.req.cookie("gk_session"));
    if (!st) {
      data.update(form_errors(st.error()));
      return page(c, "admin_account", data, "修改密码", st.error().http_status());
    }
    return http::Response::redirect("/admin/account?saved=1");
  });
  r.post("/admin/logout", Access::kStaff, [](Ctx& c) {
    accounts::logout(c.db, c.req.cookie("gk_session"));
    auto out = http::Response::redirect("/admin/login");
    out.header("Set-Cookie", "gk_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    return out;
  });
}

}  // namespace gk::web
