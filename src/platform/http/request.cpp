// Request accessors and form/URL parsing.
#include "platform/http/request.h"

#include <algorithm>
#include <cctype>

namespace gk::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Value of `key` in a header parameter list such as `form-data; name="a"; filename="b.pdf"`.
std::string header_param(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    std::string_view part = trim(header.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos));
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && lower(trim(part.substr(0, eq))) == key) {
      std::string_view v = trim(part.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return {};
}

}  // namespace

std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t amp = s.find('&', pos);
    std::string_view part = s.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      if (eq == std::string_view::npos) {
        out.emplace_back(url_decode(part, true), "");
      } else {
        out.emplace_back(url_decode(part.substr(0, eq), true), url_decode(part.substr(eq + 1), true));
      }
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return out;
}

bool parse_multipart(std::string_view body, std::string_view boundary,
                     std::vector<std::pair<std::string, std::string>>& fields, std::vector<UploadedFile>& files) {
  if (boundary.empty() || boundary.size() > 200) return false;
  const std::string delim = "--" + std::string(boundary);
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return false;
  pos += delim.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return true;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return false;
    pos += 2;
    size_t header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos) return false;
    std::string_view headers = body.substr(pos, header_end - pos);
    size_t content_start = header_end + 4;
    size_t next = body.find("\r\n" + delim, content_start);
    if (next == std::string_view::npos) return false;
    std::string_view content = body.substr(content_start, next - content_start);

    std::string disposition, content_type;
    size_t hpos = 0;
    while (hpos <= headers.size()) {
      size_t eol = headers.find("\r\n", hpos);
      std::string_view line = headers.substr(hpos, eol == std::string_view::npos ? std::string_view::npos : eol - hpos);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = lower(trim(line.substr(0, colon)));
        if (name == "content-disposition") disposition = std::string(trim(line.substr(colon + 1)));
        if (name == "content-type") content_type = std::string(trim(line.substr(colon + 1)));
      }
      if (eol == std::string_view::npos) break;
      hpos = eol + 2;
    }
    std::string name = header_param(disposition, "name");
    if (name.empty()) return false;
    if (disposition.find("filename=") != std::string::npos) {
      std::string filename = header_param(disposition, "filename");
      if (!filename.empty() || !content.empty()) {
        files.push_back({name, filename, content_type, std::string(content)});
      }
    } else {
      fields.emplace_back(name, std::string(content));
    }
    pos = next + 2 + delim.size();
  }
}

std::string Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::string Request::cookie(std::string_view name) const {
  std::string all = header("cookie");
  std::string_view s = all;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t semi = s.find(';', pos);
    std::string_view part = trim(s.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos));
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return {};
}

const std::vector<std::pair<std::string, std::string>>& Request::query_params() const {
  if (!query_parsed_) {
    query_ = parse_urlencoded(query_string);
    query_parsed_ = true;
  }
  return query_;
}

std::string Request::query(std::string_view name) const {
  for (const auto& [k, v] : query_params()) {
    if (k == name) return v;
  }
  return {};
}

void Request::parse_form() const {
  if (form_parsed_) return;
  form_parsed_ = true;
  std::string ct = header("content-type");
  std::string lct = lower(ct);
  if (lct.starts_with("application/x-www-form-urlencoded")) {
    form_ = parse_urlencoded(body);
  } else if (lct.starts_with("multipart/form-data")) {
    form_malformed_ = !parse_multipart(body, header_param(ct, "boundary"), form_, files_);
  }
}

std::string Request::form(std::string_view name) const {
  parse_form();
  for (const auto& [k, v] : form_) {
    if (k == name) return v;
  }
  return {};
}

std::vector<std::string> Request::form_all(std::string_view name) const {
  parse_form();
  std::vector<std::string> out;
  for (const auto& [k, v] : form_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

bool Request::has_form(std::string_view name) const {
  parse_form();
  return std::any_of(form_.begin(), form_.end(), [&](const auto& kv) { return kv.first == name; });
}

const std::vector<std::pair<std::string, std::string>>& Request::form_fields() const {
  parse_form();
  return form_;
}

const std::vector<UploadedFile>& Request::files() const {
  parse_form();
  return files_;
}

bool Request::form_malformed() const {
  parse_form();
  return form_malformed_;
}

std::string Request::param(std::string_view name) const {
  auto it = params.find(std::string(name));
  return it == params.end() ? std::string() : it->second;
}

}  // namespace gk::http
