// The yearly figures of an agency that the annual report's 表二 needs and the catalog cannot give
// (issue 6 §2): 行政许可 / 行政处罚 / 行政强制 决定数量 and 行政事业性收费 本年收费金额（万元） in the 2021
// format; in the 2019 trial format also 上一年项目数量 / 本年增/减, 其他对外管理服务事项 and 政府集中采购
// (采购项目数量 / 采购总金额). They are stored as 表二 cell references → values, so the format
// definition (data/report_formats/) decides which exist: every 表二 cell outside 第二十条第（一）项
// (规章 and 规范性文件, counted from the catalog by the generator) is a figure.
//
// A clerk types them into a back-office form once a year per agency. A cell left blank is absent
// (not filled in), which the report checks warn about; it is not stored as 0.
//
// Units. Counts are integers (本年增/减 may be negative). Amounts are decimals of at most four places
// stored as fixed point (table_values.h, kAmountScale): 本年收费金额 is in 万元 as the 2021 format
// says; the 2019 采购总金额 has no unit in the format, and gongkai asks for 万元 as well (the form
// says so).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "accounts/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"
#include "reports/format.h"
#include "reports/table_values.h"

namespace gk::reports {

// The cell references a figures form holds for `format`: the 表二 cells outside 第二十条第（一）项, in
// the format's order (part by part, row by row, column by column).
std::vector<std::string> figure_refs(const Format& format);

// What the form submits: cell reference → the text typed ("" or a missing key: not filled in).
using FiguresInput = std::map<std::string, std::string, std::less<>>;

// Parses a submission against `format`. Returns the filled cells, or field errors keyed by cell
// reference with a Chinese message: counts must be non-negative integers, 本年增/减 an integer
// (negative for a decrease), amounts non-negative decimals with at most four decimals; no value may
// exceed 1,000,000,000 (in its unit). Keys that are not figure cells of the format are ignored. Pure.
Result<TableValues> parse_figures(const Format& format, const FiguresInput& in);

// The form text of stored figures (amounts with at least two decimals); absent cells are left out.
FiguresInput figures_text(const Format& format, const TableValues& values);

// The figures of one agency and year as stored.
struct Figures {
  int64_t agency_id = 0;
  int year = 0;
  TableValues values;      // the filled cells only
  std::string updated_at;  // ISO time of the last save; "" when never saved
  std::string updated_by;  // display name of who saved last; "" when never saved
};

// The stored figures, without an access check (for the generator). Empty values when never saved.
Figures load_figures(db::Db& db, int64_t agency_id, int year);

// True when `p` may enter figures for `agency_id`: clerks (信息员) of the agency and agency admins
// over it (agencies::can_act_for), and platform admins.
bool may_edit_figures(db::Db& db, const accounts::Principal& p, int64_t agency_id);

// Replaces the figures of `agency_id` for report year `year` with the submission. Errors: kForbidden
// when `p` may not (may_edit_figures); kInvalid with field "year" when the year has no report
// format or lies in the future; kInvalid with field errors from parse_figures. On success writes the
// values and an audit event (entity "report_figures", the set's id, before → after as the form text)
// in one transaction and returns what is stored; a failed call writes nothing.
Result<Figures> save_figures(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                             int year, const FiguresInput& in);

}  // namespace gk::reports
