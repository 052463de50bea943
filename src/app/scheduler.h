// The background scheduler of `gongkai serve`: one thread with its own database connection that
// every tick (default 60 s; GK_SCHEDULER_INTERVAL seconds) delivers the outbox and, at the first
// tick and then every kReminderEveryTicks ticks, runs the deadline-reminder job (and deletes
// delivered messages older than notify::kKeepDelivered). Stopping wakes the
// thread, aborts a mail transfer in progress and joins it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "platform/db/db.h"

namespace gk::app {

class Scheduler {
 public:
  static constexpr int kReminderEveryTicks = 10;

  // The tick from GK_SCHEDULER_INTERVAL (whole seconds, 1–86400), else 60 s.
  static std::chrono::seconds interval_from_env();

  Scheduler(std::shared_ptr<db::Database> database, std::chrono::seconds interval);
  ~Scheduler();  // stops
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void start();
  // Idempotent; returns when the thread has ended.
  void stop();

 private:
  void run();
  void tick(db::Db& db, bool reminders);

  std::shared_ptr<db::Database> database_;
  std::chrono::seconds interval_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

}  // namespace gk::app
