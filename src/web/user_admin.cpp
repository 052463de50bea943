// Back-office pages for user accounts: list, create, edit (name, agency, roles, the optional e-mail
// address deadline reminders go to), password reset, disabling and enabling, and API tokens shown once.
#include <algorithm>

#include "agencies/access.h"
#include "accounts/password.h"
#include "accounts/service.h"
#include "agencies/service.h"
#include "applications/applicant_checks.h"
#include "notify/staff_email.h"
#include "platform/text/strings.h"
#include "web/directory_admin.h"

namespace gk::web::directory {
namespace {

using accounts::Principal;
using accounts::Role;
using accounts::User;

constexpr const char* kNotYours = "您只能管理本机关及下级机关的用户。";

// The user at {id} if the principal may manage it, or the error to show.
Result<User> manageable(Ctx& c) {
  auto id = parse_id(c.req.param("id"));
  if (!id) return Error::not_found("未找到该用户");
  auto u = accounts::get_user(c.db, *id);
  if (!u) return u.error();
  if (!accounts::may_manage(c.db, c.me(), *u)) return Error::forbidden(kNotYours);
  return u;
}

nlohmann::json role_boxes(const Principal& p, const std::vector<std::string>& checked) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : accounts::kRoles) {
    if (r.role == Role::kPlatformAdmin && !p.is_platform_admin()) continue;
    const bool on = std::find(checked.begin(), checked.end(), r.code) != checked.end();
    out.push_back({{"code", std::string(r.code)}, {"label", std::string(r.label)}, {"checked", on}});
  }
  return out;
}

std::vector<std::string> role_codes(const User& u) {
  std::vector<std::string> out;
  for (Role r : u.roles) out.emplace_back(accounts::role_code(r));
  return out;
}

// What the user form shows: the stored user or the submission.
struct UserForm {
  std::string username;
  std::string display_name;
  std::string agency_id;
  std::vector<std::string> roles;
  std::string email;
};

UserForm form_of(const User& u) {
  return {u.username, u.display_name, std::to_string(u.agency_id), role_codes(u), u.email};
}
UserForm form_of(const http::Request& req) {
  return {req.form("username"), req.form("display_name"), req.form("agency_id"), req.form_all("roles"), req.form("email")};
}

// Checks what the account service does not know about the principal: the agency must be one it
// administers, and only platform admins grant the platform admin role.
void check_scope(Ctx& c, const accounts::UserInput& in, FieldErrors& errs) {
  const Principal& p = c.me();
  if (in.agency_id != 0 && agencies::get(c.db, in.agency_id) && !agencies::can_administer(c.db, p, in.agency_id)) {
    errs.add("agency_id", kNotYours);
  }
  if (!p.is_platform_admin() &&
      std::find(in.roles.begin(), in.roles.end(), accounts::role_code(Role::kPlatformAdmin)) != in.roles.end()) {
    errs.add("roles", "只有平台管理员可以授予平台管理员角色");
  }
}

// The optional address: the applicants' e-mail rule (applications/applicant_checks.h).
void check_email(const std::string& email, FieldErrors& errs) {
  if (text::trim(email).empty()) return;
  if (auto st = applications::check_email(email); !st) errs.add("email", st.error().message);
}

nlohmann::json user_fields(Ctx& c, const UserForm& f, const nlohmann::json& errs, bool creating) {
  nlohmann::json fields = nlohmann::json::array();
  if (creating) {
    fields.push_back(FormField("username", "用户名", f.username, errs)
                         .required()
                         .maxlength(32)
                         .autocomplete("off")
                         .hint("登录用，3至32位小写字母、数字或 _ . -，以字母开头；创建后不能修改。")
                         .json());
  }
  fields.push_back(FormField("display_name", "姓名", f.display_name, errs).required().maxlength(100).json());
  nlohmann::json options = nlohmann::json::array();
  if (f.agency_id.empty()) options.push_back({{"value", ""}, {"label", "请选择"}, {"selected", true}});
  for (auto& o : agency_options(administrable_tree(c.db, c.me()), parse_id(f.agency_id))) options.push_back(o);
  fields.push_back(FormField("agency_id", "所属机关", f.agency_id, errs).required().select(options).json());
  fields.push_back(FormField("email", "电子邮箱", f.email, errs)
                       .type("email")
                       .maxlength(254)
                       .autocomplete("off")
                       .hint("选填。填写后，本人承办的依申请公开案件临近或超过答复期限时，系统会发送提醒邮件。")
                       .json());
  return fields;
}

nlohmann::json password_fields(const nlohmann::json& errs, std::string_view prefix, std::string_view label) {
  return {FormField("password", label, "", errs, prefix)
              .type("password")
              .required()
              .autocomplete("new-password")
              .maxlength(128)
              .hint("10至128个字符，至少包含小写字母、大写字母、数字、符号中的三类，且不能包含用户名。")
              .json(),
          FormField("password_confirm", "确认密码", "", errs, prefix)
              .type("password")
              .required()
              .autocomplete("new-password")
              .maxlength(128)
              .json()};
}

