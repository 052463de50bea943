// See reminders.h.
#include "notify/reminders.h"

#include <algorithm>

#include "applications/dashboard.h"
#include "applications/service.h"
#include "clock/settings_store.h"
#include "notify/outbox.h"
#include "notify/settings.h"
#include "notify/text.h"
#include "platform/time.h"

namespace gk::notify {
namespace {

Message reminder(const applications::Case& c, const clock::Reading& r, clock::Urgency light, const std::string& to,
                 const std::string& site_url) {
  const bool overdue = light == clock::Urgency::kOverdue;
  const std::string due = format_date(*r.due);
  Message m;
  m.channel = Channel::kEmail;
  m.recipient = to;
  m.dedupe_key =
      "reminder:" + std::to_string(c.id) + ":" + std::string(clock::urgency_name(light)) + ":" + due + ":" + to;
  m.subject = overdue ? "【超期】依申请公开 " + c.code + " 已超过答复期限（" + due + "）"
                      : "【临期】依申请公开 " + c.code + " 答复期限为" + due + "，剩余" +
                            std::to_string(r.workdays_left) + "个工作日";
  std::string b;
  b += c.agency_name + "依申请公开工作人员：\n\n";
  b += overdue ? "以下政府信息公开申请已超过法定答复期限，请尽快答复：\n\n"
               : "以下政府信息公开申请即将到期，请在答复期限内答复：\n\n";
  b += "查询码：" + c.code + "\n";
  b += "所需信息：" + cut_utf8(c.request.description, 120) + "\n";
  b += "收到申请之日：" + format_date_cn(c.received_date) + "\n";
  b += "答复期限：" + format_date_cn(due) + (r.due_provisional ? "（征求意见或缴费尚未结束，按其最长期限估算）" : "") +
       "\n";
  b += overdue ? "已超期：" + std::to_string(-r.workdays_left) + "个工作日\n"
               : "剩余：" + std::to_string(r.workdays_left) + "个工作日\n";
  b += "当前环节：" + std::string(applications::stage_label(c.stage)) + "\n";
  b += "承办人：" + (c.assignee_name.empty() ? std::string("未指定") : c.assignee_name) + "\n\n";
  b += "办理页面：" + site_url + "/admin/applications/" + std::to_string(c.id) + "\n\n";
  b += "每个申请在临期和超期时各提醒一次；答复期限变化（如延长）后会按新的期限再次提醒。\n";
  b += "本邮件由政务公开平台自动发送，请勿直接回复。\n";
  m.body = std::move(b);
  return m;
}

}  // namespace

std::vector<std::string> reminder_recipients(db::Db& db, const applications::Case& c) {
  std::vector<std::string> out;
  auto add = [&](const std::string& a) {
    if (!a.empty() && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  };
  if (c.assignee_id) {
    auto r = db.query_one("SELECT email FROM users WHERE id = ? AND disabled = 0", {*c.assignee_id});
    if (r) add(r->s(0));
  }
  for (const auto& row :
       db.query("SELECT DISTINCT u.id, u.email FROM users u JOIN user_roles r ON r.user_id = u.id "
                "WHERE u.agency_id = ? AND u.disabled = 0 AND u.email != '' AND r.role IN ('drafter', 'agency_admin') "
                "ORDER BY u.id",
                {c.agency_id})) {
    add(row.s(1));
  }
  return out;
}

ReminderRun run_reminders(db::Db& db, calendar::Date today) {
  ReminderRun run;
  const Settings settings = load_settings(db);
  if (!settings.reminders_enabled) {
    run.enabled = false;
    return run;
  }
  const clock::Settings clock_settings = clock::load_settings(db);
  applications::ListFilter f;
  for (const auto& row : db.query("SELECT id FROM agencies ORDER BY id")) f.agency_scope.push_back(row.i(0));
  if (f.agency_scope.empty()) return run;
  f.stage = "open";
  f.per_page = 200;
  // The cases first (the pages must not shift while messages are queued), then their events in
  // batches rather than one load per case.
  std::vector<applications::Case> cases;
  for (f.page = 1;; ++f.page) {
    auto page = applications::list_cases(db, f);
    for (auto& k : page.cases) cases.push_back(std::move(k));
    if (f.page >= page.pages()) break;
  }
  applications::load_events(db, cases);
  for (const auto& k : cases) {
    const applications::Case* c = &k;
    clock::Reading reading;
    const auto light = applications::light_of(*c, today, clock_settings, &reading);
    if (!light || *light == clock::Urgency::kNormal) continue;
    ++run.cases;
    const auto to = reminder_recipients(db, *c);
    if (to.empty()) continue;
    db.write([&] {
      for (const auto& address : to) {
        auto queued = enqueue(db, reminder(*c, reading, *light, address, settings.site_url));
        if (queued && *queued) ++run.queued;
      }
      return 0;
    });
  }
  return run;
}

}  // namespace gk::notify
