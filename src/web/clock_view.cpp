// See clock_view.h.
#include "web/clock_view.h"

#include "platform/time.h"

namespace gk::web {

nlohmann::json clock_view(const clock::Reading& r, std::string_view as_of) {
  nlohmann::json j = clock::to_json(r);
  j["due_cn"] = r.due ? format_date_cn(format_date(*r.due)) : "";
  j["open"] = r.phase == clock::Phase::kRunning || r.phase == clock::Phase::kPaused;
  j["is_overdue"] = r.urgency == clock::Urgency::kOverdue;
  if (r.workdays_left < 0) j["overdue_by"] = -r.workdays_left;
  j["has_days"] = !r.days.empty();
  j["has_limits"] = !r.limits.empty();
  j["has_warnings"] = !r.warnings.empty();
  j["as_of"] = std::string(as_of);
  for (auto& l : j["limits"]) l["late"] = !l["kept"].get<bool>();
  return j;
}

}  // namespace gk::web
