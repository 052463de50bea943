// The outbox table (migration 0009): enqueueing, listing. Delivery is in sender.cpp.
#include "notify/outbox.h"

#include "applications/applicant_checks.h"
#include "platform/time.h"

namespace gk::notify {
namespace {

constexpr std::string_view kColumns =
    "id, channel, recipient, subject, body, dedupe_key, created_at, sent_at, attempts, last_error, next_attempt_at";

Entry entry_of(const db::Row& r) {
  Entry e;
  e.id = r.i(0);
  e.channel = r.s(1) == "sms" ? Channel::kSms : Channel::kEmail;
  e.recipient = r.s(2);
  e.subject = r.s(3);
  e.body = r.s(4);
  e.dedupe_key = r.s(5);
  e.created_at = r.s(6);
  e.sent_at = r.os(7);
  e.attempts = static_cast<int>(r.i(8));
  e.last_error = r.s(9);
  e.next_attempt_at = r.s(10);
  return e;
}

// The recipient in the form it is stored and sent to, or why it cannot be.
Result<std::string> normalize_recipient(Channel channel, std::string_view recipient) {
  if (channel == Channel::kEmail) {
    auto a = applications::normalize_email(recipient);
    if (!a) return Error::field("recipient", a.error().message);
    return *a;
  }
  auto p = applications::normalize_phone(recipient);
  if (!p || p->size() != 11 || (*p)[0] != '1') return Error::field("recipient", "短信只能发送到手机号码");
  return *p;
}

}  // namespace

std::string_view channel_code(Channel c) { return c == Channel::kSms ? "sms" : "email"; }
std::string_view channel_label(Channel c) { return c == Channel::kSms ? "短信" : "邮件"; }

std::chrono::seconds backoff(int attempts) {
  int64_t s = 30;
  for (int i = 1; i < attempts && i < kMaxAttempts; ++i) s *= 4;
  return std::chrono::seconds(s);
}

std::string_view Entry::status() const { return sent() ? "sent" : failed() ? "failed" : "queued"; }
std::string_view Entry::status_label() const { return sent() ? "已发送" : failed() ? "发送失败" : "待发送"; }

Result<bool> enqueue(db::Db& db, const Message& m) {
  auto to = normalize_recipient(m.channel, m.recipient);
  if (!to) return to.error();
  if (m.body.empty()) return Error::field("body", "消息内容不能为空");
  if (m.channel == Channel::kEmail && m.subject.empty()) return Error::field("subject", "邮件主题不能为空");
  if (m.dedupe_key.empty()) return Error::invalid("dedupe_key", "消息缺少去重键");
  const std::string now = now_iso();
  auto r = db.exec(
      "INSERT INTO outbox(channel, recipient, subject, body, dedupe_key, created_at, next_attempt_at) "
      "VALUES (?,?,?,?,?,?,?) ON CONFLICT(dedupe_key) DO NOTHING",
      {channel_code(m.channel), *to, m.channel == Channel::kEmail ? m.subject : std::string(), m.body, m.dedupe_key,
       now, now});
  return r.changes > 0;
}

std::vector<Entry> recent(db::Db& db, int limit) {
  std::vector<Entry> out;
  for (const auto& r :
       db.query(std::string("SELECT ").append(kColumns).append(" FROM outbox ORDER BY id DESC LIMIT ?"), {limit})) {
    out.push_back(entry_of(r));
  }
  return out;
}

std::optional<Entry> find(db::Db& db, std::string_view dedupe_key) {
  auto r =
      db.query_one(std::string("SELECT ").append(kColumns).append(" FROM outbox WHERE dedupe_key = ?"), {dedupe_key});
  if (!r) return std::nullopt;
  return entry_of(*r);
}

int64_t prune(db::Db& db, std::chrono::hours keep) {
  return db
      .write([&] {
        return db.exec("DELETE FROM outbox WHERE created_at < ? AND (sent_at IS NOT NULL OR attempts >= ?)",
                       {iso_after(-std::chrono::duration_cast<std::chrono::seconds>(keep)), kMaxAttempts});
      })
      .changes;
}

Counts counts(db::Db& db) {
  Counts c;
  auto r = db.query_one(
      "SELECT COALESCE(SUM(sent_at IS NULL AND attempts < ?), 0), COALESCE(SUM(sent_at IS NOT NULL), 0), "
      "COALESCE(SUM(sent_at IS NULL AND attempts >= ?), 0) FROM outbox",
      {kMaxAttempts, kMaxAttempts});
  if (r) {
    c.queued = r->i(0);
    c.sent = r->i(1);
    c.failed = r->i(2);
  }
  return c;
}

}  // namespace gk::notify
