// See sender.h.
#include "notify/sender.h"

#include <spdlog/spdlog.h>

#include <memory>

#include "accounts/password.h"
#include "notify/mail.h"
#include "notify/settings.h"
#include "platform/time.h"

namespace gk::notify {
namespace {

// How long a claimed message is left to its sender before another may try (longer than a transfer
// can take: SmtpTransport's timeouts).
constexpr std::chrono::seconds kClaimLease{300};

void mark_waiting(db::Db& db, std::string_view channel, std::string_view reason) {
  db.write([&] {
    return db.exec(
        "UPDATE outbox SET last_error = ? WHERE channel = ? AND sent_at IS NULL AND attempts < ? AND last_error != ?",
        {reason, channel, kMaxAttempts, reason});
  });
}

int64_t pending_count(db::Db& db, std::string_view channel) {
  return db.scalar_int("SELECT COUNT(*) FROM outbox WHERE channel = ? AND sent_at IS NULL AND attempts < ?",
                       {channel, kMaxAttempts});
}

// Takes the message for this sender: true when no other sender took it since it was read.
bool claim(db::Db& db, int64_t id, const std::string& seen_next_attempt) {
  return db.write([&] {
             return db.exec(
                 "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND next_attempt_at = ?",
                 {iso_after(kClaimLease), id, seen_next_attempt});
           }).changes > 0;
}

std::string domain_of(std::string_view address) {
  const size_t at = address.rfind('@');
  return at == std::string_view::npos ? "localhost" : std::string(address.substr(at + 1));
}

}  // namespace

DeliveryReport deliver(db::Db& db, MailTransport* mail, std::string_view mail_from, SmsGateway* sms,
                       const DeliveryOptions& options) {
  DeliveryReport report;
  std::vector<std::string> channels;
  if (mail)
    channels.emplace_back("email");
  else {
    mark_waiting(db, "email", kMailNotConfigured);
    report.waiting += static_cast<int>(pending_count(db, "email"));
  }
  if (sms)
    channels.emplace_back("sms");
  else {
    mark_waiting(db, "sms", kSmsNotConfigured);
    report.waiting += static_cast<int>(pending_count(db, "sms"));
  }
  if (channels.empty()) return report;
  std::string sql = "SELECT id, next_attempt_at FROM outbox WHERE sent_at IS NULL AND attempts < ? AND channel IN (";
  db::Params params{kMaxAttempts};
  for (size_t i = 0; i < channels.size(); ++i) {
    sql += i ? ",?" : "?";
    params.emplace_back(channels[i]);
  }
  sql += ")";
  if (!options.ignore_backoff) {
    sql += " AND next_attempt_at <= ?";
    params.emplace_back(now_iso());
  }
  sql += " ORDER BY id LIMIT ?";
  params.emplace_back(options.limit);
  for (const auto& row : db.query(sql, params)) {
    if (options.cancel && options.cancel->load()) break;
    const int64_t id = row.i(0);
    if (!claim(db, id, row.s(1))) continue;
    auto r = db.query_one("SELECT channel, recipient, subject, body, attempts FROM outbox WHERE id = ?", {id});
    if (!r) continue;
    const std::string channel = r->s(0), to = r->s(1);
    const int attempts = static_cast<int>(r->i(4)) + 1;
    Status st = ok_status();
    if (channel == "email") {
      MailHeaders h{std::string(mail_from), to, rfc5322_date(),
                    "gk." + std::to_string(id) + "." + accounts::random_token(8) + "@" + domain_of(mail_from)};
      st = mail->send(mail_from, to, compose(h, r->s(2), r->s(3)));
    } else {
      st = sms->send(to, r->s(3));
    }
    if (!st && options.cancel && options.cancel->load()) {
      // Interrupted by shutdown: not the message's fault; it goes out after the restart.
      db.write([&] { return db.exec("UPDATE outbox SET next_attempt_at = ? WHERE id = ?", {now_iso(), id}); });
      break;
    }
    if (st) {
      db.write([&] {
        return db.exec("UPDATE outbox SET sent_at = ?, attempts = ?, last_error = '' WHERE id = ?",
                       {now_iso(), attempts, id});
      });
      ++report.sent;
    } else {
      spdlog::warn("outbox message {} to {} failed (attempt {}): {}", id, to, attempts, st.error().message);
      db.write([&] {
        return db.exec("UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                       {attempts, st.error().message, iso_after(backoff(attempts)), id});
      });
      ++report.failed;
    }
  }
  return report;
}

DeliveryReport deliver_pending(db::Db& db, const DeliveryOptions& options) {
  const Settings s = load_settings(db);
  std::unique_ptr<SmtpTransport> mail;
  if (s.mail_configured()) mail = std::make_unique<SmtpTransport>(s.smtp, options.cancel);
  std::unique_ptr<FileSmsGateway> sms;
  if (!s.sms_log_path.empty()) sms = std::make_unique<FileSmsGateway>(s.sms_log_path);
  return deliver(db, mail.get(), s.smtp.from, sms.get(), options);
}

}  // namespace gk::notify
