// What the applications module contributes to the annual report (issue 5 §10–11; issue 6 §3): 表三
// counted from the cases, and 表四 from the 行政复议/行政诉讼 register, as report cell values
// (reports/table_values.h). The year boundary rule: a case counts as 本年新收 in the year of its
// receipt date; as a result in the year it was closed (by its outcome's row, outcomes.h); as
// 结转下年度 when it is still open at the end of the year, and then as 上年结转 the next year — so for
// every applicant column 一 + 二 = （七） + 四 holds by construction, and this year's 二 equals last
// year's 四. Online applications never confirmed as received are not counted.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "platform/db/db.h"
#include "reports/table_values.h"

namespace gk::applications {

// The 表三 rows one case counts in for report `year`, by the rule above: "new" or "carried_over",
// then its result row and "r7" when closed in the year, or "carry_forward" when still open at its
// end. Empty when the case does not count that year (not yet received, or finished before it).
std::vector<std::string_view> table3_rows(std::string_view received_date, std::string_view stage,
                                          std::string_view closed_date, std::string_view outcome, int year);

// 表三 of `year` for the cases of `agency_ids` (every cell of the table set, zeros included), in the
// format that applies to the year (2019 trial format for 2019–2020). Error when `year` has no format.
Result<reports::TableValues> table3_values(db::Db& db, const std::vector<int64_t>& agency_ids, int year);

// 表四 of `year`: cases filed in the year by group and result, the result as of the end of the year
// (a case decided after 31 December is still 尚未审结 in that year's report).
Result<reports::TableValues> table4_values(db::Db& db, const std::vector<int64_t>& agency_ids, int year);

}  // namespace gk::applications
