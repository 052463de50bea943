// The outbox: e-mails and SMS messages waiting to be delivered. Request handlers and jobs only
// enqueue (one INSERT in the caller's transaction); the scheduler of `gongkai serve` (or
// `gongkai notify send`) delivers them later through sender.h, so no request ever waits on a mail
// server. Enqueueing is idempotent by a dedupe key: a reminder or a receipt is announced once however
// often the job that produces it runs, on however many server processes.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::notify {

enum class Channel { kEmail, kSms };

std::string_view channel_code(Channel c);   // "email" | "sms"
std::string_view channel_label(Channel c);  // "邮件" | "短信"

// A message to send. `subject` is ignored for SMS.
struct Message {
  Channel channel = Channel::kEmail;
  std::string recipient;   // an e-mail address, or a mobile number
  std::string subject;     // plain UTF-8 text (encoded for the mail header when sent)
  std::string body;        // plain UTF-8 text; lines end with "\n"
  std::string dedupe_key;  // unique per announcement, e.g. "reminder:12:overdue:2026-11-05:a@b.cn"
};

// Delivery gives up after this many failed attempts; the waits between them grow (backoff()).
inline constexpr int kMaxAttempts = 5;

// The wait after the n-th failed attempt (n ≥ 1): 30 s, 2 min, 8 min, 32 min.
std::chrono::seconds backoff(int attempts);

// Queues `m` unless a message with the same dedupe key exists. Returns true when queued, false when
// the key was already there (nothing changes). Error kInvalid when the recipient is not a valid
// address for the channel (e-mail: applications::normalize_email; SMS: a mobile number 1[3-9]xxxxxxxxx),
// the subject or body is empty (subject only for e-mail), or the dedupe key is empty. Runs in the
// caller's transaction when there is one.
Result<bool> enqueue(db::Db& db, const Message& m);

// One row of the outbox.
struct Entry {
  int64_t id = 0;
  Channel channel = Channel::kEmail;
  std::string recipient;
  std::string subject;
  std::string body;
  std::string dedupe_key;
  std::string created_at;
  std::optional<std::string> sent_at;
  int attempts = 0;
  std::string last_error;
  std::string next_attempt_at;

  bool sent() const { return sent_at.has_value(); }
  bool failed() const { return !sent() && attempts >= kMaxAttempts; }
  // "sent" | "failed" | "queued", and the Chinese label: 已发送 / 发送失败 / 待发送.
  std::string_view status() const;
  std::string_view status_label() const;
};

// The newest `limit` messages, newest first.
std::vector<Entry> recent(db::Db& db, int limit = 50);
// The message with `dedupe_key`, or nullopt.
std::optional<Entry> find(db::Db& db, std::string_view dedupe_key);

// Deletes sent and failed messages created more than `keep` ago (the outbox holds applicants'
// addresses, names and tracking codes: it is not an archive). Returns how many were deleted. A
// reminder deleted this way can be queued again if its case still has the same light and due date.
int64_t prune(db::Db& db, std::chrono::hours keep);
inline constexpr std::chrono::hours kKeepDelivered{24 * 180};

// Counts of the outbox by status, for the settings page.
struct Counts {
  int64_t queued = 0;
  int64_t sent = 0;
  int64_t failed = 0;
};
Counts counts(db::Db& db);

}  // namespace gk::notify
