// The register of 行政复议 and 行政诉讼 about disclosure (issue 5 §10): one record per case, linked
// to an application (or only to the agency when none), with its kind, the 复议机关 or court, dates
// and result. It feeds 表四 of the annual report, whose three groups and four results the kinds and
// results here are (keys as in data/report_formats: review, suit_direct, suit_after_review ×
// upheld, corrected, other, pending).
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/model.h"
#include "applications/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::applications {

inline constexpr std::array<Label, 3> kReviewKinds = {{
    {"review", "行政复议"},
    {"suit_direct", "行政诉讼（未经复议直接起诉）"},
    {"suit_after_review", "行政诉讼（复议后起诉）"},
}};

inline constexpr std::array<Label, 4> kReviewResults = {{
    {"upheld", "结果维持"},
    {"corrected", "结果纠正"},
    {"other", "其他结果"},
    {"pending", "尚未审结"},
}};

struct ReviewCase {
  int64_t id = 0;
  int64_t agency_id = 0;
  std::string agency_name;
  std::optional<int64_t> application_id;
  std::string application_code;
  std::string kind;
  std::string body;      // 复议机关 / 人民法院
  std::string case_no;   // 案号
  std::string applicant; // 申请人或原告
  std::string filed_date;
  std::string result;
  std::string decided_date;
  std::string summary;
  std::string updated_at;
};

// What the form edits. application_code links the case to an application of the same agency.
struct ReviewInput {
  int64_t agency_id = 0;
  std::string application_code;
  std::string kind, body, case_no, applicant, filed_date, result, decided_date, summary;
};

// Creates a record: staff of the agency (or an administrator above it) with a clerk or
// administrator role. Validated (kind and result from the lists; filed date a real date not in the
// future; a decided result needs its decision date, not before filing; 尚未审结 has none; the
// application, when given, belongs to the agency); audited. Field errors in Chinese.
Result<ReviewCase> create_review(db::Db& db, const accounts::Principal& p, const audit::Actor& actor,
                                 const ReviewInput& in);
// Updates a record (e.g. the result once decided), with the same checks.
Result<ReviewCase> update_review(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t id,
                                 const ReviewInput& in);
// A record the principal may read (kNotFound / kForbidden otherwise).
Result<ReviewCase> get_review(db::Db& db, const accounts::Principal& p, int64_t id);
// The records of `agency_ids` (newest filing first); of one application when `application_id` is set.
std::vector<ReviewCase> list_reviews(db::Db& db, const std::vector<int64_t>& agency_ids,
                                     std::optional<int64_t> application_id = std::nullopt);
nlohmann::json to_json(const ReviewCase& r);

}  // namespace gk::applications
