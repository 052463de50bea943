// Highlighted excerpts of document text for search results. Pure.
//
// The output is HTML: the text is escaped first and only then are the <mark> … </mark> tags placed
// (between escaped pieces, at token boundaries), so nothing in a document — <script>, entities,
// quotes — can become markup. Matching uses the search tokenizer in document mode, so exactly what the
// index matched is marked: 人民政府 marks 人民政府, not 人民 … 政府 apart.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"

namespace gk::search {

// `text` HTML-escaped, with every occurrence of one of `phrases` in <mark></mark>.
std::string highlight(std::string_view text, const std::vector<Phrase>& phrases);

// About `chars` characters of `text` around the token at `position` (counted as FTS5 counts: colocated
// tokens share a position), starting after a sentence end when one is near, highlighted as above, with
// "…" where the text was cut. From the beginning when position < 0 or past the end.
std::string snippet(std::string_view text, const std::vector<Phrase>& phrases, int64_t position, size_t chars = 120);

}  // namespace gk::search
