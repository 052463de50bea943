// Internals of the back-office directory pages (agencies, users, columns, audit trail): the route
// groups register_directory_admin() combines, and the form and access helpers they share.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/model.h"
#include "agencies/service.h"
#include "platform/result.h"
#include "web/context.h"

namespace gk::web::directory {

void register_agency_pages(Routes& r);  // /admin/agencies...  (web/agency_admin.cpp)
void register_user_pages(Routes& r);    // /admin/users...     (web/user_admin.cpp)
void register_column_pages(Routes& r);  // /admin/columns...   (web/column_admin.cpp)
void register_audit_pages(Routes& r);   // /admin/audit...     (web/audit_admin.cpp)

// True for agency admins and platform admins, the only roles these pages (but the audit) serve.
bool is_admin(const accounts::Principal& p);
// The forbidden page shown to staff without an administrator role.
http::Response admin_only(Ctx& c);

// The agencies the principal may administer, in tree order: the whole tree for a platform admin,
// the own agency and its subtree for an agency admin (depths relative to the own agency), nothing
// for anyone else.
std::vector<agencies::TreeEntry> administrable_tree(db::Db& db, const accounts::Principal& p);
// `entries` as <option>s {value, label, selected}, labels indented by depth.
nlohmann::json agency_options(const std::vector<agencies::TreeEntry>& entries, std::optional<int64_t> selected);
// Indentation shown before a name at `depth` in a tree (full-width spaces and a branch mark).
std::string tree_indent(int depth);

// Parses an integer form field; `fallback` for an empty one, nullopt when it is not an integer in
// [-1000000, 1000000].
std::optional<int> parse_int(std::string_view s, int fallback);

// An Error carrying the messages of `first` and then those of `second` for fields `first` lacks.
Error merge_errors(const FieldErrors& first, const Error* second);

// One form control for the admin_field partial: label tied to the control, optional hint, the
// error message beside it (aria-describedby, aria-invalid). Build it, then call json().
class FormField {
 public:
  // `id_prefix` keeps ids unique when a page has several forms ("f-" by default).
  FormField(std::string_view name, std::string_view label, std::string value, const nlohmann::json& errors,
            std::string_view id_prefix = "f-");
  FormField& required();
  FormField& hint(std::string text);
  FormField& type(std::string_view input_type);
  FormField& autocomplete(std::string_view token);
  FormField& textarea(int rows);
  FormField& select(nlohmann::json options);
  FormField& inputmode(std::string_view mode);
  FormField& maxlength(int n);
  nlohmann::json json() const;

 private:
  nlohmann::json j_;
};

}  // namespace gk::web::directory
