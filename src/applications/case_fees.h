// The 信息处理费 of one case (国办函〔2020〕109号, ogi-facts §3): the quote the 收费通知 step offers and
// checks, from fees.h with the applicant's month counted from the records, and the one method a case
// may use. The service's fee_notice step and the case page's calculator both use it.
//
// Decisions (docs/applications.md, "信息处理费"):
// - 按件: the pieces the applicant filed earlier in the same natural month are the applicant's other
//   applications across the whole platform (every agency) received (or, before confirmation,
//   submitted) earlier in that month, one piece each (related.h earlier_same_month); the clerk enters
//   the pieces of this application after splitting by 一事一申请 (default 1).
// - 按量: the clerk enters the pages.
// - One method per case (第三条): once a fee notice used a method, another method is refused.
// - The quote is a ceiling: the notice may state the quoted amount or less (第三条/第四条 say an agency
//   "可以" charge, so charging less is within its discretion; 减收 is recorded as such), never more,
//   and a quote of 0元 issues no notice.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "applications/fees.h"
#include "applications/model.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::applications {

// What the clerk enters for a quote (form and API strings, validated here).
struct FeeInput {
  std::string method;  // by_piece | by_page
  std::string pieces;  // 按件: pieces of this application (default 1)
  std::string pages;   // 按量: pages
};

// The quote for `c` with the earlier pieces it was computed from.
struct CaseFeeQuote {
  FeeQuote quote;
  int earlier_this_month = 0;  // 按件 only
  int units = 0;               // pieces or pages of this application
};

// The method of the case's earlier fee notices, or nullopt when none stated one.
std::optional<FeeQuote::Method> fee_method_used(const Case& c);

// The applicant's pieces earlier in the natural month of `c` across the platform (see above).
int earlier_pieces_this_month(db::Db& db, const Case& c);

// The quote for `c` from `in`. Field errors (Chinese) keyed fee_method, pieces, pages: no or unknown
// method, a method other than the one the case already used (第三条), a count that is not a positive
// whole number.
Result<CaseFeeQuote> quote_case_fee(db::Db& db, const Case& c, const FeeInput& in);

// The amount a notice states: `amount_text` ("" = the quote's amount) in whole 元, positive and not
// above the quote. Field errors keyed amount; a quote of 0元 is refused (no notice is due).
Result<int64_t> fee_notice_amount(const CaseFeeQuote& q, std::string_view amount_text);

}  // namespace gk::applications
