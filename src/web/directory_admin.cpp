// The back-office directory pages: registration of the agency, user, column and audit routes, and
// the helpers those pages share (admin scope, agency pickers, form fields).
#include "web/directory_admin.h"

#include <charconv>

#include "web/modules.h"

namespace gk::web {

void register_directory_admin(Routes& r) {
  directory::register_agency_pages(r);
  directory::register_user_pages(r);
  directory::register_column_pages(r);
  directory::register_audit_pages(r);
}

namespace directory {

bool is_admin(const accounts::Principal& p) { return p.is_platform_admin() || p.has(accounts::Role::kAgencyAdmin); }

http::Response admin_only(Ctx& c) {
  return error_page(c, Error::forbidden("只有机关管理员和平台管理员可以使用此功能。"));
}

std::vector<agencies::TreeEntry> administrable_tree(db::Db& db, const accounts::Principal& p) {
  auto all = agencies::tree(db);
  if (p.is_platform_admin()) return all;
  std::vector<agencies::TreeEntry> out;
  if (!p.has(accounts::Role::kAgencyAdmin)) return out;
  // tree() is depth-first, so the own agency's subtree is the run of deeper entries after it.
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].agency.id != p.user.agency_id) continue;
    const int root_depth = all[i].depth;
    out.push_back({all[i].agency, 0});
    for (size_t k = i + 1; k < all.size() && all[k].depth > root_depth; ++k) {
      out.push_back({all[k].agency, all[k].depth - root_depth});
    }
    break;
  }
  return out;
}

std::string tree_indent(int depth) {
  std::string s;
  for (int i = 1; i < depth; ++i) s += "\u3000";
  if (depth > 0) s += "\u2514 ";
  return s;
}

nlohmann::json agency_options(const std::vector<agencies::TreeEntry>& entries, std::optional<int64_t> selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) {
    std::string label;
    for (int i = 0; i < e.depth; ++i) label += "\u3000";
    label += e.agency.name;
    out.push_back(
        {{"value", std::to_string(e.agency.id)}, {"label", label}, {"selected", selected && *selected == e.agency.id}});
  }
  return out;
}

std::optional<int> parse_int(std::string_view s, int fallback) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return fallback;
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < -1000000 || v > 1000000) return std::nullopt;
  return v;
}

Error merge_errors(const FieldErrors& first, const Error* second) {
  FieldErrors all = first;
  if (second) {
    for (const auto& [field, message] : second->fields) all.add(field, message);
    if (second->fields.empty() && all.empty()) return *second;
  }
  return all.to_error();
}

FormField::FormField(std::string_view name, std::string_view label, std::string value, const nlohmann::json& errors,
                     std::string_view id_prefix) {
  const std::string key(name);
  std::string error;
  if (errors.is_object() && errors.contains(key) && errors.at(key).is_string())
    error = errors.at(key).get<std::string>();
  // Every key the partial reads is set, so a missing one never falls through to the page's context.
  j_ = {{"id", std::string(id_prefix) + key},
        {"name", key},
        {"label", std::string(label)},
        {"value", std::move(value)},
        {"error", error},
        {"hint", ""},
        {"type", "text"},
        {"input", true},
        {"textarea", false},
        {"rows", "4"},
        {"select", false},
        {"options", nlohmann::json::array()},
        {"required", false},
        {"autocomplete", ""},
        {"inputmode", ""},
        {"maxlength", ""},
        {"describedby", ""}};
}

FormField& FormField::required() {
  j_["required"] = true;
  return *this;
}
FormField& FormField::hint(std::string text) {
  j_["hint"] = std::move(text);
  return *this;
}
FormField& FormField::type(std::string_view input_type) {
  j_["type"] = std::string(input_type);
  return *this;
}
FormField& FormField::autocomplete(std::string_view token) {
  j_["autocomplete"] = std::string(token);
  return *this;
}
FormField& FormField::inputmode(std::string_view mode) {
  j_["inputmode"] = std::string(mode);
  return *this;
}
FormField& FormField::maxlength(int n) {
  j_["maxlength"] = std::to_string(n);
  return *this;
}
FormField& FormField::textarea(int rows) {
  j_["input"] = false;
  j_["textarea"] = true;
  j_["rows"] = std::to_string(rows);
  return *this;
}
FormField& FormField::select(nlohmann::json options) {
  j_["input"] = false;
  j_["select"] = true;
  j_["options"] = std::move(options);
  return *this;
}

nlohmann::json FormField::json() const {
  nlohmann::json out = j_;
  const std::string id = out["id"];
  std::string describedby;
  if (!out["hint"].get<std::string>().empty()) describedby = id + "-hint";
  if (!out["error"].get<std::string>().empty()) describedby += (describedby.empty() ? "" : " ") + id + "-error";
  out["describedby"] = describedby;
  return out;
}

}  // namespace directory
}  // namespace gk::web
