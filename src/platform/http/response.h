// An HTTP response built by a handler.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gk::http {

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response html(std::string body, int status = 200) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static Response text(std::string body, std::string content_type, int status = 200) {
    Response r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
  }
  static Response json(std::string body, int status = 200) {
    return text(std::move(body), "application/json; charset=utf-8", status);
  }
  // 303 See Other: the browser follows with GET (post/redirect/get).
  static Response redirect(std::string location, int status = 303) {
    Response r;
    r.status = status;
    r.headers.emplace_back("Location", std::move(location));
    return r;
  }
  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace gk::http
