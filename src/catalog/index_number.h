// 索引号 (catalog index number) generation from a per-organisation pattern (条例第十二条; ogi-facts §4.2).
// There is no national format, so each agency configures a pattern such as "{统一社会信用代码}/{YYYY}-{serial:05d}".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace gk::catalog {

// The default pattern, giving e.g. 11370812004339255B/2020-00072.
inline constexpr std::string_view kDefaultIndexPattern = "{统一社会信用代码}/{YYYY}-{serial:05d}";

// The values a pattern's placeholders are filled from.
struct IndexNumberInputs {
  std::string credit_code;  // 统一社会信用代码, for {统一社会信用代码} / {USCC}
  std::string region_code;  // 行政区划代码, for {区划代码}
  std::string agency_code;  // the agency's own code (e.g. 9-character 组织机构代码), for {机构代码}
  int year = 0;             // for {YYYY} and {YYYYMM}
  int month = 0;            // 1–12, for {YYYYMM}
  int64_t serial = 0;       // 流水号, >= 0, for {serial} / {serial:0Nd}
};

// Checks an index-number pattern as an administrator saves it. Placeholders: {统一社会信用代码} (alias
// {USCC}), {区划代码}, {机构代码}, {YYYY}, {YYYYMM}, {serial} and {serial:0Nd} with N from 1 to 9 (zero-padded
// to N digits); everything else is copied literally.
// Returns ok; or an Error (code "invalid_index_pattern") with a Chinese message when the pattern is
// empty, has an unknown placeholder, an unmatched "{" or "}", or no serial placeholder (without one,
// numbers would not be unique).
Status validate_index_pattern(std::string_view pattern);

// Fills `pattern` from `in`. A serial wider than the padding is written in full, never truncated.
// Returns the index number; or an Error: "invalid_index_pattern" as for validate_index_pattern, or
// "index_number_inputs" when a placeholder used by the pattern has no value (empty code, year outside
// 1000–9999, month outside 1–12, negative serial).
Result<std::string> format_index_number(std::string_view pattern, const IndexNumberInputs& in);

}  // namespace gk::catalog
