// See staff_email.h.
#include "notify/staff_email.h"

#include "accounts/service.h"
#include "applications/applicant_checks.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::notify {

Status set_staff_email(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, int64_t user_id,
                       std::string_view email) {
  std::string address = text::trim(email);
  if (!address.empty()) {
    auto a = applications::normalize_email(address);
    if (!a) return Error::field("email", a.error().message);
    address = *a;
  }
  return db.write([&]() -> Status {
    auto row = db.query_one("SELECT email, agency_id FROM users WHERE id = ?", {user_id});
    if (!row) return Error::not_found("用户不存在");
    if (by && !by->is_platform_admin()) {
      auto u = accounts::get_user(db, user_id);
      if (!u || !accounts::may_manage(db, *by, *u)) return Error::forbidden("您只能设置本机关及下级机关用户的提醒邮箱");
    }
    const std::string before = row->s(0);
    if (before == address) return ok_status();
    db.exec("UPDATE users SET email = ?, updated_at = ? WHERE id = ?", {address, now_iso(), user_id});
    audit::record(db, actor, row->i(1), "user", user_id, "update", {{"email", before}}, {{"email", address}});
    return ok_status();
  });
}

std::string staff_email(db::Db& db, int64_t user_id) {
  auto r = db.query_one("SELECT email FROM users WHERE id = ?", {user_id});
  return r ? r->s(0) : std::string();
}

int64_t staff_with_email(db::Db& db) {
  return db.scalar_int(
      "SELECT COUNT(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id "
      "WHERE u.disabled = 0 AND u.email != '' AND r.role IN ('drafter', 'agency_admin')");
}

}  // namespace gk::notify
