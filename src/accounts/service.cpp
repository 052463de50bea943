// Users, sessions, tokens and access checks.
#include "accounts/service.h"

#include <algorithm>
#include <regex>

#include "accounts/password.h"
#include "agencies/access.h"
#include "agencies/service.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::accounts {

std::optional<Role> role_from_code(std::string_view code) {
  for (const auto& r : kRoles) {
    if (r.code == code) return r.role;
  }
  return std::nullopt;
}
std::string_view role_code(Role r) { return kRoles[static_cast<size_t>(r)].code; }
std::string_view role_label(Role r) { return kRoles[static_cast<size_t>(r)].label; }

namespace {

constexpr const char* kSelect =
    "SELECT u.id, u.username, u.display_name, u.agency_id, a.name, u.disabled, u.email FROM users u "
    "JOIN agencies a ON a.id = u.agency_id ";

User load_roles(db::Db& db, User u) {
  for (const auto& r : db.query("SELECT role FROM user_roles WHERE user_id = ?", {u.id})) {
    if (auto role = role_from_code(r.s(0))) u.roles.insert(*role);
  }
  return u;
}

User from_row(db::Db& db, const db::Row& r) {
  User u;
  u.id = r.i(0);
  u.username = r.s(1);
  u.display_name = r.s(2);
  u.agency_id = r.i(3);
  u.agency_name = r.s(4);
  u.disabled = r.i(5) != 0;
  u.email = r.s(6);
  return load_roles(db, std::move(u));
}

using text::trim;

Result<UserInput> validate(db::Db& db, const UserInput& raw, bool creating) {
  UserInput in = raw;
  in.username = trim(in.username);
  in.display_name = trim(in.display_name);
  FieldErrors errs;
  static const std::regex name_re("^[a-z][a-z0-9_.-]{2,31}$");
  if (!std::regex_match(in.username, name_re)) {
    errs.add("username", "用户名须为3至32位小写字母、数字或 _ . -，并以字母开头");
  }
  if (in.display_name.empty()) errs.add("display_name", "请填写姓名");
  if (in.display_name.size() > 100) errs.add("display_name", "姓名过长");
  if (!agencies::get(db, in.agency_id)) errs.add("agency_id", "请选择所属机关");
  if (in.roles.empty()) errs.add("roles", "请至少选择一个角色");
  for (const auto& r : in.roles) {
    if (!role_from_code(r)) errs.add("roles", "未知角色：" + r);
  }
  std::sort(in.roles.begin(), in.roles.end());
  in.roles.erase(std::unique(in.roles.begin(), in.roles.end()), in.roles.end());
  if (creating) {
    if (auto st = check_password_policy(in.password, in.username); !st) errs.add("password", st.error().message);
  }
  if (!errs.empty()) return errs.to_error();
  return in;
}

void write_roles(db::Db& db, int64_t user_id, const std::vector<std::string>& roles) {
  db.exec("DELETE FROM user_roles WHERE user_id = ?", {user_id});
  for (const auto& r : roles) db.exec("INSERT INTO user_roles(user_id, role) VALUES (?, ?)", {user_id, r});
}

const std::string& dummy_hash() {
  static const std::string h = hash_password("gongkai-dummy-password-for-timing");
  return h;
}

bool grants_platform_admin(const std::vector<std::string>& roles) {
  return std::find(roles.begin(), roles.end(), role_code(Role::kPlatformAdmin)) != roles.end();
}

// The rights check shared by the writes: nullopt when allowed, else the error.
std::optional<Error> check_manage(db::Db& db, const Principal* by, const User* target, const UserInput* in) {
  if (!by) return std::nullopt;
  if (target && !may_manage(db, *by, *target)) return Error::forbidden("您没有管理该用户的权限");
  if (in) {
    if (in->agency_id != 0 && !agencies::can_administer(db, *by, in->agency_id)) {
      return Error::field("agency_id", "只能把用户设在本机关或下级机关");
    }
    if (!by->is_platform_admin() && grants_platform_admin(in->roles)) {
      return Error::field("roles", "只有平台管理员可以授予平台管理员角色");
    }
    if (target && target->id == by->user.id) {
      for (Role admin : {Role::kPlatformAdmin, Role::kAgencyAdmin}) {
        const bool had = target->roles.count(admin) > 0;
        const bool keeps = std::find(in->roles.begin(), in->roles.end(), role_code(admin)) != in->roles.end();
        if (had && !keeps) {
          return Error::field("roles", "不能取消自己的" + std::string(role_label(admin)) + "角色，请由其他管理员操作");
        }
      }
    }
  }
  return std::nullopt;
}

std::string failure_cutoff() { return iso_after(std::chrono::minutes(-kFailureWindowMinutes)); }

}  // namespace

Result<User> get_user(db::Db& db, int64_t id) {
  auto row = db.query_one(std::string(kSelect) + "WHERE u.id = ?", {id});
  if (!row) return Error::not_found("未找到该用户");
  return from_row(db, *row);
}

