// Catalog search: filters as FTS5 tokens, the bounded candidate window, sampled totals and facets,
// snippets and the exact-number jump (see search.h for the strategy).
#include "search/search.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "catalog/doc_number.h"
#include "catalog/model.h"
#include "catalog/taxonomy.h"
#include "platform/time.h"
#include "search/query.h"
#include "search/schema.h"
#include "search/snippet.h"

namespace gk::search {
namespace {

// A filter as an FTS5 expression over the facets column. `name` is what a suggestion calls it; the
// scope has none and is never dropped.
struct Filter {
  std::string name;
  std::string expr;
};

std::string facets_expr(const std::vector<std::string>& tokens) {
  std::string out = "{facets} : ";
  if (tokens.size() == 1) return out + fts_quote(tokens.front());
  out += "(";
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (k) out += " OR ";
    out += fts_quote(tokens[k]);
  }
  return out + ")";
}

// The smallest set of agency tokens covering `readable`: "u" for each whole subtree, "a" for the
// rest. Sets `all` (and returns nothing) when every agency is readable.
std::vector<std::string> staff_tokens(db::Db& db, const std::vector<int64_t>& readable, bool& all) {
  std::map<int64_t, std::optional<int64_t>> parent;
  std::multimap<int64_t, int64_t> children;
  for (const auto& r : db.query("SELECT id, parent_id FROM agencies")) {
    parent[r.i(0)] = r.oi(1);
    if (!r.null(1)) children.emplace(r.i(1), r.i(0));
  }
  std::set<int64_t> in;
  for (int64_t id : readable) {
    if (parent.count(id)) in.insert(id);
  }
  all = !parent.empty() && in.size() == parent.size();
  std::set<std::string> tokens;
  if (all) return {};
  for (int64_t id : in) {
    const auto& p = parent[id];
    if (p && in.count(*p)) continue;  // covered from its parent's side
    std::vector<int64_t> sub{id};
    for (size_t k = 0; k < sub.size(); ++k) {
      auto range = children.equal_range(sub[k]);
      for (auto it = range.first; it != range.second; ++it) sub.push_back(it->second);
    }
    if (std::all_of(sub.begin(), sub.end(), [&](int64_t x) { return in.count(x) > 0; })) {
      tokens.insert(facet_token(kSubtreePrefix, id));
    } else {
      for (int64_t x : sub) {
        if (in.count(x)) tokens.insert(facet_token(kAgencyPrefix, x));
      }
    }
  }
  return {tokens.begin(), tokens.end()};
}

using Clock = std::chrono::steady_clock;

// The newest matches of `match`, read in rowid chunks from the top of the index down: each chunk a
// query `… MATCH ? AND rowid <= ? AND rowid > ? ORDER BY rowid DESC LIMIT ?`, chunks growing fourfold
// while the time left allows.
// Stops at `need` rows, at the bottom of the index, or at `deadline` — so a query whose matches are
// rare among documents that hold all its tokens (FTS5 checks each such document's positions) costs at
// most the time budget, not a pass over the whole index.
struct Scan {
  std::vector<db::Row> rows;  // newest first, at most `need`
  int64_t covered = 0;        // rowids (hi - covered, hi] were searched completely
  bool complete = false;      // the whole index was searched and rows holds every match
};

Scan scan_newest(db::Db& db, const std::string& select_from, const db::Params& lead, const std::string& match,
                 int64_t need, int64_t lo, int64_t hi, Clock::time_point deadline) {
  Scan s;
  const std::string sql =
      select_from + " WHERE f.search_fts MATCH ? AND f.rowid <= ? AND f.rowid > ? ORDER BY f.rowid DESC LIMIT ?";
  int64_t upper = hi;
  int64_t span = std::max<int64_t>(kFirstChunk, (hi - lo + 1) / 64);
  for (;;) {
    const Clock::time_point started = Clock::now();
    const int64_t lower = std::max(lo - 1, upper - span);
    db::Params params = lead;
    params.emplace_back(match);
    params.emplace_back(upper);
    params.emplace_back(lower);
    params.emplace_back(need - static_cast<int64_t>(s.rows.size()));
    for (auto& r : db.query(sql, params)) s.rows.push_back(std::move(r));
    if (static_cast<int64_t>(s.rows.size()) >= need) {
      s.covered = hi - s.rows.back().i(0) + 1;
      return s;
    }
    s.covered = hi - lower;
    if (lower < lo) {
      s.complete = true;
      return s;
    }
    const Clock::time_point now = Clock::now();
    if (now >= deadline) return s;
    // Grow the chunk fourfold, but no further than the time left lets it be read at this chunk's pace.
    const double took = std::chrono::duration<double>(now - started).count();
    const double left = std::chrono::duration<double>(deadline - now).count();
    const double affordable =
        took > 0 ? static_cast<double>(upper - lower) * left / took : 4.0 * static_cast<double>(span);
    upper = lower;
    span = std::clamp<int64_t>(static_cast<int64_t>(affordable), kFirstChunk / 4, 4 * span);
  }
}

constexpr const char* kRowidsOnly = "SELECT f.rowid FROM search_fts f";

// Matches of `match`: exact up to `cap`, beyond it (or when the deadline cut the scan) extrapolated
// from the share of the index searched.
double estimate_matches(db::Db& db, const std::string& match, int64_t cap, int64_t lo, int64_t hi,
                        Clock::time_point deadline) {
  const Scan s = scan_newest(db, kRowidsOnly, {}, match, cap, lo, hi, deadline);
  const auto n = static_cast<double>(s.rows.size());
  if (s.complete || s.covered <= 0) return n;
  return n * static_cast<double>(hi - lo + 1) / static_cast<double>(s.covered);
}

struct Candidate {
  int64_t seq = 0;
  double score = 0;
  std::optional<int64_t> hit;
  int64_t item_id = 0;
};

// Weighted facet counts.
struct Tally {
  std::map<std::string, double> agency, subject, genre, year, validity;

