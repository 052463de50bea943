// See scheduler.h.
#include "app/scheduler.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>

#include "notify/reminders.h"
#include "notify/sender.h"
#include "platform/time.h"

namespace gk::app {

std::chrono::seconds Scheduler::interval_from_env() {
  if (const char* v = std::getenv("GK_SCHEDULER_INTERVAL"); v && *v) {
    const std::string s(v);
    if (s.size() <= 5 && s.find_first_not_of("0123456789") == std::string::npos) {
      const int n = std::stoi(s);
      if (n >= 1 && n <= 86400) return std::chrono::seconds(n);
    }
    spdlog::warn("GK_SCHEDULER_INTERVAL={} is not a number of seconds from 1 to 86400; using 60", s);
  }
  return std::chrono::seconds(60);
}

Scheduler::Scheduler(std::shared_ptr<db::Database> database, std::chrono::seconds interval)
    : database_(std::move(database)), interval_(interval) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::run() {
  db::Db& db = database_->conn();  // this thread's own connection
  for (int n = 0; !stopping_; ++n) {
    tick(db, n % kReminderEveryTicks == 0);
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, interval_, [this] { return stopping_.load(); });
  }
}

void Scheduler::tick(db::Db& db, bool reminders) {
  // A failing job (database busy beyond its timeout, a bug) is logged and tried again next tick:
  // the scheduler must outlive it.
  try {
    if (reminders) {
      notify::prune(db, notify::kKeepDelivered);
      const auto run = notify::run_reminders(db, *parse_date(today_cn()));
      if (run.queued > 0)
        spdlog::info("reminders: {} cases at 临期 or 超期, {} messages queued", run.cases, run.queued);
    }
  } catch (const std::exception& e) {
    spdlog::error("reminder job failed: {}", e.what());
  }
  try {
    notify::DeliveryOptions o;
    o.cancel = &stopping_;
    const auto r = notify::deliver_pending(db, o);
    if (r.sent + r.failed > 0) spdlog::info("outbox: {} sent, {} failed", r.sent, r.failed);
  } catch (const std::exception& e) {
    spdlog::error("outbox delivery failed: {}", e.what());
  }
}

}  // namespace gk::app