// The create form (editing == nullopt) or the edit page with its password, status and token forms.
// `error` belongs to the profile form, `pw_error` to the password form.
http::Response render_user(Ctx& c, const std::optional<User>& editing, const UserForm& f, const Error* error,
                           const Error* pw_error, int status) {
  nlohmann::json data = error ? form_errors(*error) : nlohmann::json{{"errors", nlohmann::json::object()}};
  const nlohmann::json errs = data["errors"];
  const bool creating = !editing;
  data["fields"] = user_fields(c, f, errs, creating);
  data["roles"] = role_boxes(c.me(), f.roles);
  data["roles_error"] = errs.value("roles", "");
  if (creating) {
    data["password_fields"] = password_fields(errs, "f-", "初始密码");
    data["heading"] = "新增用户";
    data["action"] = "/admin/users";
  } else {
    const auto& u = *editing;
    const std::string base = "/admin/users/" + std::to_string(u.id);
    data["heading"] = "编辑用户：" + u.display_name;
    data["action"] = base;
    data["editing"] = {{"id", u.id},
                       {"username", u.username},
                       {"disabled", u.disabled},
                       {"self", u.id == c.me().user.id},
                       {"password_action", base + "/password"},
                       {"status_action", base + (u.disabled ? "/enable" : "/disable")},
                       {"token_action", base + "/token"},
                       {"trail_href", "/admin/audit/user/" + std::to_string(u.id)}};
    nlohmann::json pw_errs = nlohmann::json::object();
    if (pw_error) {
      pw_errs = form_errors(*pw_error)["errors"];
      data["error_message"] = pw_error->message;
    }
    data["password_fields"] = password_fields(pw_errs, "pw-", "新密码");
    data["token_fields"] = {FormField("label", "令牌用途", "", nlohmann::json::object(), "tk-")
                                .maxlength(100)
                                .hint("如：与办公系统对接。令牌可代表该用户调用接口，创建后只显示一次。")
                                .json()};
    const std::string saved = c.req.query("saved");
    if (saved == "1") data["notice"] = "已保存。";
    if (saved == "password") data["notice"] = "密码已重置，该用户需用新密码重新登录。";
    if (saved == "disabled") data["notice"] = "账号已停用，该用户的登录和访问令牌已失效。";
    if (saved == "enabled") data["notice"] = "账号已启用。";
  }
  const std::string title = creating ? "新增用户" : "编辑用户";
  return page(c, "admin_user_form", data, (error || pw_error ? "错误：" : "") + title, status);
}

http::Response list(Ctx& c) {
  const Principal& p = c.me();
  if (!is_admin(p)) return admin_only(c);
  const auto users = p.is_platform_admin() ? accounts::list_users(c.db)
                                           : accounts::list_users(c.db, agencies::subtree_ids(c.db, p.user.agency_id));
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& u : users) {
    nlohmann::json j = accounts::to_json(u);
    j["manageable"] = accounts::may_manage(c.db, p, u);
    j["edit_href"] = "/admin/users/" + std::to_string(u.id) + "/edit";
    rows.push_back(std::move(j));
  }
  nlohmann::json data = {{"users", rows}, {"saved", c.req.query("saved") == "1"}, {"empty", rows.empty()}};
  return page(c, "admin_users", data, "用户管理");
}

http::Response new_form(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  UserForm f{"", "", std::to_string(c.me().user.agency_id), {std::string(accounts::role_code(Role::kDrafter))}, ""};
  return render_user(c, std::nullopt, f, nullptr, nullptr, 200);
}

http::Response create(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  const UserForm f = form_of(c.req);
  accounts::UserInput in{f.username, f.display_name, parse_id(f.agency_id).value_or(0), f.roles,
                         c.req.form("password")};
  FieldErrors errs;
  check_scope(c, in, errs);
  check_email(f.email, errs);
  if (in.password != c.req.form("password_confirm")) {
    errs.add("password_confirm", "两次输入的密码不一致");
    if (auto st = accounts::check_password_policy(in.password, in.username); !st)
      errs.add("password", st.error().message);
  }
  if (!errs.empty()) {
    Error e = errs.to_error();
    return render_user(c, std::nullopt, f, &e, nullptr, 400);
  }
  // The account and its address in one transaction: a refused address leaves no account behind.
  auto made = c.db.write([&]() -> Result<User> {
    auto u = accounts::create_user(c.db, &c.me(), c.actor(), in);
    if (!u) return u;
    if (auto st = notify::set_staff_email(c.db, &c.me(), c.actor(), u->id, f.email); !st) return st.error();
    return u;
  });
  if (!made) {
    if (made.error().kind != Error::Kind::kInvalid) return error_page(c, made.error());
    return render_user(c, std::nullopt, f, &made.error(), nullptr, 400);
  }
  return http::Response::redirect("/admin/users?saved=1");
}

