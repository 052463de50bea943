// Storage of the notification settings in the settings table (keys smtp.*, sms.log_path,
// reminders.enabled, site.url).
#include "notify/settings.h"

#include <spdlog/spdlog.h>

#include <array>

#include "accounts/password.h"
#include "applications/applicant_checks.h"
#include "notify/outbox.h"
#include "platform/text/strings.h"
#include "platform/text/utf8.h"
#include "platform/time.h"

namespace gk::notify {
namespace {

constexpr std::string_view kHost = "smtp.host";
constexpr std::string_view kPort = "smtp.port";
constexpr std::string_view kFrom = "smtp.from";
constexpr std::string_view kUser = "smtp.user";
constexpr std::string_view kPassword = "smtp.password";
constexpr std::string_view kTls = "smtp.tls";
constexpr std::string_view kSmsLog = "sms.log_path";
constexpr std::string_view kReminders = "reminders.enabled";
constexpr std::string_view kSiteUrl = "site.url";

bool has_control(std::string_view s) {
  for (unsigned char ch : s) {
    if (ch < 0x20 || ch == 0x7f) return true;
  }
  return false;
}

bool valid_host(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  for (char ch : h) {
    const bool ok =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
    if (!ok) return false;
  }
  return h.front() != '.' && h.front() != '-' && h.back() != '.' && h.back() != '-';
}

std::optional<Tls> tls_from_code(std::string_view c) {
  if (c == "none") return Tls::kNone;
  if (c == "starttls") return Tls::kStartTls;
  if (c == "ssl") return Tls::kImplicit;
  return std::nullopt;
}

// The stored values as strings, in the form's shape.
SettingsForm stored_form(db::Db& db, std::string* password) {
  SettingsForm f;
  f.smtp_port = "25";
  f.smtp_tls = "none";
  f.reminders_enabled = true;
  for (const auto& row : db.query(
           "SELECT key, value FROM settings WHERE key LIKE 'smtp.%' OR key IN ('sms.log_path', 'reminders.enabled', "
           "'site.url')")) {
    const std::string key = row.s(0), value = row.s(1);
    if (key == kHost)
      f.smtp_host = value;
    else if (key == kPort)
      f.smtp_port = value;
    else if (key == kFrom)
      f.smtp_from = value;
    else if (key == kUser)
      f.smtp_user = value;
    else if (key == kPassword)
      *password = value;
    else if (key == kTls)
      f.smtp_tls = value;
    else if (key == kSmsLog)
      f.sms_log_path = value;
    else if (key == kReminders)
      f.reminders_enabled = value != "0";
    else if (key == kSiteUrl)
      f.site_url = value;
  }
  return f;
}

}  // namespace

std::string_view tls_code(Tls t) {
  switch (t) {
    case Tls::kNone:
      return "none";
    case Tls::kStartTls:
      return "starttls";
    case Tls::kImplicit:
      return "ssl";
  }
  return "none";
}

std::string_view tls_label(Tls t) {
  switch (t) {
    case Tls::kNone:
      return "不加密";
    case Tls::kStartTls:
      return "STARTTLS";
    case Tls::kImplicit:
      return "SSL/TLS";
  }
  return "";
}

nlohmann::json settings_json(const Settings& s) {
  return {{"smtp_host", s.smtp.host},
          {"smtp_port", std::to_string(s.smtp.port)},
          {"smtp_from", s.smtp.from},
          {"smtp_user", s.smtp.user},
          {"smtp_password", s.smtp.password.empty() ? "" : "已设置"},
          {"smtp_tls", tls_code(s.smtp.tls)},
          {"sms_log_path", s.sms_log_path},
          {"reminders_enabled", s.reminders_enabled},
          {"site_url", s.site_url}};
}

Result<Settings> parse_settings_form(const SettingsForm& form, const Settings& current) {
  Settings s;
  FieldErrors errs;
  s.smtp.host = text::trim(form.smtp_host);
  if (!s.smtp.host.empty() && !valid_host(s.smtp.host)) {
    errs.add("smtp_host", "邮件服务器应为域名或IP地址，只能包含字母、数字、点和连字符");
  }
  const std::string port = text::trim(form.smtp_port);
  if (port.empty() && s.smtp.host.empty()) {
    s.smtp.port = 25;
  } else if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
             std::stoi(port) < 1 || std::stoi(port) > 65535) {
    errs.add("smtp_port", "端口应为1至65535之间的整数");
  } else {
    s.smtp.port = std::stoi(port);
  }
  const std::string from = text::trim(form.smtp_from);
  if (from.empty()) {
    if (!s.smtp.host.empty()) errs.add("smtp_from", "填写了邮件服务器时，请填写发件人邮箱");
  } else if (auto a = applications::normalize_email(from); !a) {
    errs.add("smtp_from", "发件人邮箱格式不正确");
  } else {
    s.smtp.from = *a;
  }
  s.smtp.user = text::trim(form.smtp_user);
  if (has_control(s.smtp.user) || s.smtp.user.size() > 200)
    errs.add("smtp_user", "用户名不能包含控制字符，且不超过200个字节");
  if (form.clear_password) {
    s.smtp.password.clear();
  } else if (!form.smtp_password.empty()) {
    if (has_control(form.smtp_password) || form.smtp_password.size() > 200) {
      errs.add("smtp_password", "密码不能包含控制字符，且不超过200个字节");
    }
    s.smtp.password = form.smtp_password;
  } else {
    s.smtp.password = current.smtp.password;
  }
  if (auto t = tls_from_code(form.smtp_tls))
    s.smtp.tls = *t;
  else
    errs.add("smtp_tls", "请选择连接加密方式");
  s.sms_log_path = text::trim(form.sms_log_path);
  if (has_control(s.sms_log_path) || s.sms_log_path.size() > 500 || !text::is_clean_utf8(s.sms_log_path)) {
    errs.add("sms_log_path", "短信日志文件路径不能包含控制字符，且不超过500个字节");
  } else if (s.sms_log_path.ends_with('/')) {
    errs.add("sms_log_path", "短信日志应为文件路径，不能以“/”结尾");
  }
  s.reminders_enabled = form.reminders_enabled;
  std::string url = text::trim(form.site_url);
  while (url.ends_with('/')) url.pop_back();
  if (!url.empty()) {
    const bool scheme = url.starts_with("http://") || url.starts_with("https://");
    const size_t host_at = url.find("//") + 2;
    if (!scheme || url.size() <= host_at || has_control(url) || url.find(' ') != std::string::npos ||
        url.size() > 200 || !text::is_clean_utf8(url)) {
      errs.add("site_url", "门户网址应以 http:// 或 https:// 开头，例如 https://gk.example.gov.cn");
    }
  }
  s.site_url = url;
  if (!errs.empty()) return errs.to_error();
  return s;
}