  void add(const db::Row& r, size_t first, double weight) {
    agency[r.s(first)] += weight;
    subject[r.s(first + 1).substr(0, 2)] += weight;
    genre[r.s(first + 2)] += weight;
    year[r.s(first + 3).substr(0, 4)] += weight;
    validity[r.s(first + 4)] += weight;
  }

  void add_scaled(const Tally& other, double factor) {
    for (auto [mine, theirs] :
         {std::pair{&agency, &other.agency}, std::pair{&subject, &other.subject}, std::pair{&genre, &other.genre},
          std::pair{&year, &other.year}, std::pair{&validity, &other.validity}}) {
      for (const auto& [value, weight] : *theirs) (*mine)[value] += weight * factor;
    }
  }
};

// Columns a candidate row ends with, in Tally::add order.
constexpr const char* kFacetColumns = "d.agency_id, d.subject, d.genre, d.publish_date, d.validity";

// The matches older than the window (rowids lo .. window_end - 1), estimated slice by slice into
// `tally`: kSamplePerSlice matches per slice, weighted by how much of the slice they covered. Slices are
// read in an interleaved order (0 4 2 6 1 5 3 7), so when the deadline passes the slices read are
// spread over the whole range; a slice not read is estimated from its nearest read neighbours on each
// side (the window, `window` tally over `window_span` rowids, counting as the neighbour of slice 0) —
// matches cluster by date when a year filter is set, so neighbours are better guides than the average.
// Returns the estimated number of older matches.
double sample_older(db::Db& db, const std::string& match, int64_t lo, int64_t window_end, const Tally& window,
                    int64_t window_span, Clock::time_point deadline, Tally& tally) {
  static_assert(kSampleSlices == 8, "kOrder lists the slices");
  constexpr std::array<int, 8> kOrder = {0, 4, 2, 6, 1, 5, 3, 7};
  struct Slice {
    int64_t upper = 0, below = 0;  // rowids (below, upper]
    bool read = false;
    double estimate = 0;
    Tally tally;  // weighted to sum to `estimate`
  };
  const int64_t span = window_end - lo;
  if (span <= 0) return 0;
  std::array<Slice, kSampleSlices> slices;
  for (int k = 0; k < kSampleSlices; ++k) {
    slices[static_cast<size_t>(k)].upper = window_end - 1 - span * k / kSampleSlices;
    slices[static_cast<size_t>(k)].below = window_end - 1 - span * (k + 1) / kSampleSlices;
  }
  const std::string sql = std::string("SELECT f.rowid, ") + kFacetColumns +
                          " FROM search_fts f CROSS JOIN search_docs d ON d.seq = f.rowid WHERE f.search_fts MATCH ? "
                          "AND f.rowid <= ? AND f.rowid > ? ORDER BY f.rowid DESC LIMIT ?";
  for (int k : kOrder) {
    Slice& sl = slices[static_cast<size_t>(k)];
    if (sl.upper <= sl.below) {
      sl.read = true;
      continue;
    }
    if (Clock::now() >= deadline) break;
    const auto rows = db.query(sql, {match, sl.upper, sl.below, kSamplePerSlice});
    sl.read = true;
    if (rows.empty()) continue;
    const auto n = static_cast<double>(rows.size());
    sl.estimate = n;
    if (static_cast<int64_t>(rows.size()) == kSamplePerSlice) {
      sl.estimate = n * static_cast<double>(sl.upper - sl.below) / static_cast<double>(sl.upper - rows.back().i(0) + 1);
    }
    for (const auto& r : rows) sl.tally.add(r, 1, sl.estimate / n);
  }
  double total = 0;
  for (int k = 0; k < kSampleSlices; ++k) {
    Slice& sl = slices[static_cast<size_t>(k)];
    if (!sl.read) {
      // Density (matches per rowid) and facet mix of the nearest read neighbours.
      struct Guide {
        double density;
        const Tally* tally;
        double estimate;
      };
      std::vector<Guide> guides;
      int before = k - 1;
      while (before >= 0 && !slices[static_cast<size_t>(before)].read) --before;
      if (before < 0) {
        guides.push_back({static_cast<double>(kCandidateCap) / static_cast<double>(std::max<int64_t>(window_span, 1)),
                          &window, static_cast<double>(kCandidateCap)});
      } else {
        const Slice& b = slices[static_cast<size_t>(before)];
        guides.push_back(
            {b.estimate / static_cast<double>(std::max<int64_t>(b.upper - b.below, 1)), &b.tally, b.estimate});
      }
      int after = k + 1;
      while (after < kSampleSlices && !slices[static_cast<size_t>(after)].read) ++after;
      if (after < kSampleSlices) {
        const Slice& a = slices[static_cast<size_t>(after)];
        guides.push_back(
            {a.estimate / static_cast<double>(std::max<int64_t>(a.upper - a.below, 1)), &a.tally, a.estimate});
      }
      double density = 0;
      for (const auto& g : guides) density += g.density / static_cast<double>(guides.size());
      sl.estimate = density * static_cast<double>(sl.upper - sl.below);
      for (const auto& g : guides) {
        if (g.estimate > 0)
          sl.tally.add_scaled(*g.tally, sl.estimate / g.estimate / static_cast<double>(guides.size()));
      }
    }
    tally.add_scaled(sl.tally, 1.0);
    total += sl.estimate;
  }
  return total;
}

std::vector<FacetCount> facet_list(const std::map<std::string, double>& m, bool by_value_desc) {
  std::vector<FacetCount> out;
  for (const auto& [value, weight] : m) {
    const auto count = std::llround(weight);
    if (count > 0 && !value.empty()) out.push_back({value, value, count});
  }
  if (by_value_desc) {
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
  } else {
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  }
  return out;
}

Facets make_facets(db::Db& db, const Tally& t) {
  Facets f;
  f.agency = facet_list(t.agency, false);
  if (!f.agency.empty()) {
    std::string sql = "SELECT id, name FROM agencies WHERE id IN (";
    db::Params params;
    for (size_t k = 0; k < f.agency.size(); ++k) {
      sql += k ? ",?" : "?";
      params.emplace_back(std::stoll(f.agency[k].value));
    }
    std::map<std::string, std::string> names;
    for (const auto& r : db.query(sql + ")", params)) names[std::to_string(r.i(0))] = r.s(1);
    for (auto& a : f.agency) a.label = names[a.value];
  }
  const auto& tax = catalog::default_taxonomy();
  f.subject = facet_list(t.subject, false);
  for (auto& s : f.subject) {
    if (const auto* sub = tax.subject(s.value)) s.label = sub->name;
  }
  f.genre = facet_list(t.genre, false);
  for (auto& g : f.genre) {
    if (const auto* gen = tax.genre(g.value)) g.label = gen->name;
  }
  f.year = facet_list(t.year, true);
  f.validity = facet_list(t.validity, false);
  for (auto& v : f.validity) v.label = std::string(catalog::label_of(catalog::kValidities, v.value));
  return f;
}

// The one item in scope whose 文号 or 索引号 is exactly `number`, if there is exactly one.
std::optional<int64_t> exact_number_item(db::Db& db, const std::string& number, const SearchQuery& q,
                                         const std::vector<int64_t>& staff_agencies, bool staff_all) {
  auto doc_no = catalog::normalize_doc_number(number);
  std::string upper = number;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  std::string sql = "SELECT item_id FROM search_docs WHERE (doc_no = ? OR index_no = ? OR index_no = ?)";
  db::Params params{(doc_no && !doc_no->empty()) ? db::Value(*doc_no) : db::Value(), number, upper};
  if (!q.staff_agencies) {
    sql += " AND public = 1";
  } else if (!staff_all) {
    if (staff_agencies.empty()) return std::nullopt;
    sql += " AND agency_id IN (";
    for (size_t k = 0; k < staff_agencies.size(); ++k) {
      sql += k ? ",?" : "?";
      params.emplace_back(staff_agencies[k]);
    }
    sql += ")";
  }
  const auto rows = db.query(sql + " LIMIT 2", params);
  if (rows.size() != 1) return std::nullopt;
  return rows.front().i(0);
}

Hit load_hit(db::Db& db, const Candidate& c, const ParsedQuery& pq) {
  Hit h;
  auto r = db.query_one(
      "SELECT t.title, d.doc_no, d.index_no, d.publish_date, d.state, d.validity, d.subject, d.genre, d.agency_id, "
      "COALESCE(a.name, ''), t.summary FROM search_docs d JOIN search_text t ON t.seq = d.seq LEFT JOIN agencies a "
      "ON a.id = d.agency_id WHERE d.seq = ?",
      {c.seq});
  if (!r) return h;
  h.item_id = c.item_id;
  h.score = c.score;
  h.title = r->s(0);
  h.title_html = highlight(h.title, pq.phrases);
  h.doc_no = r->s(1);
  h.index_no = r->s(2);
  h.publish_date = r->s(3);
  h.state = r->s(4);
  h.validity = r->s(5);
  h.subject = r->s(6);
  h.genre = r->s(7);
  h.agency_id = r->i(8);
  h.agency_name = r->s(9);
  const std::string summary = r->s(10);
  int col = -1;
  int64_t position = -1;
  if (c.hit) {
    col = static_cast<int>(*c.hit >> 32);
    position = *c.hit & 0xFFFFFFFF;
  }
  if (col != kSummary && col != kBody && col != kAttachments) {
    col = summary.empty() ? kBody : kSummary;
    position = -1;
  }
  std::string text = summary;
  if (col != kSummary) {
    auto t = db.query_one(
        "SELECT " + std::string(kColumnNames[static_cast<size_t>(col)]) + " FROM search_text WHERE seq = ?", {c.seq});
    text = t ? t->s(0) : "";
  }
  h.snippet_html = snippet(text, pq.phrases, position);
  return h;
}

}  // namespace

