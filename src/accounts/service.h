// Account rules: users and roles, sign-in with throttling, sessions stored in the database, API
// tokens, and the access checks every other service uses. All writes are transactional and audited.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::accounts {

struct UserInput {
  std::string username;
  std::string display_name;
  int64_t agency_id = 0;
  std::vector<std::string> roles;  // role codes
  std::string password;            // required on create; empty on update keeps the password
};

// Limits of the sign-in throttle: failures within the window lock the account or the IP.
inline constexpr int kMaxFailuresPerAccount = 5;
inline constexpr int kMaxFailuresPerIp = 20;
inline constexpr int kFailureWindowMinutes = 15;
inline constexpr int kSessionHours = 12;

// User administration. `by` is the signed-in principal whose rights are checked: platform admins
// manage everyone; agency admins manage users of their subtree who are not platform admins, and
// cannot grant 平台管理员; nobody disables themselves or drops their own administrator roles.
// nullptr means the command-line operator, who is trusted.
Result<User> create_user(db::Db& db, const Principal* by, const audit::Actor& actor, const UserInput& in);
// Changes name, agency and roles (not the password).
Result<User> update_user(db::Db& db, const Principal* by, const audit::Actor& actor, int64_t id, const UserInput& in);
Status set_password(db::Db& db, const Principal* by, const audit::Actor& actor, int64_t id, std::string_view password);
Status set_disabled(db::Db& db, const Principal* by, const audit::Actor& actor, int64_t id, bool disabled);
// A signed-in user changes their own password: the current one must be right and the new one meet
// the policy. Other sessions of the user end (the current one, `keep_session`, stays).
Status change_own_password(db::Db& db, const Principal& me, const audit::Actor& actor, std::string_view current,
                           std::string_view replacement, std::string_view keep_session);
// True when `by` may manage the existing user `u` (see above).
bool may_manage(db::Db& db, const Principal& by, const User& u);

Result<User> get_user(db::Db& db, int64_t id);
std::optional<User> find_user(db::Db& db, std::string_view username);
// Users of the given agencies (all users when empty), by agency then name.
std::vector<User> list_users(db::Db& db, const std::vector<int64_t>& agency_ids = {});

struct LoginResult {
  std::string session_token;  // the cookie value; only its hash is stored
  Principal principal;
};
// Verifies the credentials and opens a session. Unknown user and wrong password give the same
// message (and take the same time); too many failures give TooMany.
Result<LoginResult> login(db::Db& db, std::string_view username, std::string_view password, std::string_view ip);
void logout(db::Db& db, std::string_view session_token);
// The principal of a live session, or nullopt.
std::optional<Principal> session_principal(db::Db& db, std::string_view session_token);

// Creates an API token for the user; returns the secret (shown once).
Result<std::string> create_token(db::Db& db, const Principal* by, const audit::Actor& actor, int64_t user_id,
                                 std::string_view label);
// The principal of a valid API token, or nullopt.
std::optional<Principal> token_principal(db::Db& db, std::string_view token);

audit::Actor actor_of(const Principal& p, std::string ip);
nlohmann::json to_json(const User& u);

}  // namespace gk::accounts