Settings load_settings(db::Db& db) {
  std::string password;
  const SettingsForm f = stored_form(db, &password);
  Settings current;
  current.smtp.password = password;
  auto s = parse_settings_form(f, current);
  if (!s) {
    spdlog::warn("stored notification settings are invalid ({}); using the defaults", s.error().message);
    return Settings{};
  }
  return *s;
}

Status save_settings(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, const Settings& s) {
  if (by && !by->is_platform_admin()) return Error::forbidden("只有平台管理员可以修改通知设置");
  const std::array<std::pair<std::string_view, std::string>, 9> values = {{
      {kHost, s.smtp.host},
      {kPort, std::to_string(s.smtp.port)},
      {kFrom, s.smtp.from},
      {kUser, s.smtp.user},
      {kPassword, s.smtp.password},
      {kTls, std::string(tls_code(s.smtp.tls))},
      {kSmsLog, s.sms_log_path},
      {kReminders, s.reminders_enabled ? "1" : "0"},
      {kSiteUrl, s.site_url},
  }};
  return db.write([&]() -> Status {
    const Settings current = load_settings(db);
    const nlohmann::json before = settings_json(current);
    nlohmann::json after = settings_json(s);
    // A new password shows as a change without showing either password.
    if (!s.smtp.password.empty() && !current.smtp.password.empty() && s.smtp.password != current.smtp.password) {
      after["smtp_password"] = "已设置（已更换）";
    }
    const std::string now = now_iso();
    for (const auto& [key, value] : values) {
      db.exec(
          "INSERT INTO settings(key, value, updated_at, updated_by) VALUES (?,?,?,?) "
          "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
          "updated_by = excluded.updated_by",
          {key, value, now, actor.name});
    }
    audit::record(db, actor, std::nullopt, "notify_settings", 1, "update", before, after);
    return ok_status();
  });
}

Status enqueue_test_mail(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, std::string_view to) {
  if (by && !by->is_platform_admin()) return Error::forbidden("只有平台管理员可以发送测试邮件");
  const std::string address = text::trim(to);
  if (address.empty()) return Error::field("to", "请填写测试邮件的收件邮箱");
  Message m;
  m.channel = Channel::kEmail;
  m.recipient = address;
  m.subject = "政务公开平台测试邮件";
  m.body = "这是一封测试邮件，由" + actor.name + "在政务公开平台的“通知设置”页面发送（" + now_iso() +
           "）。\n收到这封邮件，说明邮件服务器设置正确，申请回执和期限提醒邮件可以正常发出。\n";
  m.dedupe_key = "test:" + now_iso() + ":" + accounts::random_token(8);
  auto r = db.write([&] { return enqueue(db, m); });
  if (!r) {
    Error e = r.error();
    if (e.fields.count("recipient")) e = Error::field("to", e.fields.at("recipient"));
    return e;
  }
  return ok_status();
}

}  // namespace gk::notify
