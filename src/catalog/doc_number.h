// 发文字号 (document number, e.g. 国办发〔2017〕47号): normalisation, validation and parsing
// (《党政机关公文处理工作条例》第九条, GB/T 9704-2012 7.2.2; ogi-facts §4.5).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace gk::catalog {

// The three parts of a 发文字号: 发文机关代字, 年份, 发文顺序号.
// For an order number (令, e.g. 国务院令第711号) issuer_code is "国务院令", year is 0 and serial 711.
struct DocNumberParts {
  std::string issuer_code;
  int year = 0;
  int serial = 0;
};

// Normalises a user-typed 发文字号 to the GB/T 9704 form 机关代字〔YYYY〕N号.
// Removes all whitespace, turns full-width digits into ASCII digits, and turns the brackets around a
// 4-digit year written as 【】 [] () （） ［］ ﹝﹞ 〖〗 or 〔〕 into 〔〕. Order numbers (XX令第N号, e.g.
// 国务院令第711号, 国令第672号) are accepted in that form.
// Returns "" for empty or all-whitespace input (the document has no 文号); the normalised number on
// success; otherwise an Error (code "invalid_doc_number") with a Chinese message: a missing 机关代字,
// brackets in the 机关代字, a year outside 1949–2100, a serial with leading zeros (不编虚位), a serial
// preceded by 第 or not followed by 号, or any other shape.
Result<std::string> normalize_doc_number(std::string_view input);

// Splits an already normalised 发文字号 (as returned by normalize_doc_number) into its parts.
// Returns nullopt for "" or anything not in normalised form.
std::optional<DocNumberParts> parse_doc_number(std::string_view normalized);

}  // namespace gk::catalog