http::Response edit_form(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  auto u = manageable(c);
  if (!u) return error_page(c, u.error());
  return render_user(c, *u, form_of(*u), nullptr, nullptr, 200);
}

http::Response update(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  auto u = manageable(c);
  if (!u) return error_page(c, u.error());
  UserForm f = form_of(c.req);
  f.username = u->username;
  accounts::UserInput in{u->username, f.display_name, parse_id(f.agency_id).value_or(0), f.roles, ""};
  FieldErrors errs;
  check_scope(c, in, errs);
  check_email(f.email, errs);
  // Taking away one's own administrator role could leave nobody able to undo it.
  if (u->id == c.me().user.id) {
    for (Role admin : {Role::kAgencyAdmin, Role::kPlatformAdmin}) {
      const auto code = std::string(accounts::role_code(admin));
      if (u->roles.count(admin) && std::find(in.roles.begin(), in.roles.end(), code) == in.roles.end()) {
        errs.add("roles", "不能取消自己的" + std::string(accounts::role_label(admin)) + "角色，请由其他管理员操作");
      }
    }
  }
  if (!errs.empty()) {
    Error e = errs.to_error();
    return render_user(c, *u, f, &e, nullptr, 400);
  }
  auto saved = c.db.write([&]() -> Result<User> {
    auto after = accounts::update_user(c.db, &c.me(), c.actor(), u->id, in);
    if (!after) return after;
    if (auto st = notify::set_staff_email(c.db, &c.me(), c.actor(), u->id, f.email); !st) return st.error();
    return after;
  });
  if (!saved) {
    if (saved.error().kind != Error::Kind::kInvalid) return error_page(c, saved.error());
    return render_user(c, *u, f, &saved.error(), nullptr, 400);
  }
  return http::Response::redirect("/admin/users/" + std::to_string(u->id) + "/edit?saved=1");
}

http::Response set_password(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  auto u = manageable(c);
  if (!u) return error_page(c, u.error());
  const std::string pw = c.req.form("password");
  FieldErrors errs;
  if (pw != c.req.form("password_confirm")) errs.add("password_confirm", "两次输入的密码不一致");
  if (auto st = accounts::check_password_policy(pw, u->username); !st) errs.add("password", st.error().message);
  if (errs.empty()) {
    auto st = accounts::set_password(c.db, &c.me(), c.actor(), u->id, pw);
    if (st) return http::Response::redirect("/admin/users/" + std::to_string(u->id) + "/edit?saved=password");
    if (st.error().kind != Error::Kind::kInvalid) return error_page(c, st.error());
    errs.add("password", st.error().message);
  }
  Error e = errs.to_error();
  return render_user(c, *u, form_of(*u), nullptr, &e, 400);
}

http::Response set_disabled(Ctx& c, bool disabled) {
  if (!is_admin(c.me())) return admin_only(c);
  auto u = manageable(c);
  if (!u) return error_page(c, u.error());
  if (disabled && u->id == c.me().user.id) {
    return error_page(c, Error::invalid("self_disable", "不能停用自己正在使用的账号。"));
  }
  auto st = accounts::set_disabled(c.db, &c.me(), c.actor(), u->id, disabled);
  if (!st) return error_page(c, st.error());
  return http::Response::redirect("/admin/users/" + std::to_string(u->id) +
                                  "/edit?saved=" + (disabled ? "disabled" : "enabled"));
}

http::Response create_token(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  auto u = manageable(c);
  if (!u) return error_page(c, u.error());
  std::string label = c.req.form("label");
  label.erase(0, label.find_first_not_of(" \t\r\n"));
  label.erase(label.find_last_not_of(" \t\r\n") + 1);
  if (label.empty()) label = "后台创建";
  if (label.size() > 300) return error_page(c, Error::invalid("label_too_long", "令牌用途过长，请简要填写。"));
  auto token = accounts::create_token(c.db, &c.me(), c.actor(), u->id, label);
  if (!token) return error_page(c, token.error());
  nlohmann::json data = {{"token", *token},
                         {"username", u->username},
                         {"display_name", u->display_name},
                         {"label", label},
                         {"back_href", "/admin/users/" + std::to_string(u->id) + "/edit"}};
  return page(c, "admin_user_token", data, "访问令牌");
}

}  // namespace

void register_user_pages(Routes& r) {
  r.get("/admin/users", Access::kStaff, list);
  r.get("/admin/users/new", Access::kStaff, new_form);
  r.post("/admin/users", Access::kStaff, create);
  r.get("/admin/users/{id}/edit", Access::kStaff, edit_form);
  r.post("/admin/users/{id}", Access::kStaff, update);
  r.post("/admin/users/{id}/password", Access::kStaff, set_password);
  r.post("/admin/users/{id}/disable", Access::kStaff, [](Ctx& c) { return set_disabled(c, true); });
  r.post("/admin/users/{id}/enable", Access::kStaff, [](Ctx& c) { return set_disabled(c, false); });
  r.post("/admin/users/{id}/token", Access::kStaff, create_token);
}

}  // namespace gk::web::directory
