// Unicode building blocks shared by the search tokenizer, report-label matching and text
// extraction: the ICU NFKC_Casefold normalizer and UTF-8 encoding of one code point.
#pragma once

#include <unicode/unorm2.h>

#include <string>

namespace gk::text {

// ICU's NFKC_Casefold normalizer (NFKC, full case folding, default-ignorables removed). Throws
// std::runtime_error when ICU's data lacks it (a broken installation). Thread-safe; never freed.
const UNormalizer2* nfkc_casefold();

// Appends code point `c` (≤ U+10FFFF, not a surrogate) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

}  // namespace gk::text
