// See dashboard.h.
#include "applications/dashboard.h"

#include <algorithm>

#include "agencies/service.h"
#include "applications/service.h"

namespace gk::applications {

std::optional<clock::Urgency> light_of(const Case& c, calendar::Date today, const clock::Settings& settings,
                                       clock::Reading* reading) {
  auto r = clock_of(c, today, settings);
  if (!r || !r->due || (r->phase != clock::Phase::kRunning && r->phase != clock::Phase::kPaused)) return std::nullopt;
  if (reading) *reading = *r;
  return r->urgency;
}

Lights deadline_lights(db::Db& db, const std::vector<int64_t>& agency_scope, calendar::Date today,
                       const clock::Settings& settings) {
  Lights out;
  ListFilter f;
  f.agency_scope = agency_scope;
  f.stage = "open";
  f.per_page = 200;
  std::map<int64_t, std::string> names;
  for (f.page = 1;; ++f.page) {
    auto page = list_cases(db, f);
    load_events(db, page.cases);  // the events of the whole page in one query, for the clock
    for (auto& k : page.cases) {
      const Case* full = &k;
      const int64_t dept_id = full->handling_agency_id.value_or(full->agency_id);
      if (!names.contains(dept_id)) {
        auto a = agencies::get(db, dept_id);
        names[dept_id] = a ? a->name : full->agency_name;
      }
      LightCounts& d = out.by_department[names[dept_id]];
      LightCounts& p = out.by_person[full->assignee_name.empty() ? "未指定" : full->assignee_name];
      clock::Reading reading;
      const auto light = light_of(*full, today, settings, &reading);
      int LightCounts::*slot = &LightCounts::waiting;
      if (light) {
        slot = *light == clock::Urgency::kOverdue   ? &LightCounts::overdue
               : *light == clock::Urgency::kDueSoon ? &LightCounts::due_soon
                                                    : &LightCounts::normal;
        if (*light != clock::Urgency::kNormal) out.attention.push_back({*full, reading});
      }
      ++(out.all.*slot);
      ++(d.*slot);
      ++(p.*slot);
    }
    if (f.page >= page.pages()) break;
  }
  std::stable_sort(out.attention.begin(), out.attention.end(), [](const AttentionCase& a, const AttentionCase& b) {
    return a.reading.workdays_left < b.reading.workdays_left;
  });
  if (out.attention.size() > 50) out.attention.resize(50);
  return out;
}

}  // namespace gk::applications
