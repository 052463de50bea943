// The 信息处理费 schedules of 国办函〔2020〕109号 and the band-by-band quote (see fees.h).
#include "applications/fees.h"

#include <algorithm>
#include <climits>

namespace gk::applications {
namespace {

constexpr std::string_view kMeasure = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";

// The band of the schedule that holds unit number `n` (1-based): its last unit and its price.
struct Tier {
  int last;
  int64_t price;
};

// 第四条: 1–10 free, 11–30 100元, then bands of 10 pieces, each 100元 dearer than the one before.
Tier piece_tier(int n) {
  if (n <= 10) return {10, 0};
  if (n <= 30) return {30, 100};
  const int band = (n - 31) / 10;  // 0 for 31–40
  return {40 + 10 * band, 200 + 100 * static_cast<int64_t>(band)};
}

// 第五条: 1–30 free, 31–100 10元, 101–200 20元, 201 and above 40元.
Tier page_tier(int n) {
  if (n <= 30) return {30, 0};
  if (n <= 100) return {100, 10};
  if (n <= 200) return {200, 20};
  return {INT_MAX, 40};
}

Error fee_error(std::string message) { return Error::invalid("invalid_fee_input", std::move(message)); }

// "第26至30件" or "第11件".
std::string range_zh(const FeeQuote::Band& b, std::string_view unit) {
  std::string s = "第" + std::to_string(b.from);
  if (b.to != b.from) s += "至" + std::to_string(b.to);
  return s + std::string(unit);
}

// Splits units first…last into the bands of `tier` and writes the amount and the band sentences.
FeeQuote quote(FeeQuote::Method method, int first, int last, Tier (*tier)(int), std::string explanation) {
  const std::string_view unit = method == FeeQuote::Method::kByPiece ? "件" : "页";
  FeeQuote q;
  q.method = method;
  for (int n = first; n <= last;) {
    const Tier t = tier(n);
    FeeQuote::Band b;
    b.from = n;
    b.to = std::min(last, t.last);
    b.unit_price_yuan = t.price;
    b.count = b.to - b.from + 1;
    b.subtotal_yuan = b.count * t.price;
    q.amount_yuan += b.subtotal_yuan;
    q.bands.push_back(b);
    if (b.to == last) break;
    n = b.to + 1;
  }
  for (size_t i = 0; i < q.bands.size(); ++i) {
    const auto& b = q.bands[i];
    explanation += range_zh(b, unit);
    if (b.unit_price_yuan == 0) {
      explanation += "不收费，共" + std::to_string(b.count) + std::string(unit);
    } else {
      explanation += "，每" + std::string(unit) + std::to_string(b.unit_price_yuan) + "元，共" +
                     std::to_string(b.count) + std::string(unit) + "，" + std::to_string(b.subtotal_yuan) + "元";
    }
    explanation += i + 1 < q.bands.size() ? "；" : "。";
  }
  explanation += "合计" + std::to_string(q.amount_yuan) + "元";
  explanation += q.amount_yuan == 0 ? "，不收取信息处理费。" : "。";
  q.explanation_zh = std::move(explanation);
  return q;
}

}  // namespace

std::string_view fee_method_code(FeeQuote::Method m) {
  return m == FeeQuote::Method::kByPiece ? "by_piece" : "by_page";
}

std::string_view fee_method_label(FeeQuote::Method m) {
  return m == FeeQuote::Method::kByPiece ? "按件计收" : "按量计收";
}

std::optional<FeeQuote::Method> fee_method_from_code(std::string_view code) {
  if (code == "by_piece") return FeeQuote::Method::kByPiece;
  if (code == "by_page") return FeeQuote::Method::kByPage;
  return std::nullopt;
}

Result<FeeQuote> quote_by_piece(int earlier_this_month, int pieces) {
  if (earlier_this_month < 0) return fee_error("本月此前的申请件数不能为负数");
  if (pieces < 1) return fee_error("本次申请的件数应至少为1件");
  if (earlier_this_month > kMaxFeeUnits || pieces > kMaxFeeUnits - earlier_this_month) {
    return fee_error("本月累计申请件数超过" + std::to_string(kMaxFeeUnits) + "件，请核对");
  }
  const int first = earlier_this_month + 1;
  const int last = earlier_this_month + pieces;
  std::string text = "按件计收（" + std::string(kMeasure) +
                     "第四条，超额累进）：同一申请人一个自然月内累计申请10件以下（含10件）不收费，"
                     "11至30件的部分每件100元，31件以上的部分以10件为一档、每增加一档每件提高100元。"
                     "本自然月内此前已申请" +
                     std::to_string(earlier_this_month) + "件，本次申请" + std::to_string(pieces) + "件，为本月";
  text += first == last ? "第" + std::to_string(first) + "件。"
                        : "第" + std::to_string(first) + "至" + std::to_string(last) + "件。";
  return quote(FeeQuote::Method::kByPiece, first, last, piece_tier, std::move(text));
}

Result<FeeQuote> quote_by_page(int pages) {
  if (pages < 1) return fee_error("页数应至少为1页");
  if (pages > kMaxFeeUnits) return fee_error("页数超过" + std::to_string(kMaxFeeUnits) + "页，请核对");
  std::string text = "按量计收（" + std::string(kMeasure) +
                     "第五条，超额累进）：30页以下（含30页）不收费，31至100页的部分每页10元，"
                     "101至200页的部分每页20元，201页以上的部分每页40元。本次申请共" +
                     std::to_string(pages) + "页。";
  return quote(FeeQuote::Method::kByPage, 1, pages, page_tier, std::move(text));
}

}  // namespace gk::applications
