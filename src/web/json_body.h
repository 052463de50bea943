// JSON request bodies of the API: the content-type and size checks every JSON endpoint shares.
#pragma once

#include <nlohmann/json.hpp>

#include "platform/http/request.h"
#include "platform/http/response.h"
#include "platform/result.h"

namespace gk::web {

// Largest JSON request body accepted.
inline constexpr size_t kMaxJsonBody = 4u << 20;

// The request body as a JSON object, or the error to answer with: unsupported_media_type (415) when
// it is not application/json, too_large (413), invalid_json (400) when it is not a JSON object.
Result<nlohmann::json> json_body(const http::Request& req);
// The JSON error response for a json_body error (415 for a wrong media type).
http::Response body_error(const Error& e);

}  // namespace gk::web
