// Applicant personal data over time (issue 5 §12): the retention setting (how many years after a
// case is closed its applicant's personal data is kept), the purge that anonymizes older cases
// (keeping what the annual report counts: the applicant category, dates and outcome), and the
// audited export of cases.
#pragma once

#include <string>
#include <vector>

#include "accounts/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::applications {

// Years after closing that personal data is kept; 0 = kept until removed by hand. Default 0.
int retention_years(db::Db& db);
// Sets it (platform admins only; 0–100), audited as entity "privacy_settings".
Status set_retention_years(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, int years);

// Anonymizes the applicants of cases closed before `today` minus the retention period: name,
// ID number, credit code, contacts and address are replaced, uploaded ID proofs unlinked; one
// audit event per case. Returns how many cases were anonymized (0 when retention is 0).
Result<int> purge_personal_data(db::Db& db, const audit::Actor& actor, std::string_view today);

// The cases of `agency_ids` received in `year` as CSV (UTF-8 with BOM, for spreadsheet programs),
// with personal data only for cases `p` may see it on (sees_personal_data), masked otherwise. The
// export is audited (entity "application_export", with the year and the number of rows).
Result<std::string> export_csv(db::Db& db, const accounts::Principal& p, const audit::Actor& actor,
                               const std::vector<int64_t>& agency_ids, int year);

}  // namespace gk::applications
