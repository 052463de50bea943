// What the search index needs from SQLite's FTS5 on every connection: the gk_bigram tokenizer
// (tokenizer.h) and two auxiliary functions.
//
//   gk_rank(search_fts, w_0 … w_{C-1}, n_0 … n_{P-1})
//     BM25F score of the current row, higher is better: per phrase, the column hit counts weighted by
//     w_col and normalized by the column's length against its average (k1 = 1.2, b = 0.75), times the
//     phrase's IDF log((N - n + 0.5) / (n + 0.5)) (at least 1e-6) where n is the number of rows the
//     phrase matches AS GIVEN by the caller. search.cpp estimates n with bounded probes, because
//     FTS5's own bm25() counts every match of every phrase on the first row of each query, which is
//     what makes broad queries slow. Phrases without an argument, or with n ≤ 0, score nothing.
//   gk_hit(search_fts, col_a, col_b, …)
//     Where the snippet should come from: (col << 32) | token position of the first phrase hit in the
//     first listed column that has one, or NULL when none of them has a hit.
#pragma once

struct sqlite3;

namespace gk::search {

inline constexpr const char* kTokenizerName = "gk_bigram";

// Registers the tokenizer and the functions on `db`. Returns SQLITE_OK, or the SQLite error code
// when FTS5 is missing or registration fails.
int register_fts5(sqlite3* db);

}  // namespace gk::search
