// Checking a report's figures against the identities of its format (表三 勾稽关系, totals, 表四 totals,
// carry-over from last year's report, 现行有效件数 continuity). Pure functions of their inputs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reports/format.h"
#include "reports/table_values.h"

namespace gk::reports {

// One side of a violated identity, term by term.
struct ViolationTerm {
  Term term;          // the cell reference, its sign and year
  int64_t value = 0;  // the cell's value (0 when absent from this year's figures)
  std::string label;  // verbatim label of the cell, e.g. "（七）总计／自然人"
};

// An identity instance whose two sides differ.
struct Violation {
  const Identity* identity = nullptr;  // points into the Format passed to check_identities
  std::string instance;                // the column or row key it was checked for ("person"), or ""
  std::vector<ViolationTerm> lhs, rhs;
  int64_t lhs_value = 0;  // Σ of lhs with signs
  int64_t rhs_value = 0;  // Σ of rhs with signs
  // A Chinese sentence naming the table, the column or row, every term with its value and both sums,
  // e.g. "表三「自然人」列：一、本年新收政府信息公开申请数量（5）＋二、上年结转政府信息公开申请数量（1）＝6，
  // 不等于（七）总计（4）＋四、结转下年度继续办理（1）＝5（相差1）。" Sides of more than four terms list only
  // their non-zero terms.
  std::string message_zh;
};

// Every violated identity instance of `format` for `this_year`'s figures, in the order of
// format.identities and then of their instances; empty when all hold.
//  - A cell absent from `this_year` counts as 0 (a blank cell of a printed table means 0; a parser
//    that could not read a cell should report that itself rather than leave it out).
//  - Cross-year identities are checked only when `last_year` is given, and an instance is skipped
//    when one of its last-year cells is absent from `last_year` — e.g. when last year's report used
//    the 2019 format, which has no 现行有效件数, or when last year's table could not be read.
// `last_year` holds last year's figures under their own cell references (the keys used in the
// identities are the same in both formats).
std::vector<Violation> check_identities(const Format& format, const TableValues& this_year,
                                        const TableValues* last_year);

}  // namespace gk::reports
