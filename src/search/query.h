// The search box language, compiled to an FTS5 MATCH expression. Pure: no database.
//
//   公开 三公经费          terms are ANDed
//   人民政府              a term of n ≥ 2 CJK characters is the phrase of its bigrams (人民 民政 政府), so it
//                        never matches 人民 … 政府 apart; letters, digits and CJK mixed in one term
//                        (2024年第3号) form one phrase of their tokens, punctuation inside is ignored
//   税                   one CJK character finds every occurrence of it (the index holds a unigram per
//                        character, tokenizer.h — the same matches as the prefix query 税* over bigrams,
//                        without FTS5 merging every 税… term's postings before the first row)
//   "政府 信息公开"  “…”   a quoted phrase: its tokens in this order, adjacent
//   -征求意见            exclusion
//   标题:预算  title:预算  only in the title; also 文号: / docno: and 索引号: / indexno:
//                        (full-width ：accepted), e.g. 文号:"国办发〔2017〕47号"
//
// Every token is re-emitted as a quoted FTS5 string holding only letters, digits and CJK characters
// (the tokenizer's output), so nothing a user types — quotes, *, ^, :, NEAR(, AND/OR/NOT, braces —
// can change the structure of the expression. Overlong input is cut (kMaxQueryBytes, kMaxTerms,
// kMaxPhraseTokens) and flagged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace gk::search {

inline constexpr size_t kMaxQueryBytes = 1000;
inline constexpr size_t kMaxTerms = 16;
inline constexpr size_t kMaxPhraseTokens = 32;

struct Phrase {
  std::vector<std::string> tokens;  // normalized tokens (query mode), at consecutive positions
  int column = -1;                  // the one column (schema.h Column) it is confined to, -1: all text columns
  std::string fts;                  // this phrase alone as an FTS5 expression, column filter included
};

struct ParsedQuery {
  std::vector<Phrase> phrases;   // the terms that must match, in the order they appear in `match`
  std::vector<Phrase> excluded;  // the -terms, after them in `match`
  std::string match;             // the FTS5 MATCH expression: phrases ANDed, then NOT each excluded
  // The query text when it is a single term that could be a 文号 or 索引号 typed exactly (no quotes,
  // no exclusion, field none, 文号: or 索引号:), else "".
  std::string number;
  bool truncated = false;  // the input was cut to the limits above
};

// Parses and compiles `input`. Returns Error (kind invalid, code "empty_query") when no term that
// must match is left once punctuation is dropped (empty, only symbols, or only exclusions).
Result<ParsedQuery> parse_query(std::string_view input);

// `token` as an FTS5 string literal: in double quotes, inner quotes doubled.
std::string fts_quote(std::string_view token);

}  // namespace gk::search
