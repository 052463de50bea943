// Router maps (method, path pattern) to a handler. Patterns are literal segments and `{name}`
// placeholders matching one non-empty segment, e.g. "/items/{id}". Read-only after setup, so it is
// safe to use from many threads once built.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk::http {

template <class Handler>
class Router {
 public:
  struct Match {
    const Handler* handler = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path under another method (405 vs 404)
  };

  void add(std::string method, std::string_view pattern, Handler h) {
    routes_.push_back({std::move(method), split(pattern), std::move(h)});
  }

  Match match(std::string_view method, std::string_view path) const {
    Match m;
    auto segs = split(path);
    for (const auto& r : routes_) {
      std::map<std::string, std::string> params;
      if (!match_segments(r.segments, segs, params)) continue;
      if (r.method != method && !(method == "HEAD" && r.method == "GET")) {
        m.path_known = true;
        continue;
      }
      m.handler = &r.handler;
      m.params = std::move(params);
      return m;
    }
    return m;
  }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };

  static std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < path.size()) {
      size_t slash = path.find('/', pos);
      if (slash == std::string_view::npos) slash = path.size();
      if (slash > pos) out.emplace_back(path.substr(pos, slash - pos));
      pos = slash + 1;
    }
    return out;
  }

  static bool match_segments(const std::vector<std::string>& pattern, const std::vector<std::string>& segs,
                             std::map<std::string, std::string>& params) {
    if (pattern.size() != segs.size()) return false;
    for (size_t i = 0; i < pattern.size(); ++i) {
      const std::string& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = segs[i];
      } else if (p != segs[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace gk::http
