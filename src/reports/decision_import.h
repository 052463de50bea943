// Import of decision records for the annual report's 表二 (issue 6 §2): an agency that keeps a list of
// its administrative decisions uploads it (CSV or XLSX) instead of typing the counts into the figures
// form. The layout is documented in docs/report-format.md (“决定记录导入”):
//
//   a header row naming at least 决定类别 and 决定日期, optionally 决定文号 and 金额（元）, names compared
//   after trimming, columns in any order; one decision per following row. 决定类别 is 行政许可,
//   行政处罚, 行政强制 or 行政事业性收费; 决定日期 is YYYY-MM-DD, YYYY/M/D or YYYY年M月D日 (an Excel
//   date number in XLSX); 金额（元） is required, non-negative, at most two decimals, on 行政事业性收费
//   rows. Blank rows are skipped.
//
// CSV may be UTF-8 (with or without BOM) or GBK/GB18030; XLSX is read from its first worksheet. At most
// kMaxImportBytes and kMaxImportRows data rows.
//
// The result counts the rows whose 决定日期 lies in the report year: per category the number of
// decisions, and for 行政事业性收费 the sum of 金额 converted exactly from 元 to 万元 (kAmountScale).
// Rows of other years are counted as ignored. When any row is bad, the import is refused as a whole:
// the caller gets every bad row (row numbers as in the file, the header is row 1) and writes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"
#include "reports/figures.h"
#include "reports/format.h"
#include "reports/table_values.h"

namespace gk::reports {

inline constexpr size_t kMaxImportBytes = 5u << 20;
inline constexpr size_t kMaxImportRows = 100'000;

struct ImportRowError {
  int row = 0;  // 1-based row number in the file (the header is row 1); 0 for the file as a whole
  std::string message;
};

struct DecisionImport {
  std::vector<ImportRowError> errors;  // non-empty: refused, `values` must not be used
  TableValues values;                  // 表二 cells of the format: every importable cell, 0 when no rows
  int rows_read = 0;                   // data rows read (blank rows excluded)
  int rows_other_years = 0;            // of those, rows whose date is outside the year (not counted)
  std::vector<std::string> notes;      // Chinese notes: categories the format has no cell for, rounding
  bool ok() const { return errors.empty(); }
};

// Parses `bytes` (XLSX when it starts with a ZIP signature, otherwise CSV) for report year `year`
// against `format` (2021: table2.{license,penalty,coercion}.decisions and table2.fees.fee_amount;
// 2019: the three decisions cells; its 行政事业性收费 part has no amount cell, so fee rows are read and
// checked but not imported, and a note says so). Pure.
DecisionImport parse_decision_records(const Format& format, int year, std::string_view bytes);

// Saves the counts of a parsed import into the figures of `agency_id` for `year` through save_figures
// (same access rule, same audit event): the imported cells are replaced, every other stored figure is
// kept. The figures form takes amounts to four decimals of 万元 (one 元), so a fee total with 角/分 is
// rounded half up to the 元 (the preview's note says so). kInvalid (nothing written) when `imported` has errors; otherwise what save_figures returns.
Result<Figures> save_imported_decisions(db::Db& db, const accounts::Principal& p, const audit::Actor& actor,
                                        int64_t agency_id, int year, const DecisionImport& imported);

}  // namespace gk::reports
