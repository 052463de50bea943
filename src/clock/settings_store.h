// The statutory clock's platform settings (start-day rule, 临期 threshold, whether the fee wait
// pauses the reply period), stored in the settings table and changed by a platform administrator.
#pragma once

#include <string_view>

#include "accounts/model.h"
#include "clock/clock.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::clock {

// The settings in force: stored values over the defaults of clock::Settings. A stored value that
// is not understood is ignored (the default applies) and logged.
Settings load_settings(db::Db& db);

// Stores the settings: platform admins only (`by` nullptr = the command-line operator). Validated
// (临期 0–20 working days), audited with before and after, in one transaction.
Status save_settings(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, const Settings& s);

// Parses the back-office form fields: start_day ("next" | "same"), due_soon (0–20),
// fee_wait ("pause" | "count"). Field errors in Chinese.
Result<Settings> parse_settings_form(std::string_view start_day, std::string_view due_soon, std::string_view fee_wait);

// {"start_day", "due_soon", "fee_wait"} as the form and the audit trail show them.
nlohmann::json settings_json(const Settings& s);

}  // namespace gk::clock
