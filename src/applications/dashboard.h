// The deadline lights of open applications (issue 5 §8): how many cases are 超期, 临期 and 正常 per
// handling department and per person, and the cases that need attention first. Read from the
// statutory clock on the day given.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "applications/model.h"
#include "clock/clock.h"
#include "platform/db/db.h"

namespace gk::applications {

struct LightCounts {
  int overdue = 0;
  int due_soon = 0;
  int normal = 0;
  int waiting = 0;  // no running period: awaiting confirmation or 补正
  int total() const { return overdue + due_soon + normal + waiting; }
};

struct AttentionCase {
  Case c;
  clock::Reading reading;
};

struct Lights {
  LightCounts all;
  std::map<std::string, LightCounts> by_department;  // handling department, or the agency itself
  std::map<std::string, LightCounts> by_person;      // assignee, or "未指定"
  std::vector<AttentionCase> attention;              // 超期 and 临期 cases, the most urgent first (at most 50)
};

// The light of one case on `today`: 超期, 临期 or 正常 while its reply period is running or paused;
// nullopt when no period runs (awaiting confirmation or 补正, closed) or the clock cannot read the
// case. The deadline lights below and the reminders (notify/reminders.h) both count by this rule.
// `reading`, when given, receives the clock's reading of a case that has a light.
std::optional<clock::Urgency> light_of(const Case& c, calendar::Date today, const clock::Settings& settings,
                                       clock::Reading* reading = nullptr);

// The lights of the open cases of `agency_scope` on `today`.
Lights deadline_lights(db::Db& db, const std::vector<int64_t>& agency_scope, calendar::Date today,
                       const clock::Settings& settings);

}  // namespace gk::applications
