// Catalog search (全文检索): free text (query.h) with filters, public or staff scope, relevance or date
// order, paging, facet counts, highlighted snippets, the exact-number jump and zero-result hints.
//
// Scope. Public (the portal, the public API): published 主动公开 items only — enforced by the filter
// token "pub" inside the MATCH expression, which only index.cpp writes. Staff (the back office): every
// indexed item — published under any 公开属性, withdrawn, archived — of the agencies the principal may
// read (pass agencies::readable_agencies); drafts and items under review are not indexed at all (the
// back-office list finds them by title).
//
// Bounded cost for broad queries. Matches are read newest first (descending rowid, which follows
// publication order; index.h), in rowid chunks that grow fourfold, and at most kCandidateCap + 1 of
// them:
//   - up to kCandidateCap matches in the whole index ("exact"): all are ranked, counted and faceted;
//   - more ("broad"): only the newest kCandidateCap matches are ranked and paged (relevance or date
//     order within them); the total and the facet counts are estimated from kSampleSlices samples of
//     kSamplePerSlice matches spread over the older rowid range, each scaled by how much of its slice
//     it covered. total_exact / facets_exact say so, and paging stops after the candidates.
//   - Reading matches has a wall-clock budget (SearchQuery::scan_budget, kScanBudget). FTS5 must
//     check the positions of every document that holds all tokens of a phrase, so a phrase that is
//     rare among such documents can cost a pass over the index. When the budget runs out before the
//     window is full, what was found is ranked and counted (total_lower_bound); the samples get at
//     least a fifth of the budget after the window, and slices not read by then are estimated from
//     their read neighbours. So reading matches takes at most about 1.2 × the budget plus one chunk.
// Ranking is BM25F (fts5.h gk_rank) with the weights of schema.h; the IDF of each term is estimated
// from a probe of at most kDfProbeCap matches, never from a full count (FTS5's bm25() counts every
// match of every term). docs/search.md has the measurements.
// search() keeps no state: like every Db user, one thread at a time per connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::search {

inline constexpr int64_t kCandidateCap = 2000;
inline constexpr int kSampleSlices = 8;
inline constexpr int64_t kSamplePerSlice = 250;
inline constexpr int64_t kDfProbeCap = 1000;
// Rows of the smallest rowid chunk a scan reads first (then 4×, 16× … as long as matches are rare).
inline constexpr int64_t kFirstChunk = 4096;
// Wall-clock budget for reading matches (the window, then the samples); IDF probes get an eighth.
inline constexpr std::chrono::milliseconds kScanBudget{25};

enum class Sort { kRelevance, kDate };

struct SearchQuery {
  std::string q;                          // the search box (query.h)
  std::optional<int64_t> agency_id;       // 发布机关
  bool include_subtree = true;            // … or an agency below it
  std::optional<int64_t> column_id;       // 栏目
  std::string subject;                    // 主题分类, first-level ("10") or second-level ("1002") code
  std::string genre;                      // 体裁 code
  std::optional<int> year_from, year_to;  // 发布日期 year range, inclusive (at most 50 years are used)
  std::string validity;                   // valid / expired / repealed
  // Set: staff scope over these agencies (agencies::readable_agencies). Unset: public scope.
  std::optional<std::vector<int64_t>> staff_agencies;
  std::vector<std::string> states;  // staff scope only: published / withdrawn / archived; empty: all
  Sort sort = Sort::kRelevance;
  int page = 1;
  int per_page = 20;                                    // 1–100
  std::chrono::milliseconds scan_budget = kScanBudget;  // see above; tests lift it for exact estimates
};

struct Hit {
  int64_t item_id = 0;
  std::string title;         // plain text
  std::string title_html;    // escaped, terms in <mark>
  std::string snippet_html;  // escaped excerpt of summary, body or attachments, terms in <mark>
  std::string doc_no;
  std::string index_no;
  std::string publish_date;
  std::string state;
  std::string validity;
  std::string subject;
  std::string genre;
  int64_t agency_id = 0;
  std::string agency_name;
  double score = 0;  // BM25F, higher is better
};

struct FacetCount {
  std::string value;  // agency id, first-level subject code, genre code, year, validity code
  std::string label;  // agency name, subject / genre / validity label, the year
  int64_t count = 0;
};

struct Facets {
  std::vector<FacetCount> agency, subject, genre, year, validity;  // by count (year: newest first)
};

// A filter whose removal would give results.
struct Suggestion {
  std::string filter;  // "agency", "column", "subject", "genre", "year", "validity", "state"
  int64_t count = 0;   // results without it (at least this many when `more`)
  bool more = false;
};

struct SearchResult {
  std::vector<Hit> hits;
  int64_t total = 0;
  bool total_exact = true;         // false: estimated (broad query)
  bool total_lower_bound = false;  // the time budget ran out first: total and facets count what was found
  bool broad = false;              // ranked among the newest kCandidateCap matches only
  int page = 1;
  int per_page = 20;
  int64_t pageable = 0;  // results reachable by paging (total, or kCandidateCap when broad)
  Facets facets;
  bool facets_exact = true;
  std::optional<int64_t> jump_to;       // the query was exactly the 文号 or 索引号 of this one item in scope
  std::vector<Suggestion> suggestions;  // when total is 0 and filters are set
  bool query_truncated = false;
  int pages() const { return per_page > 0 ? static_cast<int>((pageable + per_page - 1) / per_page) : 1; }
};

// Runs the query. Returns Error (kind invalid, code "empty_query") when the search box holds nothing to
// search; otherwise the page of results (empty when the page is past the end). Throws db::DbError on
// database failure.
Result<SearchResult> search(db::Db& db, const SearchQuery& q);

}  // namespace gk::search
