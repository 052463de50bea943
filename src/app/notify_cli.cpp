// `gongkai notify ...`: see notify_cli.h.
#include "app/notify_cli.h"

#include <iostream>

#include "accounts/service.h"
#include "notify/reminders.h"
#include "notify/sender.h"
#include "notify/staff_email.h"
#include "platform/time.h"

namespace gk::app {
namespace {

int fail(const Error& e) {
  std::cerr << "error: " << e.message << "\n";
  return 1;
}

}  // namespace

int cmd_notify_send(db::Db& db) {
  notify::DeliveryOptions o;
  o.ignore_backoff = true;
  const auto r = notify::deliver_pending(db, o);
  std::cout << "sent " << r.sent << ", failed " << r.failed << ", waiting for configuration " << r.waiting << "\n";
  return r.failed > 0 ? 1 : 0;
}

int cmd_notify_reminders(db::Db& db, const std::string& today) {
  const std::string day = today.empty() ? today_cn() : today;
  auto d = parse_date(day);
  if (!d || format_date(*d) != day) return fail(Error::invalid("invalid_date", "日期格式应为 YYYY-MM-DD：" + day));
  const auto run = notify::run_reminders(db, *d);
  if (!run.enabled) {
    std::cout << "reminders are disabled (reminders.enabled = 0)\n";
    return 0;
  }
  std::cout << run.cases << " open applications at 临期 or 超期 on " << day << ", " << run.queued
            << " reminders queued\n";
  return 0;
}

int cmd_notify_staff_email(db::Db& db, const std::string& username, const std::string& email) {
  auto u = accounts::find_user(db, username);
  if (!u) return fail(Error::not_found("unknown user: " + username));
  auto st = notify::set_staff_email(db, nullptr, {std::nullopt, "命令行", ""}, u->id, email);
  if (!st) return fail(st.error());
  std::cout << "reminder address of " << username << (email.empty() ? " cleared" : " set") << "\n";
  return 0;
}

}  // namespace gk::app
