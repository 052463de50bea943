// Deadline reminders (issue 5 §8): an e-mail when an open application turns 临期 (yellow) and when it
// turns 超期 (red), to the staff of the case's agency who handle applications (信息员 and 机关管理员,
// and the assigned person) who have an e-mail address. Each light of each due date is announced
// once per address, however often the job runs: the dedupe key is
// "reminder:{case id}:{due_soon|overdue}:{due date}:{address}", so a new due date (an extension, a
// 补正 restarting the period) is announced again.
#pragma once

#include <string>
#include <vector>

#include "applications/model.h"
#include "clock/clock.h"
#include "platform/db/db.h"

namespace gk::notify {

struct ReminderRun {
  bool enabled = true;  // false: reminders.enabled is off, nothing was looked at
  int cases = 0;        // open cases with a 临期 or 超期 light
  int queued = 0;       // new messages in the outbox
};

// Looks at every open application of every agency on `today` (China date) with the clock settings
// of the platform and queues the reminders not yet queued.
ReminderRun run_reminders(db::Db& db, calendar::Date today);

// Who is reminded of case `c`: the addresses of the assignee and of the enabled users of the case's
// agency holding the drafter or agency_admin role, without duplicates, in user order.
std::vector<std::string> reminder_recipients(db::Db& db, const applications::Case& c);

}  // namespace gk::notify
