// Label matching for the annual-report formats: the form in which a label read from messy published
// text (full-width or half-width brackets, stray spaces, straight or curly quotes) compares equal to
// the official label.
#pragma once

#include <string>
#include <string_view>

namespace gk::reports {

// The comparison key of a table, row, column or section label: NFKC with case folding (so “（七）”
// and "(七)", "１" and "1" agree), then every white-space and punctuation character removed (so
// “（七）总计”, "(七)总计", "七 总计" and "（七）总计：" all give "七总计"). Invalid UTF-8 becomes U+FFFD.
// Two labels of one table never share a key (Format::load checks this). Pure; safe from any thread.
std::string normalize_label(std::string_view label);

}  // namespace gk::reports
