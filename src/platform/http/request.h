// An HTTP request as handlers see it: method, path, query, headers, cookies, and the parsed form
// (application/x-www-form-urlencoded or multipart/form-data with uploaded files).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk::http {

struct UploadedFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string data;
};

class Request {
 public:
  std::string method;         // "GET", "POST", ...
  std::string target;         // as sent: path plus query
  std::string path;           // percent-decoded path without the query
  std::string query_string;   // raw query, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string remote_ip;
  std::map<std::string, std::string> params;  // path parameters from the router ({id})

  // First header value by lower-case name, or "" when absent.
  std::string header(std::string_view name) const;
  // Cookie value by name, or "" when absent.
  std::string cookie(std::string_view name) const;
  // First query parameter value, or "".
  std::string query(std::string_view name) const;
  // All query parameters in order.
  const std::vector<std::pair<std::string, std::string>>& query_params() const;
  // First form field value (urlencoded or multipart), or "".
  std::string form(std::string_view name) const;
  // Every value of a repeated form field.
  std::vector<std::string> form_all(std::string_view name) const;
  bool has_form(std::string_view name) const;
  // Every form field (urlencoded or multipart, not files), in order.
  const std::vector<std::pair<std::string, std::string>>& form_fields() const;
  // Uploaded files (multipart only), in order.
  const std::vector<UploadedFile>& files() const;
  // True when the body could not be parsed as the form its Content-Type announces.
  bool form_malformed() const;
  // Path parameter by name ("" when absent).
  std::string param(std::string_view name) const;

 private:
  void parse_form() const;
  mutable bool query_parsed_ = false;
  mutable std::vector<std::pair<std::string, std::string>> query_;
  mutable bool form_parsed_ = false;
  mutable bool form_malformed_ = false;
  mutable std::vector<std::pair<std::string, std::string>> form_;
  mutable std::vector<UploadedFile> files_;
};

// Decodes %XX escapes (and '+' as space when `plus_is_space`). Invalid escapes are kept literally.
std::string url_decode(std::string_view s, bool plus_is_space);
// Encodes everything but unreserved characters (RFC 3986) as %XX.
std::string url_encode(std::string_view s);
// Parses "a=1&b=2" into decoded pairs.
std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view s);
// Parses a multipart/form-data body with the given boundary. Returns false when malformed.
bool parse_multipart(std::string_view body, std::string_view boundary,
                     std::vector<std::pair<std::string, std::string>>& fields, std::vector<UploadedFile>& files);

}  // namespace gk::http
