// See receipt.h.
#include "notify/receipt.h"

#include <spdlog/spdlog.h>

#include "applications/applicant_checks.h"
#include "applications/service.h"
#include "clock/settings_store.h"
#include "notify/outbox.h"
#include "notify/settings.h"
#include "platform/calendar/calendar.h"
#include "platform/time.h"

namespace gk::notify {
namespace {

constexpr std::string_view kDefaultHint = "查询密码已在提交成功页面显示，请妥善保管。";

// The reply period as the applicant should read it: the rules the clock applied to the case, or
// for an online application not yet confirmed, Art. 31 (三) and the due date if it is confirmed today.
std::string period_text(db::Db& db, const applications::Case& c) {
  const clock::Settings settings = clock::load_settings(db);
  const auto today = *parse_date(today_cn());
  std::string out;
  if (c.received_date.empty()) {
    out +=
        "网上提交的申请，以行政机关与您双方确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第三项）"
        "。"
        "工作人员确认后，答复期限开始计算。\n";
    out +=
        "行政机关应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经批准可以延长，延长的期限最长不超过20个"
        "工作日，并会告知您（条例第三十三条）。\n";
    auto events = clock::parse_events("received " + today_cn() + " online");
    if (events) {
      auto r = clock::evaluate(*calendar::current(), *events, today, settings);
      if (r && r->due) out += "如于今天确认收到，答复期限为" + format_date_cn(format_date(*r->due)) + "。\n";
    }
    return out;
  }
  auto r = applications::clock_of(c, today, settings);
  if (!r) {
    out += "收到申请之日：" + format_date_cn(c.received_date) + "（" +
           std::string(applications::label_of(applications::kChannels, c.channel)) + "）。\n";
    return out;
  }
  out += "答复期限的计算：\n";
  for (size_t i = 0; i < r->rules.size(); ++i) out += std::to_string(i + 1) + ". " + r->rules[i] + "\n";
  out += "需要延长答复期限的，经批准可以延长，延长的期限最长不超过20个工作日，并会告知您（条例第三十三条）。\n";
  return out;
}

}  // namespace

int application_received(db::Db& db, const applications::Case& c, std::string_view password_hint) {
  const Settings settings = load_settings(db);
  const std::string status_url = settings.site_url + "/apply/status?code=" + c.code;
  const std::string hint(password_hint.empty() ? kDefaultHint : password_hint);
  int queued = 0;
  auto queue = [&](const Message& m) {
    auto r = enqueue(db, m);
    if (!r) {
      spdlog::warn("receipt notice of application {} not queued: {}", c.code, r.error().message);
      return;
    }
    if (*r) ++queued;
  };
  if (!c.applicant.email.empty()) {
    Message m;
    m.channel = Channel::kEmail;
    m.recipient = c.applicant.email;
    m.dedupe_key = "receipt:" + std::to_string(c.id) + ":email";
    m.subject = "政府信息公开申请已收到（查询码 " + c.code + "）";
    std::string b;
    b += c.applicant.name + "：\n\n";
    b += "您向" + c.agency_name + "提交的政府信息公开申请已收到。\n\n";
    b += "查询码：" + c.code + "\n";
    b += hint + "为保护您的信息，本邮件不包含查询密码。\n\n";
    b += period_text(db, c) + "\n";
    b += "申请内容不明确的，行政机关会在收到申请之日起7个工作日内一次性告知您补正；补正后答复期限重新计算（条例第三十条"
         "）。\n\n";
    b += "办理进度查询：" + status_url + "\n";
    b += "凭查询码和查询密码可以查看办理进度、提交补正、下载告知书。\n\n";
    b += "本邮件由政务公开平台自动发送，请勿直接回复。\n";
    b += c.agency_name + "\n";
    m.body = std::move(b);
    queue(m);
  }
  if (!c.applicant.phone.empty()) {
    if (auto p = applications::normalize_phone(c.applicant.phone); p && p->size() == 11 && (*p)[0] == '1') {
      Message m;
      m.channel = Channel::kSms;
      m.recipient = *p;
      m.dedupe_key = "receipt:" + std::to_string(c.id) + ":sms";
      m.body = "【" + c.agency_name + "】您的政府信息公开申请已收到，查询码" + c.code + "。请凭查询码和查询密码在" +
               status_url + "查询办理进度。";
      queue(m);
    }
  }
  return queued;
}

}  // namespace gk::notify
