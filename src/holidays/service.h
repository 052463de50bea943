// Holiday schedules entered by a platform administrator (years the shipped data lacks), stored in
// the database and installed into the calendar in force (calendar::current()).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accounts/model.h"
#include "platform/audit/audit.h"
#include "platform/calendar/calendar.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::holidays {

// Reads the stored years and installs them with the shipped ones. Call at start and whenever
// another process may have added a year. Throws std::runtime_error if a stored year is invalid.
void load(db::Db& db);

// Adds a year: platform admins only (`by` nullptr = the command-line operator). The schedule is
// validated (dates inside the year, no overlaps, make-up days on weekends), must be a year the
// calendar does not have yet, is stored and audited in one transaction, then put in force.
Status add_year(db::Db& db, const accounts::Principal* by, const audit::Actor& actor,
                const calendar::YearSchedule& schedule);

// Parses what the back-office form takes: one entry per line, "名称 YYYY-MM-DD YYYY-MM-DD" (or one
// date for a single day) for off days, "名称 YYYY-MM-DD" for make-up working days. Blank lines are
// skipped. Returns the schedule or field errors ("off", "work") naming the bad line.
Result<calendar::YearSchedule> parse_form(std::string_view year, std::string_view off_lines,
                                          std::string_view work_lines);

// When `today` (YYYY-MM-DD) is in December and next year's schedule is missing, the warning to show
// on the dashboard; nullopt otherwise.
std::optional<std::string> missing_next_year_warning(std::string_view today);

}  // namespace gk::holidays
