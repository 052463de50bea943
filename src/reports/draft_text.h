// The factual draft of 一、总体情况 (issue 6 §4): a sentence or two for each of the five parts of the
// 2021 guidance (document.h kOverviewParts), written only from facts the records hold — counts from
// the catalog and the report's tables, the on-time rate of replies when every reply of the year could
// be read by the statutory clock. Where the records say nothing (平台建设 beyond the catalog's columns,
// 监督保障's 工作考核、社会评议和责任追究), the part says so with kToComplete in front, for the clerk to
// replace before publishing. The clerk edits the draft; regenerating refills only the parts the clerk
// has not changed (editions.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/document.h"
#include "reports/format.h"
#include "reports/table_values.h"

namespace gk::reports {

// Marks a sentence the clerk must complete or replace; the publication checks warn while any remains.
inline constexpr std::string_view kToComplete = "【待补充】";

// The facts a draft is written from. Counts of the report's scope (the agency, or its subtree).
struct DraftFacts {
  const Format* format = nullptr;  // of `year`
  std::string agency_name;
  int year = 0;
  bool subtree = false;
  int units = 1;                // agencies the figures cover
  TableValues values;           // the report's 表二, 表三, 表四
  int64_t proactive_items = 0;  // 主动公开 catalog items published (发布日期) in the year, still published
  int64_t columns = 0;          // catalog columns of the agencies in scope
  // Replies of the year read by the statutory clock: how many, and how many within the time limit.
  // nullopt when there is none or when any of them could not be read (then no rate is stated).
  std::optional<int64_t> replies_read;
  int64_t replies_on_time = 0;
};

// The five parts of 一、总体情况, in the order of kOverviewParts, with their headings. Every number in
// the text is a value of `facts` printed in decimal (amounts through format_value). Pure.
std::vector<TextPart> overview_draft(const DraftFacts& facts);

// The on-time rate as printed, e.g. "95.2%" (one decimal, "100%" and "0%" without one). Pure.
std::string percent_text(int64_t part, int64_t whole);

}  // namespace gk::reports
