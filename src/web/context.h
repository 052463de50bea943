// The web layer shared by every module's handlers: the per-request context (database connection,
// signed-in principal, CSRF token, display preferences), route registration with access levels,
// and page rendering inside the portal or back-office layout.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/model.h"
#include "platform/audit/audit.h"
#include "platform/cache/page_cache.h"
#include "platform/db/db.h"
#include "platform/http/request.h"
#include "platform/http/response.h"
#include "platform/http/router.h"
#include "platform/result.h"

namespace gk::web {

// Who may call a route, checked before the handler runs (handlers and services check more).
enum class Access {
  kPublic,        // anyone; not cached (forms, status pages)
  kPublicCached,  // anyone; the rendered response is cached until content changes
  kStaff,         // a signed-in back-office user (session cookie); redirects to login otherwise
  kApiPublic,     // JSON API, anonymous
  kApiToken,      // JSON API with `Authorization: Bearer <token>`
};

struct Ctx {
  http::Request& req;
  db::Db& db;
  std::optional<accounts::Principal> user;
  std::string csrf;         // token to put in forms (session's, or the anonymous cookie's)
  bool large_text = false;  // 适老化 large-text mode
  std::vector<std::string> set_cookies;

  // The principal; only call on kStaff / kApiToken routes, where it is guaranteed.
  const accounts::Principal& me() const { return *user; }
  audit::Actor actor() const;
};

using Handler = std::function<http::Response(Ctx&)>;

struct Route {
  Access access;
  Handler handler;
};

// Collects the routes of every module. Built once at start, then read-only.
class Routes {
 public:
  void get(std::string_view pattern, Access access, Handler h) { router_.add("GET", pattern, {access, std::move(h)}); }
  void post(std::string_view pattern, Access access, Handler h) {
    router_.add("POST", pattern, {access, std::move(h)});
  }
  void put(std::string_view pattern, Access access, Handler h) { router_.add("PUT", pattern, {access, std::move(h)}); }
  const http::Router<Route>& router() const { return router_; }

 private:
  http::Router<Route> router_;
};

// Renders `template_name` with `data` inside the portal layout (or the back-office layout when the
// template name starts with "admin_"). `title` is the page title (the site name is appended).
http::Response page(Ctx& c, std::string_view template_name, nlohmann::json data, std::string_view title,
                    int status = 200);
// A Chinese error page with the status of the error.
http::Response error_page(Ctx& c, const Error& e);
http::Response not_found_page(Ctx& c);
// A JSON error body {"error": {"code", "message", "fields"}} with the error's status.
http::Response json_error(const Error& e);
http::Response json_ok(const nlohmann::json& body, int status = 200);

// Field errors of a failed submission as {"errors": {field: message}, "error_message": text}, for
// templates that show the message beside each field.
nlohmann::json form_errors(const Error& e);

// Parses a positive integer id from a path parameter or field; nullopt when it is not one.
std::optional<int64_t> parse_id(std::string_view s);
// Page number from ?page= (1 when absent or invalid; capped).
int page_number(const http::Request& r);
// Pagination links for a listing: {"pages": [...], "prev", "next"} keeping the other query params.
nlohmann::json pagination(const http::Request& r, int page, int pages);

// Registers the routes of every module and returns the complete set.
Routes build_routes();

// Serves one request: sessions, CSRF, access, caching, security headers, error pages.
class App {
 public:
  // With `behind_proxy`, the client address is taken from the last X-Forwarded-For entry (the one
  // the local reverse proxy appended), so sign-in throttling per IP sees real clients, not the proxy.
  App(std::shared_ptr<db::Database> database, Routes routes, bool behind_proxy = false);
  http::Response handle(http::Request& req);
  cache::PageCache& cache() { return cache_; }
  // Re-reads the content generation from the database (called by a timer for other processes' writes).
  void refresh_generation();

 private:
  std::shared_ptr<db::Database> database_;
  Routes routes_;
  bool behind_proxy_;
  cache::PageCache cache_;
};

}  // namespace gk::web
