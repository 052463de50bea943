// Back-office page of a platform administrator for notifications: the mail server, the development
// SMS gateway and reminder settings, a test mail, and the outbox (the newest 50 messages with their
// status and last error).
#include "applications/applicant_checks.h"
#include "notify/outbox.h"
#include "notify/settings.h"
#include "notify/staff_email.h"
#include "web/audit_view.h"
#include "web/modules.h"

namespace gk::web {
namespace {

const char* kForbidden = "只有平台管理员可以管理通知设置";

// The applicant's address of a receipt notice is personal data (issue 5 §12): masked here; staff
// addresses (reminders, test mails) are shown as they are.
std::string shown_recipient(const notify::Entry& e) {
  if (!e.dedupe_key.starts_with("receipt:")) return e.recipient;
  return e.channel == notify::Channel::kSms ? applications::mask_phone(e.recipient)
                                            : applications::mask_email(e.recipient);
}

nlohmann::json outbox_json(db::Db& db) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : notify::recent(db, 50)) {
    rows.push_back({{"id", e.id},
                    {"channel", notify::channel_label(e.channel)},
                    {"recipient", shown_recipient(e)},
                    {"subject", e.channel == notify::Channel::kSms ? e.body : e.subject},
                    {"created_at", beijing_time(e.created_at)},
                    {"sent_at", e.sent_at ? beijing_time(*e.sent_at) : ""},
                    {"status", e.status()},
                    {"status_label", e.status_label()},
                    {"failed", e.failed()},
                    {"attempts", e.attempts},
                    {"last_error", e.last_error}});
  }
  return rows;
}

// `form`: the settings to show (stored, or as just submitted); `test_to`: the test address field.
http::Response notifications_page(Ctx& c, nlohmann::json form, const Error* err, const Error* test_err,
                                  const std::string& test_to, int status) {
  const auto stored = notify::load_settings(c.db);
  form["tls_none"] = form["smtp_tls"] == "none";
  form["tls_starttls"] = form["smtp_tls"] == "starttls";
  form["tls_ssl"] = form["smtp_tls"] == "ssl";
  const auto counts = notify::counts(c.db);
  nlohmann::json data = {{"form", form},
                         {"password_set", !stored.smtp.password.empty()},
                         {"mail_configured", stored.mail_configured()},
                         {"saved", c.req.query("saved") == "1"},
                         {"test_queued", c.req.query("test") == "queued"},
                         {"test_to", test_to},
                         {"errors", nlohmann::json::object()},
                         {"test_errors", test_err ? form_errors(*test_err)["errors"] : nlohmann::json::object()},
                         {"outbox", outbox_json(c.db)},
                         {"queued", counts.queued},
                         {"sent", counts.sent},
                         {"failed", counts.failed},
                         {"staff_with_email", notify::staff_with_email(c.db)}};
  data["outbox_empty"] = data["outbox"].empty();
  if (err) data.update(form_errors(*err));
  return page(c, "admin_notifications", data, "通知设置", status);
}

notify::SettingsForm form_of(const http::Request& r) {
  notify::SettingsForm f;
  f.smtp_host = r.form("smtp_host");
  f.smtp_port = r.form("smtp_port");
  f.smtp_from = r.form("smtp_from");
  f.smtp_user = r.form("smtp_user");
  f.smtp_password = r.form("smtp_password");
  f.clear_password = r.form("clear_password") == "1";
  f.smtp_tls = r.form("smtp_tls");
  f.sms_log_path = r.form("sms_log_path");
  f.reminders_enabled = r.form("reminders_enabled") == "1";
  f.site_url = r.form("site_url");
  return f;
}

// The submitted form as the page shows it again (never the password).
nlohmann::json echo(const notify::SettingsForm& f) {
  return {{"smtp_host", f.smtp_host},
          {"smtp_port", f.smtp_port},
          {"smtp_from", f.smtp_from},
          {"smtp_user", f.smtp_user},
          {"smtp_tls", f.smtp_tls},
          {"sms_log_path", f.sms_log_path},
          {"reminders_enabled", f.reminders_enabled},
          {"site_url", f.site_url}};
}

std::string own_email(Ctx& c) { return notify::staff_email(c.db, c.me().user.id); }

}  // namespace

void register_notifications_admin(Routes& r) {
  r.get("/admin/notifications", Access::kStaff, [](Ctx& c) {
    if (!c.me().is_platform_admin()) return error_page(c, Error::forbidden(kForbidden));
    return notifications_page(c, notify::settings_json(notify::load_settings(c.db)), nullptr, nullptr, own_email(c),
                              200);
  });
  r.post("/admin/notifications", Access::kStaff, [](Ctx& c) {
    if (!c.me().is_platform_admin()) return error_page(c, Error::forbidden(kForbidden));
    const auto f = form_of(c.req);
    auto s = notify::parse_settings_form(f, notify::load_settings(c.db));
    if (!s) return notifications_page(c, echo(f), &s.error(), nullptr, own_email(c), s.error().http_status());
    auto st = notify::save_settings(c.db, &c.me(), c.actor(), *s);
    if (!st) {
      if (st.error().kind == Error::Kind::kForbidden) return error_page(c, st.error());
      return notifications_page(c, echo(f), &st.error(), nullptr, own_email(c), st.error().http_status());
    }
    return http::Response::redirect("/admin/notifications?saved=1");
  });
  r.post("/admin/notifications/test", Access::kStaff, [](Ctx& c) {
    if (!c.me().is_platform_admin()) return error_page(c, Error::forbidden(kForbidden));
    const std::string to = c.req.form("to");
    auto st = notify::enqueue_test_mail(c.db, &c.me(), c.actor(), to);
    if (!st) {
      if (st.error().kind == Error::Kind::kForbidden) return error_page(c, st.error());
      return notifications_page(c, notify::settings_json(notify::load_settings(c.db)), nullptr, &st.error(), to,
                                st.error().http_status());
    }
    return http::Response::redirect("/admin/notifications?test=queued");
  });
}

}  // namespace gk::web