std::optional<User> find_user(db::Db& db, std::string_view username) {
  auto row = db.query_one(std::string(kSelect) + "WHERE u.username = ?", {username});
  if (!row) return std::nullopt;
  return from_row(db, *row);
}

std::vector<User> list_users(db::Db& db, const std::vector<int64_t>& agency_ids) {
  std::vector<User> out;
  for (const auto& r : db.query(std::string(kSelect) + "ORDER BY a.sort_order, a.id, u.username")) {
    if (!agency_ids.empty() && std::find(agency_ids.begin(), agency_ids.end(), r.i(3)) == agency_ids.end()) continue;
    out.push_back(from_row(db, r));
  }
  return out;
}

bool may_manage(db::Db& db, const Principal& by, const User& u) {
  if (!agencies::can_administer(db, by, u.agency_id)) return false;
  return by.is_platform_admin() || u.roles.count(Role::kPlatformAdmin) == 0;
}

Result<User> create_user(db::Db& db, const Principal* by, const audit::Actor& actor, const UserInput& raw) {
  auto in = validate(db, raw, true);
  if (!in) return in.error();
  if (auto e = check_manage(db, by, nullptr, &*in)) return *e;
  const std::string hash = hash_password(in->password);  // outside the write lock: it is slow
  return db.write([&]() -> Result<User> {
    if (find_user(db, in->username)) return Error::field("username", "用户名已被使用");
    auto r = db.exec(
        "INSERT INTO users(username, display_name, agency_id, password_hash, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?)",
        {in->username, in->display_name, in->agency_id, hash, now_iso(), now_iso()});
    write_roles(db, r.last_insert_id, in->roles);
    User u = get_user(db, r.last_insert_id).value();
    audit::record(db, actor, u.agency_id, "user", u.id, "create", nlohmann::json::object(), to_json(u));
    return u;
  });
}

Result<User> update_user(db::Db& db, const Principal* by, const audit::Actor& actor, int64_t id,
                         const UserInput& raw) {
  auto in = validate(db, raw, false);
  if (!in) return in.error();
  return db.write([&]() -> Result<User> {
    auto before = get_user(db, id);
    if (!before) return before.error();
    if (auto e = check_manage(db, by, &*before, &*in)) return *e;
    if (before->username != in->username) return Error::field("username", "用户名创建后不能修改");
    db.exec("UPDATE users SET display_name = ?, agency_id = ?, updated_at = ? WHERE id = ?",
            {in->display_name, in->agency_id, now_iso(), id});
    write_roles(db, id, in->roles);
    User after = get_user(db, id).value();
    audit::record(db, actor, after.agency_id, "user", id, "update", to_json(*before), to_json(after));
    return after;
  });
}

Status set_password(db::Db& db, const Principal* by, const audit::Actor& actor, int64_t id,
                    std::string_view password) {
  auto u = get_user(db, id);
  if (!u) return u.error();
  if (auto e = check_manage(db, by, &*u, nullptr)) return *e;
  if (auto st = check_password_policy(password, u->username); !st) return st;
  const std::string hash = hash_password(password);
  return db.write([&]() -> Status {
    db.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {hash, now_iso(), id});
    db.exec("DELETE FROM sessions WHERE user_id = ?", {id});
    audit::record(db, actor, u->agency_id, "user", id, "password", nlohmann::json::object(), nlohmann::json::object(), "重置密码");
    return ok_status();
  });
}

Status change_own_password(db::Db& db, const Principal& me, const audit::Actor& actor, std::string_view current,
                           std::string_view replacement, std::string_view keep_session) {
  auto row = db.query_one("SELECT password_hash FROM users WHERE id = ?", {me.user.id});
  if (!row || !verify_password(current, row->s(0))) return Error::field("current", "当前密码不正确");
  if (current == replacement) return Error::field("password", "新密码不能与当前密码相同");
  if (auto st = check_password_policy(replacement, me.user.username); !st) return st;
  const std::string hash = hash_password(replacement);
  return db.write([&]() -> Status {
    db.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {hash, now_iso(), me.user.id});
    db.exec("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {me.user.id, sha256_hex(keep_session)});
    audit::record(db, actor, me.user.agency_id, "user", me.user.id, "password", nlohmann::json::object(),
                  nlohmann::json::object(), "本人修改密码");
    return ok_status();
  });
}

Status set_disabled(db::Db& db, const Principal* by, const audit::Actor& actor, int64_t id, bool disabled) {
  return db.write([&]() -> Status {
    auto u = get_user(db, id);
    if (!u) return u.error();
    if (auto e = check_manage(db, by, &*u, nullptr)) return *e;
    if (by && disabled && by->user.id == id) return Error::invalid("self_disable", "不能停用自己正在使用的账号");
    db.exec("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?", {disabled, now_iso(), id});
    if (disabled) {
      db.exec("DELETE FROM sessions WHERE user_id = ?", {id});
      db.exec("UPDATE api_tokens SET revoked = 1 WHERE user_id = ?", {id});
    }
    audit::record(db, actor, u->agency_id, "user", id, disabled ? "disable" : "enable", {{"disabled", u->disabled}},
                  {{"disabled", disabled}});
    return ok_status();
  });
}

