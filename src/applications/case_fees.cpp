// See case_fees.h.
#include "applications/case_fees.h"

#include <nlohmann/json.hpp>

#include "applications/related.h"
#include "platform/text/strings.h"

namespace gk::applications {
namespace {

// A positive whole number of at most 6 digits, or nullopt.
std::optional<int> count_of(std::string_view text) {
  const std::string s = text::trim(text);
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int n = std::stoi(s);
  if (n < 1) return std::nullopt;
  return n;
}

}  // namespace

std::optional<FeeQuote::Method> fee_method_used(const Case& c) {
  for (const auto& e : c.events) {
    if (e.kind != "fee_notice") continue;
    auto d = nlohmann::json::parse(e.data_json, nullptr, false);
    if (!d.is_object() || !d.contains("method") || !d["method"].is_string()) continue;
    if (auto m = fee_method_from_code(d["method"].get<std::string>())) return m;
  }
  return std::nullopt;
}

int earlier_pieces_this_month(db::Db& db, const Case& c) { return related_requests(db, c).earlier_same_month; }

Result<CaseFeeQuote> quote_case_fee(db::Db& db, const Case& c, const FeeInput& in) {
  auto method = fee_method_from_code(text::trim(in.method));
  if (!method) return Error::field("fee_method", "请选择计收方式（按件计收或按量计收）");
  if (auto used = fee_method_used(c); used && *used != *method) {
    return Error::field("fee_method", "本申请的收费通知已采用" + std::string(fee_method_label(*used)) +
                                          "，同一申请只能选择一种计收方式，不得同时按照两种标准计算"
                                          "（国办函〔2020〕109号第三条）");
  }
  CaseFeeQuote out;
  if (*method == FeeQuote::Method::kByPiece) {
    const std::string text = text::trim(in.pieces);
    auto pieces = text.empty() ? std::optional<int>(1) : count_of(text);
    if (!pieces) return Error::field("pieces", "本申请的件数应为正整数（按“一事一申请”拆分后的件数）");
    out.units = *pieces;
    out.earlier_this_month = earlier_pieces_this_month(db, c);
    auto q = quote_by_piece(out.earlier_this_month, out.units);
    if (!q) return Error::field("pieces", q.error().message);
    out.quote = std::move(*q);
  } else {
    auto pages = count_of(in.pages);
    if (!pages) return Error::field("pages", "请填写提供信息的页数（正整数）");
    out.units = *pages;
    auto q = quote_by_page(out.units);
    if (!q) return Error::field("pages", q.error().message);
    out.quote = std::move(*q);
  }
  return out;
}

Result<int64_t> fee_notice_amount(const CaseFeeQuote& q, std::string_view amount_text) {
  if (q.quote.amount_yuan <= 0) {
    return Error::field("amount", std::string(fee_method_label(q.quote.method)) +
                                      "不收取信息处理费，无需发出收费通知");
  }
  const std::string s = text::trim(amount_text);
  if (s.empty()) return q.quote.amount_yuan;
  if (s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos || std::stoll(s) <= 0) {
    return Error::field("amount", "请填写收费金额（元，正整数）");
  }
  const int64_t amount = std::stoll(s);
  if (amount > q.quote.amount_yuan) {
    return Error::field("amount", "收费金额不能超过" + std::string(fee_method_label(q.quote.method)) + "的计算金额" +
                                      std::to_string(q.quote.amount_yuan) + "元");
  }
  return amount;
}

}  // namespace gk::applications
