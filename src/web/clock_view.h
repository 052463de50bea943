// The statutory clock's reading as the pages show it (the clock_result partial): the calculator,
// the applicant's status page and the back-office case page share it.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "clock/clock.h"

namespace gk::web {

// The reading's JSON (clock::to_json) plus what the templates need: due_cn, open, is_overdue,
// overdue_by, has_days, has_limits, has_warnings, limits[].late, and `as_of` (the day it was read).
nlohmann::json clock_view(const clock::Reading& r, std::string_view as_of);

}  // namespace gk::web
