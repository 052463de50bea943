// The one tokenizer of the catalog search (全文检索), used when documents are indexed and when
// queries are compiled, so both sides always agree on what a token is.
//
// Text is NFKC-normalized and case-folded (ICU's NFKC_Casefold: full-width letters and digits become
// ASCII, "ＡＢＣ" and "abc" are the same token), then cut into:
//   - runs of letters and digits (ASCII, Latin, Greek, Cyrillic …), each run one token ("2024", "gb9704"),
//     split every kMaxWordChars characters so a pathological run cannot make a giant token;
//   - overlapping bigrams of CJK characters (Han, kana, hangul): 人民政府 → 人民 民政 政府;
//     a lone CJK character between non-CJK characters is a unigram (第3号 → 第 3 号);
//   - in document mode only, every character of a CJK run of two or more is also emitted as a
//     unigram at the same position as a bigram (FTS5_TOKEN_COLOCATED): each character with the bigram
//     it starts, the last one with the last bigram (人民政府 → 人民+人 民政+民 政府+政+府). So a
//     one-character query is a plain term that finds the character anywhere (…缴税。, 税收, 个税),
//     and a query term that starts or ends with a lone character (第3号, 2024年) matches inside
//     longer runs (2024年第3号, 第3号文). Queries never emit these, so the phrase of a query's bigrams
//     keeps its exact adjacency: 人民政府 never matches 人民 … 政府 apart.
// Everything else (punctuation, symbols, emoji, whitespace, invalid UTF-8 bytes) separates tokens.
//
// Each token carries byte offsets into the ORIGINAL input (not the normalized text), as FTS5's
// highlight needs: when normalization changes lengths (full-width forms, ㈠ → (一)) a token spans the
// original characters it came from. Offsets never decrease from one token to the next and always lie
// within the input. Invalid UTF-8 never fails: the bad bytes are separators.
//
// Speed: ASCII, CJK unified ideographs, full-width forms and common CJK punctuation are handled
// without ICU and without allocation; ICU normalizes only the rare other characters, one combining
// sequence at a time. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace gk::search {

enum class TokenizeMode {
  kDocument,  // indexing, highlighting: with the colocated last-character unigrams
  kQuery,     // compiling a query: bigrams and lone unigrams only
};

// Longest letter/digit token, in characters; longer runs are cut into tokens of this length.
inline constexpr size_t kMaxWordChars = 64;

struct Token {
  std::string_view text;  // normalized, case-folded UTF-8; valid only during the sink call
  size_t start = 0;       // [start, end): byte range in the original input
  size_t end = 0;
  bool colocated = false;  // at the same position as the previous token
};

// Receives each token; returns false to stop tokenizing.
using TokenSink = bool (*)(void* ctx, const Token& token);

// Tokenizes `text`, calling sink(ctx, token) for each token in order. Returns false when the sink
// stopped it, true otherwise.
bool tokenize(std::string_view text, TokenizeMode mode, TokenSink sink, void* ctx);

// Calls f(const Token&) for each token; f may return bool (false stops) or nothing.
template <class F>
bool for_each_token(std::string_view text, TokenizeMode mode, F&& f) {
  return tokenize(
      text, mode,
      [](void* ctx, const Token& t) -> bool {
        auto& fn = *static_cast<std::remove_reference_t<F>*>(ctx);
        if constexpr (std::is_same_v<decltype(fn(t)), bool>) {
          return fn(t);
        } else {
          fn(t);
          return true;
        }
      },
      &f);
}

// A token that owns its text (tests, query compilation).
struct OwnedToken {
  std::string text;
  size_t start = 0;
  size_t end = 0;
  bool colocated = false;
  bool operator==(const OwnedToken&) const = default;
};

// All tokens of `text`.
std::vector<OwnedToken> tokens_of(std::string_view text, TokenizeMode mode);

}  // namespace gk::search
