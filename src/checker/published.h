// The report checker over the annual reports already published on gongkai (issue 7 §3): for a staff
// member and a report year, every published item in the 政府信息公开年报 columns of the agencies the
// principal may read (agencies::readable_agencies, optionally narrowed to one agency's subtree) is
// checked — its body when the body holds the report, else its first PDF/HTML/text attachment — and
// the agencies in scope with no report for that year are listed. Read-only: nothing is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/model.h"
#include "checker/checker.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::checker {

struct PublishedCheck {
  int64_t item_id = 0;
  int64_t agency_id = 0;
  std::string agency_name;   // the agency that published the item
  std::string title;         // the item's title
  std::string publish_date;  // the item's 发布日期
  std::string source;        // "body", or the attachment's filename
  std::optional<CheckResult> result;  // absent when nothing could be checked (see error)
  std::string error;         // Chinese, why the item could not be checked
};

struct PublishedSummary {
  int year = 0;
  std::vector<PublishedCheck> reports;  // by agency tree order, then item id
  struct Missing {
    int64_t agency_id = 0;
    std::string name;
  };
  std::vector<Missing> missing;  // agencies in scope without a published report for `year`
};

// The report year of an annual-report item: the year before "年度报告"/"年报" in its title
// ("…2025年政府信息公开工作年度报告" → 2025), else the year before its 发布日期; nullopt when neither.
std::optional<int> report_year_of(std::string_view title, std::string_view publish_date);

// Checks the published reports of `year` in the principal's readable scope; with `agency_id`, only
// that agency's subtree (Forbidden when the principal may not read that agency).
Result<PublishedSummary> check_published(db::Db& db, const accounts::Principal& p, int year,
                                         std::optional<int64_t> agency_id = std::nullopt);

}  // namespace gk::checker
