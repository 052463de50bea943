// App::handle: the middleware every request passes — route lookup, page cache, session and API
// token resolution, CSRF for state-changing forms, access levels, security headers, error pages.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "accounts/password.h"
#include "accounts/service.h"
#include "holidays/service.h"
#include "platform/text/strings.h"
#include "platform/text/utf8.h"
#include "web/context.h"

namespace gk::web {
namespace {

constexpr const char* kSessionCookie = "gk_session";
constexpr const char* kCsrfCookie = "gk_csrf";
constexpr const char* kLargeCookie = "gk_large";

// A handler may set its own Content-Security-Policy (e.g. to allow a letter's inline style); it is kept.
void security_headers(http::Response& r) {
  r.header("X-Content-Type-Options", "nosniff");
  r.header("Referrer-Policy", "same-origin");
  r.header("X-Frame-Options", "DENY");
  const bool own_csp = std::any_of(r.headers.begin(), r.headers.end(),
                                   [](const auto& h) { return h.first == "Content-Security-Policy"; });
  if (!own_csp) {
    r.header("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
             "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }
}

bool is_state_changing(const std::string& method) { return method == "POST" || method == "PUT" || method == "DELETE"; }

// True when every query value and form field (not file contents) is clean UTF-8; services can then
// rely on well-formed text.
bool text_input_is_clean(const http::Request& req) {
  for (const auto& [k, v] : req.query_params()) {
    if (!text::is_clean_utf8(k) || !text::is_clean_utf8(v)) return false;
  }
  if (!is_state_changing(req.method)) return true;
  for (const auto& [k, v] : req.form_fields()) {
    if (!text::is_clean_utf8(k) || !text::is_clean_utf8(v)) return false;
  }
  for (const auto& f : req.files()) {
    if (!text::is_clean_utf8(f.filename)) return false;
  }
  return true;
}

std::string bearer_token(const http::Request& req) {
  std::string h = req.header("authorization");
  if (h.size() > 7 && (h.starts_with("Bearer ") || h.starts_with("bearer "))) return h.substr(7);
  return {};
}

}  // namespace

audit::Actor Ctx::actor() const {
  if (user) return accounts::actor_of(*user, req.remote_ip);
  return {std::nullopt, "公众", req.remote_ip};
}

App::App(std::shared_ptr<db::Database> database, Routes routes, bool behind_proxy)
    : database_(std::move(database)), routes_(std::move(routes)), behind_proxy_(behind_proxy) {
  refresh_generation();
}

void App::refresh_generation() {
  db::Db& db = database_->conn();
  const int64_t g = cache::read_generation(db);
  // A change anywhere (another process included) may have added a holiday schedule.
  if (g != cache_.generation()) holidays::load(db);
  cache_.set_generation(g);
}

http::Response App::handle(http::Request& req) {
  if (behind_proxy_) {
    const std::string xff = req.header("x-forwarded-for");
    const size_t comma = xff.rfind(',');
    std::string last = text::trim(comma == std::string::npos ? std::string_view(xff) : std::string_view(xff).substr(comma + 1));
    if (!last.empty() && last.size() <= 45) req.remote_ip = std::move(last);
  }
  auto match = routes_.router().match(req.method, req.path);
  const bool large = req.cookie(kLargeCookie) == "1";
  // Feeds and the sitemap write absolute URLs from the Host header: the host is part of the key, so
  // a request with a forged Host can never put its URLs into pages served to others.
  const std::string cache_key = (large ? "L" : "N") + req.header("host") + " " + req.target;
  if (match.handler && match.handler->access == Access::kPublicCached && req.method != "POST") {
    if (auto hit = cache_.get(cache_key)) {
      http::Response r = http::Response::text(hit->body, hit->content_type, hit->status);
      security_headers(r);
      return r;
    }
  }

  db::Db& db = database_->conn();
  Ctx c{req, db, std::nullopt, "", large, {}};
  http::Response res;
  try {
    if (!match.handler) {
      res = req.path.starts_with("/api/")
                ? json_error(match.path_known ? Error::invalid("method_not_allowed", "不支持该请求方法")
                                              : Error::not_found("接口不存在"))
                : not_found_page(c);
      if (match.path_known) res.status = 405;
    } else {
      const Route& route = *match.handler;
      req.params = match.params;
      if (route.access == Access::kApiToken) {
        c.user = accounts::token_principal(db, bearer_token(req));
      } else if (route.access != Access::kApiPublic && route.access != Access::kPublicCached) {
        std::string session = req.cookie(kSessionCookie);
        if (!session.empty()) c.user = accounts::session_principal(db, session);
        if (c.user) {
          c.csrf = c.user->csrf_token;
        } else {
          c.csrf = req.cookie(kCsrfCookie);
          if (c.csrf.size() != 64) {
            c.csrf = accounts::random_token();
            c.set_cookies.push_back(std::string(kCsrfCookie) + "=" + c.csrf + "; Path=/; HttpOnly; SameSite=Lax");
          }
        }
      }
      const bool api = route.access == Access::kApiToken || route.access == Access::kApiPublic;
      if (!text_input_is_clean(req)) {
        const Error e = Error::invalid("invalid_text", "提交的内容含有无效字符（须为UTF-8编码的文字），请检查后重新提交。");
        res = api ? json_error(e) : error_page(c, e);
      } else if (route.access == Access::kApiToken && !c.user) {
        res = json_error(Error::unauthenticated("缺少或无效的访问令牌（Authorization: Bearer）"));
        res.header("WWW-Authenticate", "Bearer");
      } else if (route.access == Access::kStaff && !c.user) {
        if (is_state_changing(req.method)) {
          res = error_page(c, Error::unauthenticated("登录已过期，请重新登录后再提交。"));
        } else {
          res = http::Response::redirect("/admin/login?next=" + http::url_encode(req.target));
        }
      } else if (is_state_changing(req.method) && route.access != Access::kApiToken &&
                 route.access != Access::kApiPublic &&
                 (req.form("_csrf").empty() || !accounts::constant_time_equal(req.form("_csrf"), c.csrf))) {
        res = error_page(c, Error::forbidden("页面已过期或表单校验失败，请返回刷新页面后重新提交。"));
      } else {
        res = route.handler(c);
        if (route.access == Access::kPublicCached && res.status == 200 && c.set_cookies.empty()) {
          cache_.put(cache_key, {res.status, res.content_type, res.body, cache_.generation()});
        }
      }
    }
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    if (db.in_transaction()) db.rollback();
    res = req.path.starts_with("/api/") ? json_error(Error::invalid("internal", "服务器内部错误，请稍后再试"))
                                        : error_page(c, Error::invalid("internal", "服务器内部错误，请稍后再试。"));
    res.status = 500;
  }
  if (is_state_changing(req.method)) refresh_generation();
  for (auto& cookie : c.set_cookies) res.header("Set-Cookie", cookie);
  if (c.user || match.handler == nullptr || match.handler->access != Access::kPublicCached) {
    res.header("Cache-Control", "no-store");
  }
  security_headers(res);
  return res;
}

}  // namespace gk::web