Result<SearchResult> search(db::Db& db, const SearchQuery& q) {
  auto parsed = parse_query(q.q);
  if (!parsed) return parsed.error();
  const ParsedQuery& pq = *parsed;
  SearchResult res;
  res.per_page = std::clamp(q.per_page, 1, 100);
  res.page = std::max(1, q.page);
  res.query_truncated = pq.truncated;

  std::vector<Filter> filters;
  bool staff_all = false;
  if (!q.staff_agencies) {
    filters.push_back({"", facets_expr({std::string(kPublicToken)})});
  } else {
    auto tokens = staff_tokens(db, *q.staff_agencies, staff_all);
    if (!staff_all) {
      if (tokens.empty()) return res;  // reads no agency
      filters.push_back({"", facets_expr(tokens)});
    }
    if (!q.states.empty()) {
      std::vector<std::string> st;
      for (const auto& s : q.states) st.push_back(facet_token(kStatePrefix, s));
      filters.push_back({"state", facets_expr(st)});
    }
  }
  if (q.agency_id) {
    filters.push_back(
        {"agency", facets_expr({facet_token(q.include_subtree ? kSubtreePrefix : kAgencyPrefix, *q.agency_id)})});
  }
  if (q.column_id) filters.push_back({"column", facets_expr({facet_token(kColumnPrefix, *q.column_id)})});
  if (!q.subject.empty()) filters.push_back({"subject", facets_expr({facet_token(kSubjectPrefix, q.subject)})});
  if (!q.genre.empty()) filters.push_back({"genre", facets_expr({facet_token(kGenrePrefix, q.genre)})});
  if (q.year_from || q.year_to) {
    const int this_year = std::stoi(today_cn().substr(0, 4));
    const int to = q.year_to.value_or(this_year);
    const int from = std::max(q.year_from.value_or(to - 49), to - 49);
    std::vector<std::string> years;
    for (int y = from; y <= to; ++y) years.push_back(facet_token(kYearPrefix, y));
    if (years.empty()) years.emplace_back("ynone");
    filters.push_back({"year", facets_expr(years)});
  }
  if (!q.validity.empty()) filters.push_back({"validity", facets_expr({facet_token(kValidityPrefix, q.validity)})});

  auto match_without = [&](int skip) {
    std::string m = "(" + pq.match + ")";
    for (size_t k = 0; k < filters.size(); ++k) {
      if (static_cast<int>(k) != skip) m += " AND (" + filters[k].expr + ")";
    }
    return m;
  };
  const std::string match = match_without(-1);

  if (!pq.number.empty()) {
    res.jump_to = exact_number_item(db, pq.number, q, q.staff_agencies.value_or(std::vector<int64_t>{}), staff_all);
  }

  auto bounds = db.query_one("SELECT (SELECT MIN(seq) FROM search_docs), (SELECT MAX(seq) FROM search_docs)");
  if (!bounds || bounds->null(0)) return res;
  const int64_t lo = bounds->i(0), hi = bounds->i(1);

  const Clock::time_point deadline = Clock::now() + q.scan_budget;

  // Term statistics for the IDFs: only needed to weigh several terms against each other.
  std::vector<double> df;
  if (pq.phrases.size() == 1) {
    df.push_back(1);
  } else {
    const Clock::time_point probe_deadline = Clock::now() + q.scan_budget / 8;
    for (const auto& p : pq.phrases) {
      df.push_back(std::max(1.0, estimate_matches(db, p.fts, kDfProbeCap, lo, hi, probe_deadline)));
    }
  }

  std::string select = "SELECT f.rowid, gk_rank(f.search_fts";
  db::Params lead;
  for (double w : kColumnWeights) {
    select += ", ?";
    lead.emplace_back(w);
  }
  for (double n : df) {
    select += ", ?";
    lead.emplace_back(n);
  }
  select += std::string("), gk_hit(f.search_fts, ") + std::to_string(kSummary) + ", " + std::to_string(kBody) + ", " +
            std::to_string(kAttachments) + "), d.item_id, " + kFacetColumns +
            " FROM search_fts f CROSS JOIN search_docs d ON d.seq = f.rowid";
  Scan window = scan_newest(db, select, lead, match, kCandidateCap + 1, lo, hi, deadline);
  const auto& rows = window.rows;

  std::vector<Candidate> cands;
  Tally tally;
  for (size_t k = 0; k < rows.size() && static_cast<int64_t>(k) < kCandidateCap; ++k) {
    const auto& r = rows[k];
    cands.push_back({r.i(0), r.d(1), r.oi(2), r.i(3)});
    tally.add(r, 4, 1.0);
  }
  if (window.complete) {
    res.total = static_cast<int64_t>(cands.size());
  } else if (static_cast<int64_t>(rows.size()) > kCandidateCap) {
    // Broad: more matches than the window holds. Sample the older ones for the total and facets.
    res.broad = true;
    res.total_exact = false;
    res.facets_exact = false;
    const Tally in_window = tally;
    const int64_t window_end = cands.back().seq;
    // The samples get at least a fifth of the budget even when the window used it all up.
    const Clock::time_point sample_deadline = std::max(deadline, Clock::now() + q.scan_budget / 5);
    const double older =
        sample_older(db, match, lo, window_end, in_window, hi - window_end + 1, sample_deadline, tally);
    res.total = std::max<int64_t>(kCandidateCap + 1, std::llround(static_cast<double>(kCandidateCap) + older));
  } else {
    // The budget ran out before the window filled: matches rare among many candidate documents. What
    // was found is ranked; the counts are what was found, lower bounds (matches may cluster by date,
    // so the unsearched part is not extrapolated).
    res.broad = true;
    res.total_exact = false;
    res.facets_exact = false;
    res.total_lower_bound = true;
    res.total = static_cast<int64_t>(cands.size());
  }
  res.pageable = static_cast<int64_t>(cands.size());
  res.facets = make_facets(db, tally);

  if (q.sort == Sort::kRelevance) {
    std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
      return a.score != b.score ? a.score > b.score : a.seq > b.seq;
    });
  } else {
    // Date order: the window is already newest-indexed first; order by 发布日期 exactly within it.
    std::map<int64_t, std::string> date;
    for (const auto& r : rows) date[r.i(0)] = r.s(7);
    std::stable_sort(cands.begin(), cands.end(), [&](const Candidate& a, const Candidate& b) {
      const auto& da = date[a.seq];
      const auto& db_ = date[b.seq];
      return da != db_ ? da > db_ : a.seq > b.seq;
    });
  }
  const size_t offset = static_cast<size_t>(res.page - 1) * static_cast<size_t>(res.per_page);
  for (size_t k = offset; k < cands.size() && k < offset + static_cast<size_t>(res.per_page); ++k) {
    res.hits.push_back(load_hit(db, cands[k], pq));
  }

  if (res.total == 0) {
    const Clock::time_point suggest_deadline = Clock::now() + q.scan_budget;
    for (size_t k = 0; k < filters.size(); ++k) {
      if (filters[k].name.empty()) continue;
      const Scan s = scan_newest(db, kRowidsOnly, {}, match_without(static_cast<int>(k)), kCandidateCap + 1, lo, hi,
                                 suggest_deadline);
      const auto n = static_cast<int64_t>(s.rows.size());
      if (n > 0) res.suggestions.push_back({filters[k].name, std::min(n, kCandidateCap), !s.complete});
    }
  }
  return res;
}

}  // namespace gk::search
