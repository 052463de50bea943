// See json_body.h.
#include "web/json_body.h"

#include <algorithm>

#include "web/context.h"

namespace gk::web {

using json = nlohmann::json;

// The request body as a JSON object, or the error to answer with (415, 413, 400).
Result<json> json_body(const http::Request& req) {
  std::string type = req.header("content-type");
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char ch) { return std::tolower(ch); });
  std::string media = type.substr(0, type.find(';'));
  media.erase(0, media.find_first_not_of(" \t"));
  media.erase(media.find_last_not_of(" \t") + 1);
  if (media != "application/json") {
    return Error::invalid("unsupported_media_type", "请求体须为 JSON（Content-Type: application/json）");
  }
  if (req.body.size() > kMaxJsonBody) return Error::too_large("请求体过大（不超过 4 MB）");
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded()) return Error::invalid("invalid_json", "请求体不是有效的 JSON");
  if (!j.is_object()) return Error::invalid("invalid_json", "请求体须为 JSON 对象（{...}）");
  return j;
}

http::Response body_error(const Error& e) {
  http::Response r = json_error(e);
  if (e.code == "unsupported_media_type") r.status = 415;
  return r;
}

}  // namespace gk::web
