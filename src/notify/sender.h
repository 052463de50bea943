// Delivering the outbox: every queued message whose time has come goes to the mail server or the
// SMS gateway; a failure is recorded and retried with growing waits (outbox.h backoff()) up to
// kMaxAttempts. Each message is claimed in the database before it is sent, so several server
// processes over one database never send the same message twice. Runs on the scheduler's thread
// (or `gongkai notify send`), never on a request thread: one slow mail server delays only the outbox.
#pragma once

#include <atomic>

#include "notify/outbox.h"
#include "notify/sms.h"
#include "notify/smtp.h"
#include "platform/db/db.h"

namespace gk::notify {

// The error recorded on messages of a channel that is not configured (they stay queued and do not
// use up attempts).
inline constexpr std::string_view kMailNotConfigured = "未配置邮件服务器";
inline constexpr std::string_view kSmsNotConfigured = "未配置短信网关";

struct DeliveryOptions {
  bool ignore_backoff = false;                // try every queued message now (`gongkai notify send`)
  int limit = 200;                            // at most this many messages per run
  const std::atomic<bool>* cancel = nullptr;  // stop between (and during) messages when it becomes true
};

struct DeliveryReport {
  int sent = 0;
  int failed = 0;   // attempts that failed (retried later unless the last one)
  int waiting = 0;  // queued for a channel that is not configured
};

// Delivers through `mail` (envelope sender `mail_from`) and `sms`; nullptr = that channel is not
// configured, its messages stay queued with kMailNotConfigured / kSmsNotConfigured.
DeliveryReport deliver(db::Db& db, MailTransport* mail, std::string_view mail_from, SmsGateway* sms,
                       const DeliveryOptions& options = {});

// Reads the settings and delivers with SmtpTransport and FileSmsGateway (settings.h).
DeliveryReport deliver_pending(db::Db& db, const DeliveryOptions& options = {});

}  // namespace gk::notify
