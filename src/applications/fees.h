// 信息处理费 (information processing fee) of 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号,
// ogi-facts §3): the amount an applicant owes for one application, band by band, with the Chinese
// explanation the 收费通知 prints.
// Pure functions of their arguments (no clock, no DB, no I/O); safe to call from any thread. How many
// pieces the applicant filed earlier in the month is counted by the caller (across the whole platform).
//
// Both methods are 超额累进 (第三条): each unit is charged at the price of the band it falls in.
// An agency chooses one method per application and never charges both (第三条); the quote records which.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace gk::applications {

// The largest count either method takes (pieces in one natural month, or pages of one application):
// anything more is taken for a typing error.
inline constexpr int kMaxFeeUnits = 100000;

struct FeeQuote {
  enum class Method {
    kByPiece,  // 按件计收 (第四条): by the applicant's pieces in one natural month
    kByPage,   // 按量计收 (第五条): by the pages of this application
  };
  // The units of this application that fall in one band of the schedule. `from` and `to` are unit
  // numbers (1-based; for 按件 the piece's rank in the applicant's month, for 按量 the page number),
  // both included and clipped to this application; count = to - from + 1; subtotal = count × unit price.
  struct Band {
    int from = 0;
    int to = 0;
    int64_t unit_price_yuan = 0;  // 0 for the free band
    int count = 0;
    int64_t subtotal_yuan = 0;
  };

  Method method = Method::kByPiece;
  int64_t amount_yuan = 0;  // whole 元; the sum of the subtotals
  std::vector<Band> bands;  // in ascending order, free band included when touched
  std::string explanation_zh;
};

// "by_piece" / "by_page": the stored and API form of a method.
std::string_view fee_method_code(FeeQuote::Method m);
// "按件计收" / "按量计收".
std::string_view fee_method_label(FeeQuote::Method m);
// The method with `code`, or nullopt.
std::optional<FeeQuote::Method> fee_method_from_code(std::string_view code);

// 按件计收 (第四条) for an application of `pieces` pieces (after splitting by 一事一申请) from an
// applicant who filed `earlier_this_month` pieces earlier in the same natural month: the sum over
// the month's pieces earlier_this_month+1 … earlier_this_month+pieces of 0元 for pieces 1–10,
// 100元 for 11–30, then 200元 for 31–40, 300元 for 41–50, and 100元 more for every further 10.
// Example: 25 earlier and 10 now → pieces 26–35 → 5 × 100 + 5 × 200 = 1500元.
// Errors (code "invalid_fee_input"): earlier_this_month negative; pieces below 1; the month's total
// above kMaxFeeUnits.
Result<FeeQuote> quote_by_piece(int earlier_this_month, int pieces);

// 按量计收 (第五条) for an application of `pages` pages: pages 1–30 free, 31–100 10元 each, 101–200
// 20元 each, from 201 40元 each. Example: 150 pages → 70 × 10 + 50 × 20 = 1700元.
// Errors (code "invalid_fee_input"): pages below 1 or above kMaxFeeUnits.
Result<FeeQuote> quote_by_page(int pages);

}  // namespace gk::applications