Result<LoginResult> login(db::Db& db, std::string_view username_raw, std::string_view password, std::string_view ip) {
  const std::string username = trim(username_raw);
  const std::string cutoff = failure_cutoff();
  if (db.scalar_int("SELECT COUNT(*) FROM login_failures WHERE username = ? AND at > ?", {username, cutoff}) >=
          kMaxFailuresPerAccount ||
      db.scalar_int("SELECT COUNT(*) FROM login_failures WHERE ip = ? AND at > ?", {ip, cutoff}) >= kMaxFailuresPerIp) {
    return Error::too_many("登录失败次数过多，请" + std::to_string(kFailureWindowMinutes) + "分钟后再试。");
  }
  auto row = db.query_one("SELECT id, password_hash, disabled FROM users WHERE username = ?", {username});
  const bool match = verify_password(password, row ? row->s(1) : dummy_hash());
  if (!row || !match || row->i(2) != 0) {
    db.write([&] {
      db.exec("DELETE FROM login_failures WHERE at < ?", {cutoff});  // older ones no longer count
      db.exec("INSERT INTO login_failures(username, ip, at) VALUES (?,?,?)", {username, ip, now_iso()});
      return 0;
    });
    if (row && match) return Error::forbidden("该账号已停用，请联系机关管理员。");
    return Error::unauthenticated("用户名或密码不正确。");
  }
  const int64_t user_id = row->i(0);
  LoginResult out;
  out.session_token = random_token();
  const std::string csrf = random_token();
  db.write([&] {
    db.exec("DELETE FROM login_failures WHERE username = ?", {username});
    db.exec("DELETE FROM sessions WHERE expires_at < ?", {now_iso()});
    db.exec("INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, ip) VALUES (?,?,?,?,?,?)",
            {sha256_hex(out.session_token), user_id, csrf, now_iso(), iso_after(std::chrono::hours(kSessionHours)),
             ip});
    User u = get_user(db, user_id).value();
    audit::record(db, {u.id, u.display_name, std::string(ip)}, u.agency_id, "user", u.id, "login", nlohmann::json::object(),
                  nlohmann::json::object());
    return 0;
  });
  out.principal = {get_user(db, user_id).value(), csrf, false};
  return out;
}

void logout(db::Db& db, std::string_view session_token) {
  db.write([&] {
    db.exec("DELETE FROM sessions WHERE token_hash = ?", {sha256_hex(session_token)});
    return 0;
  });
}

std::optional<Principal> session_principal(db::Db& db, std::string_view session_token) {
  if (session_token.size() != 64) return std::nullopt;
  auto row = db.query_one(
      "SELECT s.user_id, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
      {sha256_hex(session_token), now_iso()});
  if (!row) return std::nullopt;
  auto u = get_user(db, row->i(0));
  if (!u) return std::nullopt;
  return Principal{*u, row->s(1), false};
}

Result<std::string> create_token(db::Db& db, const Principal* by, const audit::Actor& actor, int64_t user_id,
                                 std::string_view label) {
  if (label.size() > 300) return Error::field("label", "令牌用途过长，请简要填写");
  return db.write([&]() -> Result<std::string> {
    auto u = get_user(db, user_id);
    if (!u) return u.error();
    if (auto e = check_manage(db, by, &*u, nullptr)) return *e;
    if (u->disabled) return Error::invalid("user_disabled", "该账号已停用，不能创建令牌");
    std::string token = "gk_" + random_token();
    auto r = db.exec("INSERT INTO api_tokens(token_hash, user_id, label, created_at) VALUES (?,?,?,?)",
                     {sha256_hex(token), user_id, label, now_iso()});
    audit::record(db, actor, u->agency_id, "api_token", r.last_insert_id, "create", nlohmann::json::object(),
                  {{"user", u->username}, {"label", label}});
    return token;
  });
}

std::optional<Principal> token_principal(db::Db& db, std::string_view token) {
  auto row = db.query_one(
      "SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id "
      "WHERE t.token_hash = ? AND t.revoked = 0 AND u.disabled = 0",
      {sha256_hex(token)});
  if (!row) return std::nullopt;
  auto u = get_user(db, row->i(0));
  if (!u) return std::nullopt;
  return Principal{*u, "", true};
}

audit::Actor actor_of(const Principal& p, std::string ip) { return {p.user.id, p.user.display_name, std::move(ip)}; }

nlohmann::json to_json(const User& u) {
  nlohmann::json roles = nlohmann::json::array();
  nlohmann::json labels = nlohmann::json::array();
  for (Role r : u.roles) {
    roles.push_back(role_code(r));
    labels.push_back(role_label(r));
  }
  return {{"id", u.id},           {"username", u.username}, {"display_name", u.display_name},
          {"agency_id", u.agency_id}, {"agency_name", u.agency_name}, {"disabled", u.disabled},
          {"roles", roles},       {"role_labels", labels},  {"email", u.email}};
}

}  // namespace gk::accounts
