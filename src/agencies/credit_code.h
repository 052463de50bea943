// 统一社会信用代码 (unified social credit code, GB 32100-2015): normalisation and validation.
#pragma once

#include <string>
#include <string_view>

#include "platform/result.h"

namespace gk::agencies {

// Normalises a user-typed 统一社会信用代码 and validates it.
// Normalisation: trims ASCII and full-width (U+3000) whitespace, maps full-width ASCII (Ａ, １ …) to
// half-width, and upper-cases letters.
// Validation: 18 characters from 0-9A-HJ-NPQRTUWXY (no I, O, Z, S, V); position 1 (登记管理部门代码) in
// [1-9ANY]; positions 3–8 (行政区划码) digits; position 18 the GB/T 17710 mod-31 check character.
// The embedded GB 11714 组织机构代码 check is not required here (see org_code_check_ok).
// Returns the 18-character code on success; otherwise an Error (code "invalid_credit_code") whose
// Chinese message says what is wrong, naming the expected check character when only that is wrong.
Result<std::string> normalize_credit_code(std::string_view input);

// The GB/T 17710 mod-31 check character for the first 17 characters of `code`, or '\0' when `code`
// is shorter than 17 characters or contains a character outside the credit-code alphabet.
char credit_code_check_char(std::string_view code);

// Whether the 组织机构代码 embedded at positions 9–17 of a normalised 18-character code passes its own
// GB 11714 check (weights 3,7,9,10,5,8,4,2; mod 11; 10 → 'X', 11 → '0'). Optional extra validation:
// some legally issued codes may not satisfy it. False when `code18` is not 18 characters.
bool org_code_check_ok(std::string_view code18);

}  // namespace gk::agencies
