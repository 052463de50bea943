// Page rendering inside the layouts, error pages, JSON helpers and pagination.
#include <algorithm>

#include "accounts/service.h"
#include "agencies/service.h"
#include "platform/render/view.h"
#include "web/context.h"

namespace gk::web {

namespace {

std::string site_name(db::Db& db) {
  auto roots = agencies::children(db, std::nullopt);
  if (roots.empty()) return "政府信息公开平台";
  const std::string& name = roots.front().name;
  // 云溪县人民政府 → 云溪县人民政府信息公开, as government portals name the column.
  return name + (name.ends_with("政府") ? "信息公开" : "政府信息公开");
}

}  // namespace

http::Response page(Ctx& c, std::string_view template_name, nlohmann::json data, std::string_view title, int status) {
  const bool admin = template_name.starts_with("admin_");
  data["csrf"] = c.csrf;
  const std::string site = site_name(c.db);
  data["site_name"] = site;
  std::string content = render::render(template_name, data);
  nlohmann::json layout = {
      {"title", std::string(title)},
      {"site_name", site},
      {"content", content},
      {"large_text", c.large_text},
      {"csrf", c.csrf},
      {"path", c.req.path},
      {"return_to", c.req.target},
  };
  if (c.user) {
    layout["user"] = accounts::to_json(c.user->user);
    const auto& roles = c.user->user.roles;
    layout["is_admin"] = roles.count(accounts::Role::kAgencyAdmin) || roles.count(accounts::Role::kPlatformAdmin);
    layout["is_platform_admin"] = roles.count(accounts::Role::kPlatformAdmin) > 0;
  }
  return http::Response::html(render::render(admin ? "admin_layout" : "layout", layout), status);
}

http::Response error_page(Ctx& c, const Error& e) {
  const int status = e.http_status();
  std::string heading = "请求无法完成";
  if (status == 404) heading = "页面不存在";
  if (status == 403) heading = "没有权限";
  if (status == 401) heading = "需要登录";
  if (status == 429) heading = "操作过于频繁";
  if (status == 413) heading = "内容过大";
  nlohmann::json data = {{"heading", heading}, {"message", e.message}, {"status", status},
                         {"staff", c.user.has_value()}};
  std::string tmpl = c.user && c.req.path.starts_with("/admin") ? "admin_error" : "error";
  return page(c, tmpl, data, heading, status);
}

http::Response not_found_page(Ctx& c) {
  return error_page(c, Error::not_found("您访问的页面不存在或已被删除，请检查网址，或从首页重新查找。"));
}

// Invalid UTF-8 (which the JSON library refuses) becomes U+FFFD rather than turning an answer into a 500.
http::Response json_ok(const nlohmann::json& body, int status) {
  return http::Response::json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

http::Response json_error(const Error& e) {
  nlohmann::json body = {{"error", {{"code", e.code}, {"message", e.message}}}};
  if (!e.fields.empty()) body["error"]["fields"] = e.fields;
  return json_ok(body, e.http_status());
}

nlohmann::json form_errors(const Error& e) {
  nlohmann::json errors = nlohmann::json::object();
  for (const auto& [k, v] : e.fields) errors[k] = v;
  return {{"errors", errors}, {"error_message", e.message}};
}

std::optional<int64_t> parse_id(std::string_view s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  int64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v > 0 ? std::optional<int64_t>(v) : std::nullopt;
}

int page_number(const http::Request& r) {
  auto p = parse_id(r.query("page"));
  return p ? static_cast<int>(std::min<int64_t>(*p, 100000)) : 1;
}

nlohmann::json pagination(const http::Request& r, int page, int pages) {
  nlohmann::json out = {{"page", page}, {"pages", pages}, {"show", pages > 1}};
  std::string base = r.path + "?";
  for (const auto& [k, v] : r.query_params()) {
    if (k != "page") base += http::url_encode(k) + "=" + http::url_encode(v) + "&";
  }
  auto link = [&](int p) { return base + "page=" + std::to_string(p); };
  if (page > 1) out["prev"] = link(page - 1);
  if (page < pages) out["next"] = link(page + 1);
  nlohmann::json list = nlohmann::json::array();
  int from = std::max(1, page - 3), to = std::min(pages, page + 3);
  for (int p = from; p <= to; ++p) list.push_back({{"n", p}, {"href", link(p)}, {"current", p == page}});
  out["list"] = list;
  return out;
}

}  // namespace gk::web
