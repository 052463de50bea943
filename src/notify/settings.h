// The notification settings of the platform, kept in the settings table and changed by a platform
// administrator at /admin/notifications: the SMTP server mail goes through (smtp.host, smtp.port,
// smtp.from, smtp.user, smtp.password, smtp.tls), the file the development SMS gateway writes to
// (sms.log_path), whether deadline reminders are sent (reminders.enabled) and the portal's public
// address used in links inside messages (site.url).
// The SMTP password is stored as entered (the mail server needs it); it is never shown back, never
// written to the audit trail, but it is in every backup of the database.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "accounts/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::notify {

// How the connection to the mail server is protected.
enum class Tls {
  kNone,      // plain SMTP (a relay on the local network)
  kStartTls,  // STARTTLS, required (usually port 587)
  kImplicit,  // SMTPS, TLS from the start (usually port 465)
};
std::string_view tls_code(Tls t);  // "none" | "starttls" | "ssl"
std::string_view tls_label(Tls t);

struct SmtpSettings {
  std::string host;  // empty: mail is not configured, e-mails stay queued
  int port = 25;
  std::string from;  // sender address
  std::string user;  // empty: no authentication
  std::string password;
  Tls tls = Tls::kNone;
};

struct Settings {
  SmtpSettings smtp;
  std::string sms_log_path;       // empty: no SMS gateway, SMS stay queued
  bool reminders_enabled = true;  // deadline reminders by e-mail at 临期 and 超期
  std::string site_url;           // e.g. "https://gk.example.gov.cn", no trailing slash; "" = links as paths

  bool mail_configured() const { return !smtp.host.empty(); }
};

// The settings in force: stored values over the defaults above. Values that are not understood are
// ignored (the default applies) and logged.
Settings load_settings(db::Db& db);

// The form as submitted; password empty = keep the stored one unless clear_password.
struct SettingsForm {
  std::string smtp_host, smtp_port, smtp_from, smtp_user, smtp_password, smtp_tls;
  bool clear_password = false;
  std::string sms_log_path;
  bool reminders_enabled = false;
  std::string site_url;
};

// Validates the form against the stored settings (for the password). Field errors in Chinese keyed
// by the form's field names: host (letters, digits, dots, hyphens), port (1–65535), from (required
// with a host; an e-mail address), tls, sms_log_path (no control characters, ≤ 500 bytes),
// site_url (http:// or https://).
Result<Settings> parse_settings_form(const SettingsForm& form, const Settings& current);

// Stores the settings: platform admins only (`by` nullptr = the command-line operator). Audited as
// entity "notify_settings" with before and after (the password only as 已设置 / 未设置), in one
// transaction.
Status save_settings(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, const Settings& s);

// The settings as the form and the audit trail show them; "smtp_password" is "已设置" or "".
nlohmann::json settings_json(const Settings& s);

// Queues a test mail to `to` (subject 政务公开平台测试邮件) so an administrator can check the
// settings: platform admins only. Error kInvalid (field "to") for a bad address. The outbox shows
// whether it went out.
Status enqueue_test_mail(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, std::string_view to);

}  // namespace gk::notify
