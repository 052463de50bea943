// Notifications: the outbox (idempotent enqueueing, delivery with retries), mail encoding of Chinese
// text, the deadline-reminder job, the applicant's receipt notice, the file SMS gateway and the
// settings form.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "applications/service.h"
#include "notify/mail.h"
#include "notify/outbox.h"
#include "notify/receipt.h"
#include "notify/reminders.h"
#include "notify/sender.h"
#include "notify/settings.h"
#include "notify/sms.h"
#include "notify/staff_email.h"
#include "test_db.h"

namespace gk::testing {
namespace {

std::string decode_base64(std::string_view in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buf = 0;
  int bits = 0;
  for (char ch : in) {
    if (ch == '=' || ch == '\r' || ch == '\n') continue;
    const size_t v = alphabet.find(ch);
    if (v == std::string::npos) ADD_FAILURE() << "not base64: " << ch;
    buf = (buf << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

// The text of a header value made of encoded-words (RFC 2047), as a mail reader shows it.
std::string decode_header(const std::string& value) {
  std::string out;
  size_t pos = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const size_t end = value.find("?=", pos + 10);
    out += decode_base64(value.substr(pos + 10, end - pos - 10));
    pos = end + 2;
  }
  return out;
}

// A header's value with folded lines joined.
std::string header_of(const std::string& message, const std::string& name) {
  const size_t at = message.find("\r\n" + name + ": ");
  if (at == std::string::npos && !message.starts_with(name + ": ")) return "";
  size_t start = (at == std::string::npos ? 0 : at + 2) + name.size() + 2;
  std::string v;
  for (size_t end;; start = end + 2) {
    end = message.find("\r\n", start);
    v += message.substr(start, end - start);
    if (message[end + 2] != ' ' && message[end + 2] != '\t') break;
  }
  return v;
}

class FakeMail : public notify::MailTransport {
 public:
  Status send(std::string_view from, std::string_view to, std::string_view message) override {
    if (failures_left > 0) {
      --failures_left;
      return Error::invalid("smtp_failed", "连接邮件服务器超时");
    }
    sent.push_back({std::string(from), std::string(to), std::string(message)});
    return ok_status();
  }
  struct Sent {
    std::string from, to, message;
  };
  std::vector<Sent> sent;
  int failures_left = 0;
};

class NotifyTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    clerk_ = make_user("clerk", county_, {"drafter"});
    admin_ = make_user("countyadmin", county_, {"agency_admin"});
    reviewer_ = make_user("reviewer", county_, {"reviewer"});
    townclerk_ = make_user("townclerk", town_, {"drafter"});
  }

  applications::Submission form() { return sample_application(county_); }

  int64_t registered(const std::string& date, int64_t agency = 0) {
    auto s = form();
    s.channel = "post_signed";
    s.received_date = date;
    if (agency) s.request.agency_id = agency;
    auto r = applications::register_by_staff(db(), agency == town_ ? townclerk_ : clerk_, system(), s);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r->id;
  }

  void set_email(const accounts::Principal& p, const std::string& email) {
    ASSERT_TRUE(notify::set_staff_email(db(), nullptr, system(), p.user.id, email).ok());
  }

  int64_t outbox_rows() { return db().scalar_int("SELECT COUNT(*) FROM outbox"); }

  notify::Message mail(const std::string& key, const std::string& to = "a@example.com") {
    return {notify::Channel::kEmail, to, "测试主题", "正文\n第二行\n", key};
  }

  accounts::Principal clerk_, admin_, reviewer_, townclerk_;
};

TEST_F(NotifyTest, EnqueueingIsIdempotentByDedupeKeyAndChecksTheRecipient) {
  auto first = notify::enqueue(db(), mail("k1"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(*first);
  auto again = notify::enqueue(db(), mail("k1", "other@example.com"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again) << "same key: nothing new";
  EXPECT_EQ(outbox_rows(), 1);
  EXPECT_EQ(notify::find(db(), "k1")->recipient, "a@example.com");
  EXPECT_EQ(notify::find(db(), "k1")->status(), "queued");

  EXPECT_EQ(notify::enqueue(db(), mail("k2", "not an address")).error().fields.count("recipient"), 1u);
  EXPECT_EQ(notify::enqueue(db(), {notify::Channel::kSms, "010-12345678", "", "文字", "k3"})
                .error()
                .fields.count("recipient"),
            1u)
      << "SMS only to mobile numbers";
  EXPECT_TRUE(notify::enqueue(db(), {notify::Channel::kSms, "+86 138 1234 1234", "", "文字", "k4"}).ok());
  EXPECT_EQ(notify::find(db(), "k4")->recipient, "13812341234");
  EXPECT_FALSE(notify::enqueue(db(), mail("")).ok());
  EXPECT_EQ(outbox_rows(), 2);
}

TEST_F(NotifyTest, AChineseSubjectIsEncodedAsUtf8WordsAndTheBodyAsBase64) {
  EXPECT_EQ(notify::base64(""), "");
  EXPECT_EQ(notify::base64("f"), "Zg==");
  EXPECT_EQ(notify::base64("fo"), "Zm8=");
  EXPECT_EQ(notify::base64("foo"), "Zm9v");
  EXPECT_EQ(notify::encode_header("Plain subject"), "Plain subject");
  EXPECT_EQ(notify::encode_header("政务"), "=?UTF-8?B?5pS/5Yqh?=");

  const std::string subject =
      "【超期】依申请公开 2026-AB12-CD34 已超过答复期限（2026-11-05），请尽快答复，逾期将影响年度考核";
  notify::MailHeaders h{"gk@example.gov.cn", "clerk@example.gov.cn", "Sun, 22 Nov 2026 05:19:48 +0000",
                        "gk.1.abc@example.gov.cn"};
  const std::string msg = notify::compose(h, subject, "第一行\n第二行：含 . 开头\n");
  const std::string encoded = header_of(msg, "Subject");
  EXPECT_TRUE(encoded.starts_with("=?UTF-8?B?")) << encoded;
  EXPECT_EQ(decode_header(encoded), subject);
  EXPECT_EQ(header_of(msg, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(header_of(msg, "Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(header_of(msg, "From"), "<gk@example.gov.cn>");
  EXPECT_EQ(header_of(msg, "To"), "<clerk@example.gov.cn>");
  EXPECT_EQ(header_of(msg, "Message-ID"), "<gk.1.abc@example.gov.cn>");
  // Every line within the limits of RFC 5322 and every encoded-word within RFC 2047's 75 characters.
  size_t pos = 0;
  while (pos < msg.size()) {
    const size_t end = msg.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos) << "every line ends with CRLF";
    EXPECT_LE(end - pos, 78u) << msg.substr(pos, end - pos);
    pos = end + 2;
  }
  const std::string folded =
      msg.substr(msg.find("Subject: ") + 9, msg.find("\r\nMessage-ID") - msg.find("Subject: ") - 9);
  size_t words = 0;
  for (size_t w = 0, end; w < folded.size(); w = end + 3, ++words) {
    end = std::min(folded.find("\r\n ", w), folded.size());
    EXPECT_LE(end - w, 75u) << folded.substr(w, end - w);
  }
  EXPECT_GT(words, 1u) << "a long subject is folded";
  const std::string body = msg.substr(msg.find("\r\n\r\n") + 4);
  EXPECT_EQ(decode_base64(body), "第一行\r\n第二行：含 . 开头\r\n");
  EXPECT_EQ(notify::encode_header("换行\r\nBcc: x@y.z"), notify::encode_header("换行  Bcc: x@y.z"))
      << "no header injection";
}

TEST_F(NotifyTest, DeliveryRetriesWithBackoffAndGivesUpAfterFiveAttempts) {
  ASSERT_TRUE(notify::enqueue(db(), mail("a")).ok());
  // No mail server: the message waits, its attempts untouched.
  auto r = notify::deliver(db(), nullptr, "", nullptr);
  EXPECT_EQ(r.waiting, 1);
  EXPECT_EQ(notify::find(db(), "a")->last_error, notify::kMailNotConfigured);
  EXPECT_EQ(notify::find(db(), "a")->attempts, 0);

  FakeMail fake;
  fake.failures_left = 1;
  r = notify::deliver(db(), &fake, "gk@example.gov.cn", nullptr);
  EXPECT_EQ(r.failed, 1);
  auto e = notify::find(db(), "a");
  EXPECT_EQ(e->attempts, 1);
  EXPECT_EQ(e->last_error, "连接邮件服务器超时");
  EXPECT_GT(e->next_attempt_at, now_iso()) << "waits 30 s before the next attempt";
  r = notify::deliver(db(), &fake, "gk@example.gov.cn", nullptr);
  EXPECT_EQ(r.sent + r.failed, 0) << "not yet";
  notify::DeliveryOptions now;
  now.ignore_backoff = true;
  r = notify::deliver(db(), &fake, "gk@example.gov.cn", nullptr, now);
  EXPECT_EQ(r.sent, 1);
  ASSERT_EQ(fake.sent.size(), 1u);
  EXPECT_EQ(fake.sent[0].to, "a@example.com");
  EXPECT_EQ(decode_header(header_of(fake.sent[0].message, "Subject")), "测试主题");
  EXPECT_TRUE(notify::find(db(), "a")->sent());
  r = notify::deliver(db(), &fake, "gk@example.gov.cn", nullptr, now);
  EXPECT_EQ(r.sent, 0) << "sent once";

  ASSERT_TRUE(notify::enqueue(db(), mail("b")).ok());
  fake.failures_left = 100;
  for (int i = 0; i < 7; ++i) notify::deliver(db(), &fake, "gk@example.gov.cn", nullptr, now);
  e = notify::find(db(), "b");
  EXPECT_EQ(e->attempts, notify::kMaxAttempts);
  EXPECT_TRUE(e->failed());
  EXPECT_EQ(e->status_label(), "发送失败");
  EXPECT_EQ(notify::counts(db()).failed, 1);
  EXPECT_EQ(notify::counts(db()).sent, 1);
  EXPECT_EQ(notify::prune(db(), std::chrono::hours(1)), 0) << "only messages older than the period";
  db().exec("UPDATE outbox SET created_at = '2020-01-01T00:00:00Z'");
  ASSERT_TRUE(notify::enqueue(db(), mail("c")).ok());
  db().exec("UPDATE outbox SET created_at = '2020-01-01T00:00:00Z' WHERE dedupe_key = 'c'");
  EXPECT_EQ(notify::prune(db(), notify::kKeepDelivered), 2) << "the sent and the failed one; the queued one stays";
  EXPECT_TRUE(notify::find(db(), "c"));
  EXPECT_EQ(notify::backoff(1).count(), 30);
  EXPECT_EQ(notify::backoff(4).count(), 30 * 64);
}

TEST_F(NotifyTest, TheFileSmsGatewayAppendsOneJsonLinePerMessage) {
  const auto path = dir_ / "logs" / "sms.log";
  notify::FileSmsGateway gw(path.string());
  ASSERT_TRUE(gw.send("13812341234", "您的申请已收到，查询码2026-AB12-CD34。").ok());
  ASSERT_TRUE(gw.send("13900001111", "第二条\n含换行和\"引号\"").ok());
  std::ifstream in(path);
  std::string line;
  std::vector<nlohmann::json> lines;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["to"], "13812341234");
  EXPECT_EQ(lines[0]["text"], "您的申请已收到，查询码2026-AB12-CD34。");
  EXPECT_EQ(lines[1]["text"], "第二条\n含换行和\"引号\"");
  EXPECT_TRUE(lines[1]["at"].get<std::string>().ends_with("Z"));

  // Through the outbox.
  ASSERT_TRUE(notify::enqueue(db(), {notify::Channel::kSms, "13812341234", "", "短信正文", "s1"}).ok());
  EXPECT_EQ(notify::deliver(db(), nullptr, "", &gw).sent, 1);
  EXPECT_TRUE(notify::find(db(), "s1")->sent());
  notify::FileSmsGateway bad((dir_ / "t.db" / "sms.log").string());  // a file where a directory should be
  EXPECT_FALSE(bad.send("13812341234", "x").ok());
}

TEST_F(NotifyTest, TheReminderJobAnnouncesEachLightOfEachCaseOnceToTheAgencysClerks) {
  const int64_t late = registered("2026-10-08");  // due 2026-11-04: 超期 on 11-22
  const int64_t soon = registered("2026-10-27");  // due 2026-11-24: 临期 on 11-22
  registered("2026-11-20");                       // due 2026-12-18: 正常
  registered("2026-10-08", town_);                // 超期, but the town has no clerk with an address
  ASSERT_TRUE(applications::submit_online(db(), system(), form()).ok());  // no period running yet
  set_email(clerk_, "clerk@example.gov.cn");
  set_email(admin_, "admin@example.gov.cn");
  set_email(reviewer_, "reviewer@example.gov.cn");  // not a handling role: not reminded
  const auto today = *parse_date("2026-11-22");

  auto run = notify::run_reminders(db(), today);
  EXPECT_EQ(run.cases, 3);
  EXPECT_EQ(run.queued, 4) << "two cases × clerk and agency admin";
  EXPECT_EQ(notify::run_reminders(db(), today).queued, 0) << "announced once";
  EXPECT_EQ(outbox_rows(), 4);
  auto overdue = notify::find(db(), "reminder:" + std::to_string(late) + ":overdue:2026-11-04:clerk@example.gov.cn");
  ASSERT_TRUE(overdue) << [&] {
    std::string keys;
    for (const auto& e : notify::recent(db())) keys += e.dedupe_key + "\n";
    return keys;
  }();
  EXPECT_TRUE(overdue->subject.starts_with("【超期】")) << overdue->subject;
  EXPECT_NE(overdue->body.find("已超期：12个工作日"), std::string::npos) << overdue->body;
  EXPECT_EQ(overdue->body.find("张三"), std::string::npos) << "no applicant data in reminders";
  auto due_soon = notify::find(db(), "reminder:" + std::to_string(soon) + ":due_soon:2026-11-24:admin@example.gov.cn");
  ASSERT_TRUE(due_soon);
  EXPECT_TRUE(due_soon->subject.starts_with("【临期】")) << due_soon->subject;
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM outbox WHERE recipient = 'reviewer@example.gov.cn'"), 0);

  // The yellow case turns red: announced again, once.
  run = notify::run_reminders(db(), *parse_date("2026-11-25"));
  EXPECT_EQ(run.queued, 2);
  EXPECT_TRUE(notify::find(db(), "reminder:" + std::to_string(soon) + ":overdue:2026-11-24:clerk@example.gov.cn"));
  EXPECT_EQ(notify::run_reminders(db(), *parse_date("2026-11-26")).queued, 0);

  // The assignee is reminded too, wherever they work.
  set_email(townclerk_, "town@example.gov.cn");
  auto c = applications::load(db(), late);
  c->assignee_id = townclerk_.user.id;
  EXPECT_EQ(notify::reminder_recipients(db(), *c),
            (std::vector<std::string>{"town@example.gov.cn", "clerk@example.gov.cn", "admin@example.gov.cn"}));

  // Switched off: nothing is looked at.
  auto s = notify::load_settings(db());
  s.reminders_enabled = false;
  ASSERT_TRUE(notify::save_settings(db(), nullptr, system(), s).ok());
  EXPECT_FALSE(notify::run_reminders(db(), *parse_date("2026-11-27")).enabled);
}

TEST_F(NotifyTest, TheReceiptNoticeGivesTheCodeAndTheRuleButNeverThePassword) {
  auto r = applications::submit_online(db(), system(), form());
  ASSERT_TRUE(r.ok());
  auto c = applications::load(db(), r->id);
  EXPECT_EQ(notify::application_received(db(), *c, ""), 2);
  EXPECT_EQ(notify::application_received(db(), *c, ""), 0) << "once per case";
  auto m = notify::find(db(), "receipt:" + std::to_string(c->id) + ":email");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->recipient, "zhang@example.com");
  EXPECT_NE(m->subject.find(c->code), std::string::npos);
  EXPECT_NE(m->body.find("查询码：" + c->code), std::string::npos);
  EXPECT_NE(m->body.find("第三十一条第三项"), std::string::npos) << m->body;
  EXPECT_NE(m->body.find("/apply/status?code=" + c->code), std::string::npos);
  EXPECT_EQ(m->body.find(r->password), std::string::npos) << "never the password";
  auto sms = notify::find(db(), "receipt:" + std::to_string(c->id) + ":sms");
  ASSERT_TRUE(sms);
  EXPECT_EQ(sms->recipient, "13812341234");
  EXPECT_NE(sms->body.find(c->code), std::string::npos);

  // Registered by staff: the clock's rules of the case, with the portal address from the settings.
  auto s = notify::load_settings(db());
  s.site_url = "https://gk.example.gov.cn";
  ASSERT_TRUE(notify::save_settings(db(), nullptr, system(), s).ok());
  auto staff = applications::load(db(), registered("2026-11-20"));
  staff->applicant.phone = "010-12345678";  // a fixed line: no SMS
  EXPECT_EQ(notify::application_received(db(), *staff, "查询密码已由工作人员当面告知。"), 1);
  auto sm = notify::find(db(), "receipt:" + std::to_string(staff->id) + ":email");
  EXPECT_NE(sm->body.find("邮寄提交的，以行政机关签收之日为收到申请之日"), std::string::npos) << sm->body;
  EXPECT_NE(sm->body.find("2026年12月18日"), std::string::npos) << sm->body;
  EXPECT_NE(sm->body.find("查询密码已由工作人员当面告知。"), std::string::npos);
  EXPECT_NE(sm->body.find("https://gk.example.gov.cn/apply/status?code="), std::string::npos);

  c->applicant.email.clear();
  c->applicant.phone.clear();
  c->id = 9999;
  EXPECT_EQ(notify::application_received(db(), *c, ""), 0);
}

TEST_F(NotifyTest, SettingsAreValidatedInChineseAndThePasswordIsKeptButNeverShownOrAudited) {
  notify::SettingsForm f;
  f.smtp_host = "smtp example";
  f.smtp_port = "70000";
  f.smtp_from = "";
  f.smtp_tls = "tls1.0";
  f.site_url = "gk.example.gov.cn";
  auto bad = notify::parse_settings_form(f, {});
  ASSERT_FALSE(bad.ok());
  for (const char* k : {"smtp_host", "smtp_port", "smtp_tls", "site_url"})
    EXPECT_EQ(bad.error().fields.count(k), 1u) << k;
  f.smtp_host = "smtp.example.gov.cn";
  EXPECT_EQ(notify::parse_settings_form(f, {}).error().fields.at("smtp_from"), "填写了邮件服务器时，请填写发件人邮箱");

  f = {};
  f.smtp_host = "smtp.example.gov.cn";
  f.smtp_port = "587";
  f.smtp_from = "gk@example.gov.cn";
  f.smtp_user = "gk";
  f.smtp_password = "S3cret-pass";
  f.smtp_tls = "starttls";
  f.reminders_enabled = true;
  f.site_url = "https://gk.example.gov.cn/";
  auto s = notify::parse_settings_form(f, {});
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->site_url, "https://gk.example.gov.cn");
  auto admin = make_user("platform", county_, {"platform_admin"});
  EXPECT_EQ(notify::save_settings(db(), &clerk_, system(), *s).error().kind, Error::Kind::kForbidden);
  ASSERT_TRUE(notify::save_settings(db(), &admin, system(), *s).ok());
  auto loaded = notify::load_settings(db());
  EXPECT_EQ(loaded.smtp.password, "S3cret-pass");
  EXPECT_EQ(loaded.smtp.port, 587);
  EXPECT_EQ(loaded.smtp.tls, notify::Tls::kStartTls);
  EXPECT_EQ(notify::settings_json(loaded)["smtp_password"], "已设置");

  f.smtp_password = "";  // the form never shows it: empty keeps it
  f.smtp_port = "25";
  ASSERT_TRUE(notify::save_settings(db(), &admin, system(), *notify::parse_settings_form(f, loaded)).ok());
  EXPECT_EQ(notify::load_settings(db()).smtp.password, "S3cret-pass");
  f.clear_password = true;
  ASSERT_TRUE(notify::save_settings(db(), &admin, system(), *notify::parse_settings_form(f, loaded)).ok());
  EXPECT_EQ(notify::load_settings(db()).smtp.password, "");
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM audit_events WHERE entity = 'notify_settings'"), 3);
  EXPECT_EQ(db().scalar_int(
                "SELECT COUNT(*) FROM audit_events WHERE before_json LIKE '%S3cret%' OR after_json LIKE '%S3cret%'"),
            0);

  EXPECT_EQ(notify::enqueue_test_mail(db(), &admin, system(), "").error().fields.count("to"), 1u);
  EXPECT_EQ(notify::enqueue_test_mail(db(), &admin, system(), "bad@").error().fields.count("to"), 1u);
  ASSERT_TRUE(notify::enqueue_test_mail(db(), &admin, system(), "me@example.gov.cn").ok());
  ASSERT_TRUE(notify::enqueue_test_mail(db(), &admin, system(), "me@example.gov.cn").ok());
  EXPECT_EQ(outbox_rows(), 2) << "every test mail is a new message";
}

}  // namespace
}  // namespace gk::testing
