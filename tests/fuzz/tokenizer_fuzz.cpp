// libFuzzer target for the search tokenizer and the query compiler (CMake option GK_FUZZ, clang only).
// Checks the tokenizer's contract on arbitrary bytes: offsets inside the input, never decreasing,
// non-empty tokens, query mode never colocated; and that compiling any search box input either fails
// with empty_query or yields an expression whose quotes are balanced.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "search/query.h"
#include "search/tokenizer.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_tokens(std::string_view in, gk::search::TokenizeMode mode) {
  size_t last_start = 0;
  bool first = true;
  gk::search::for_each_token(in, mode, [&](const gk::search::Token& t) {
    check(!t.text.empty());
    check(t.start < t.end && t.end <= in.size());
    check(t.start >= last_start);
    check(!(first && t.colocated));
    check(!(mode == gk::search::TokenizeMode::kQuery && t.colocated));
    last_start = t.start;
    first = false;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  check_tokens(in, gk::search::TokenizeMode::kDocument);
  check_tokens(in, gk::search::TokenizeMode::kQuery);
  auto q = gk::search::parse_query(in);
  if (q) {
    size_t quotes = 0;
    for (char c : q->match) quotes += c == '"';
    check(quotes % 2 == 0 && !q->phrases.empty());
  } else {
    check(q.error().code == "empty_query");
  }
  return 0;
}
