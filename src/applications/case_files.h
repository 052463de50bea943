// Reading back the files kept with a case (ID proof, 补正 material, letters) for download, and who
// may have which: staff who can read the case — the applicant's ID proof only for those who see
// personal data — and the applicant, after opening the case by code and password, only the letters
// addressed to them. A file is only ever served through its own case.
#pragma once

#include <cstdint>
#include <string>

#include "accounts/model.h"
#include "applications/model.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::applications {

struct FileContent {
  CaseFile file;
  std::string bytes;
};

// File `file_id` of case `case_id` for staff. Errors: kNotFound when the case or the file (of this
// case) is absent; kForbidden when the case is outside the principal's reach (agencies::can_read),
// or the file is ID proof and the principal does not see personal data (sees_personal_data).
Result<FileContent> file_for_staff(db::Db& db, const accounts::Principal& p, int64_t case_id, int64_t file_id);

// File `file_id` of `opened` (a case returned by open_by_code) for its applicant: only letters
// visible to the applicant. Error kNotFound otherwise.
Result<FileContent> file_for_applicant(db::Db& db, const Case& opened, int64_t file_id);

}  // namespace gk::applications
