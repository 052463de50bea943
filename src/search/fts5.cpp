// FTS5 glue: the gk_bigram tokenizer adapter and the gk_rank / gk_hit auxiliary functions.
// Nothing here may throw across the C callbacks: every entry point catches and returns an error code.
#include "search/fts5.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <new>
#include <vector>

#include "search/tokenizer.h"

namespace gk::search {
namespace {

// ---- tokenizer ----

struct Bigram {};  // stateless; one instance per FTS5 table

int tok_create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new (std::nothrow) Bigram);
  return *out ? SQLITE_OK : SQLITE_NOMEM;
}

void tok_delete(Fts5Tokenizer* t) { delete reinterpret_cast<Bigram*>(t); }

using XToken = int (*)(void*, int, const char*, int, int, int);

struct TokCtx {
  void* fts_ctx;
  XToken x_token;
  int rc = SQLITE_OK;
};

int tok_tokenize(Fts5Tokenizer*, void* fts_ctx, int flags, const char* text, int n, XToken x_token) {
  if (n <= 0) return SQLITE_OK;
  const TokenizeMode mode = (flags & FTS5_TOKENIZE_QUERY) ? TokenizeMode::kQuery : TokenizeMode::kDocument;
  TokCtx ctx{fts_ctx, x_token};
  try {
    tokenize(
        std::string_view(text, static_cast<size_t>(n)), mode,
        [](void* c, const Token& t) {
          auto* tc = static_cast<TokCtx*>(c);
          tc->rc = tc->x_token(tc->fts_ctx, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.text.data(),
                               static_cast<int>(t.text.size()), static_cast<int>(t.start), static_cast<int>(t.end));
          return tc->rc == SQLITE_OK;
        },
        &ctx);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
  return ctx.rc;
}

// ---- gk_rank ----

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// Per-query data: average column lengths, and scratch space reused row after row.
struct RankData {
  double rows = 0;
  std::vector<double> avg_len;
  std::vector<double> freq;  // phrase × column
  std::vector<int> col_len;
};

void rank_data_delete(void* p) { delete static_cast<RankData*>(p); }

RankData* rank_data(const Fts5ExtensionApi* api, Fts5Context* fts, int& rc) {
  if (auto* d = static_cast<RankData*>(api->xGetAuxdata(fts, 0))) return d;
  auto* d = new RankData;
  const int ncol = api->xColumnCount(fts);
  sqlite3_int64 rows = 0;
  rc = api->xRowCount(fts, &rows);
  d->rows = static_cast<double>(rows);
  d->avg_len.assign(static_cast<size_t>(ncol), 1.0);
  for (int c = 0; c < ncol && rc == SQLITE_OK; ++c) {
    sqlite3_int64 total = 0;
    rc = api->xColumnTotalSize(fts, c, &total);
    if (rows > 0 && total > 0)
      d->avg_len[static_cast<size_t>(c)] = static_cast<double>(total) / static_cast<double>(rows);
  }
  if (rc == SQLITE_OK)
    rc = api->xSetAuxdata(fts, d, rank_data_delete);
  else
    delete d;
  return rc == SQLITE_OK ? d : nullptr;
}

void rank_fn(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval, sqlite3_value** vals) {
  try {
    int rc = SQLITE_OK;
    RankData* d = rank_data(api, fts, rc);
    if (!d) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    const int ncol = api->xColumnCount(fts);
    const int nphrase = api->xPhraseCount(fts);
    d->freq.assign(static_cast<size_t>(nphrase) * static_cast<size_t>(ncol), 0.0);
    d->col_len.assign(static_cast<size_t>(ncol), -1);
    int ninst = 0;
    rc = api->xInstCount(fts, &ninst);
    for (int i = 0; i < ninst && rc == SQLITE_OK; ++i) {
      int phrase = 0, col = 0, off = 0;
      rc = api->xInst(fts, i, &phrase, &col, &off);
      if (rc == SQLITE_OK && phrase < nphrase && col < ncol) {
        d->freq[static_cast<size_t>(phrase) * static_cast<size_t>(ncol) + static_cast<size_t>(col)] += 1.0;
      }
    }
    double score = 0;
    for (int ph = 0; ph < nphrase && rc == SQLITE_OK; ++ph) {
      const int n_arg = ncol + ph;
      if (n_arg >= nval) break;
      const double n = sqlite3_value_double(vals[n_arg]);
      if (n <= 0) continue;
      const double idf = std::max(1e-6, std::log((d->rows - n + 0.5) / (n + 0.5)));
      double tf = 0;
      for (int c = 0; c < ncol && c < nval; ++c) {
        const double f = d->freq[static_cast<size_t>(ph) * static_cast<size_t>(ncol) + static_cast<size_t>(c)];
        if (f == 0) continue;
        int& len = d->col_len[static_cast<size_t>(c)];
        if (len < 0) rc = api->xColumnSize(fts, c, &len);
        const double norm = 1 - kB + kB * std::max(len, 0) / d->avg_len[static_cast<size_t>(c)];
        tf += sqlite3_value_double(vals[c]) * f / norm;
      }
      score += idf * tf * (kK1 + 1) / (tf + kK1);
    }
    if (rc != SQLITE_OK)
      sqlite3_result_error_code(ctx, rc);
    else
      sqlite3_result_double(ctx, score);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  } catch (...) {
    sqlite3_result_error(ctx, "gk_rank failed", -1);
  }
}

// ---- gk_hit ----

void hit_fn(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval, sqlite3_value** vals) {
  int ninst = 0;
  int rc = api->xInstCount(fts, &ninst);
  int best_rank = nval;  // index of the preferred column in the argument list
  int best_off = 0;
  for (int i = 0; i < ninst && rc == SQLITE_OK; ++i) {
    int phrase = 0, col = 0, off = 0;
    rc = api->xInst(fts, i, &phrase, &col, &off);
    if (rc != SQLITE_OK) break;
    for (int k = 0; k < nval && k <= best_rank; ++k) {
      if (sqlite3_value_int(vals[k]) != col) continue;
      if (k < best_rank || off < best_off) {
        best_rank = k;
        best_off = off;
      }
      break;
    }
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
  } else if (best_rank == nval) {
    sqlite3_result_null(ctx);
  } else {
    const auto col = static_cast<int64_t>(sqlite3_value_int(vals[best_rank]));
    sqlite3_result_int64(ctx, (col << 32) | static_cast<int64_t>(best_off));
  }
}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

}  // namespace

int register_fts5(sqlite3* db) {
  fts5_api* api = fts5_api_of(db);
  if (!api || api->iVersion < 2) return SQLITE_ERROR;
  static fts5_tokenizer tokenizer{tok_create, tok_delete, tok_tokenize};
  int rc = api->xCreateTokenizer(api, kTokenizerName, nullptr, &tokenizer, nullptr);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "gk_rank", nullptr, rank_fn, nullptr);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "gk_hit", nullptr, hit_fn, nullptr);
  return rc;
}

}  // namespace gk::search
