// search_bench: the search benchmark of `make bench` / `make bench-quick` (issue 3 §6; bench/search/run.sh).
//
//   search_bench --n 100000 [--seed S] [--queries 1000] [--dir DIR] [--markdown FILE] [--reuse]
//                [--no-xapian] [--no-xapian-exact]
//   search_bench gen --db PATH --n N [--seed S]      (only write the corpus, e.g. to try the portal on it)
//
// 1. Writes N synthetic catalog items (corpus.h) into a new gongkai database DIR/bench.db (migrated like
//    any gongkai database) and builds the search index with search::rebuild — what `gongkai search
//    reindex` runs — reporting the build rate and the database size before and after.
// 2. Runs the query mix (corpus.h make_queries) through search::search in the public scope (page 1 of
//    20, facet counts, snippets), reporting median, p90, p99 and max latency, overall and by kind.
// 3. Indexes the same entries with Xapian 1.4 CJK n-grams (xapian_engine.h) and runs the same queries
//    twice: facets over at least as many matches as gongkai examines (kCandidateCap + the samples: the
//    like-for-like setting), and with exact facets (check_at_least = every document).
// 4. Prints the figures and the ratios gongkai/Xapian, and writes them as Markdown to FILE.
// Latencies are wall-clock, single-threaded, after a short unrecorded warm-up of each engine.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <ctime>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "corpus.h"
#include "platform/db/db.h"
#include "platform/db/migrations.h"
#include "search/index.h"
#include "search/search.h"
#include "xapian_engine.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace gk;

namespace {

struct Options {
  int64_t n = 100000;
  uint64_t seed = 20261122;
  int queries = 1000;
  std::string dir;
  std::string markdown;
  bool reuse = false;
  bool xapian = true;
  bool xapian_exact = true;
};

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct Stats {
  size_t n = 0;
  double median = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};

// Nearest-rank percentiles.
Stats stats_of(std::vector<double> v) {
  Stats s;
  s.n = v.size();
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto pct = [&](double p) {
    size_t k = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
    return v[std::min(v.size(), std::max<size_t>(k, 1)) - 1];
  };
  s.median = pct(0.5);
  s.p90 = pct(0.9);
  s.p99 = pct(0.99);
  s.max = v.back();
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  return s;
}

std::string fmt(double x, int prec = 2) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, x);
  return b;
}

std::string thousands(int64_t x) {
  std::string s = std::to_string(x), out;
  for (size_t k = 0; k < s.size(); ++k) {
    if (k && (s.size() - k) % 3 == 0) out += ',';
    out += s[k];
  }
  return out;
}

std::string mib(uint64_t bytes) { return fmt(static_cast<double>(bytes) / 1048576.0, 1) + " MiB"; }

uint64_t dir_size(const fs::path& p) {
  uint64_t total = 0;
  if (!fs::exists(p)) return 0;
  if (fs::is_regular_file(p)) return fs::file_size(p);
  for (const auto& e : fs::recursive_directory_iterator(p)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

std::string loadavg() {
  std::ifstream f("/proc/loadavg");
  std::string a, b, c;
  f >> a >> b >> c;
  return a + " " + b + " " + c;
}

void checkpoint(db::Db& db) { db.query("PRAGMA wal_checkpoint(TRUNCATE)"); }

// A progress line on standard error every 10 %.
auto progress(const std::string& label) {
  return [label, last = -1](int64_t done, int64_t total) mutable {
    const int pct = total > 0 ? static_cast<int>(done * 100 / total) : 100;
    if (pct / 10 == last / 10 && done < total) return;
    last = pct;
    std::cerr << label << ": " << pct << "% (" << done << "/" << total << ")\n";
  };
}

int usage() {
  std::cerr << "usage: search_bench --n N [--seed S] [--queries Q] [--dir DIR] [--markdown FILE] [--reuse]\n"
               "                    [--no-xapian] [--no-xapian-exact]\n"
               "       search_bench gen --db PATH --n N [--seed S]\n";
  return 2;
}

int cmd_gen(int argc, char** argv) {
  std::string path;
  int64_t n = 0;
  uint64_t seed = Options{}.seed;
  for (int k = 2; k < argc; ++k) {
    const std::string a = argv[k];
    if (a == "--db" && k + 1 < argc) path = argv[++k];
    else if (a == "--n" && k + 1 < argc) n = std::stoll(argv[++k]);
    else if (a == "--seed" && k + 1 < argc) seed = std::stoull(argv[++k]);
    else return usage();
  }
  if (path.empty() || n <= 0) return usage();
  if (fs::exists(path)) {
    std::cerr << "search_bench: " << path << " exists; give a new file\n";
    return 1;
  }
  auto d = db::Database::open_sqlite(path);
  auto& db = d->conn();
  db::migrate(db);
  const auto st = bench::generate_corpus(db, n, seed, progress("generating"));
  const auto t0 = Clock::now();
  search::rebuild(db, progress("indexing"));
  checkpoint(db);
  std::cout << st.items << " items, " << st.agencies << " agencies; index built in " << fmt(ms_since(t0) / 1000, 1)
            << " s\n";
  return 0;
}

// Build figures kept next to the indexes, so a --reuse run still reports how the build went.
struct BuildFigures {
  uint64_t seed = 0;
  int64_t n = 0, agencies = 0, text_bytes = 0;
  double gen_s = 0, build_s = 0, xbuild_s = 0;
  uint64_t catalog_bytes = 0;
  std::string when, load;  // UTC time and load average of the build
};

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
  return b;
}

void save_figures(const fs::path& p, const BuildFigures& f) {
  std::ofstream o(p);
  o << f.seed << "\n" << f.n << "\n" << f.agencies << "\n" << f.text_bytes << "\n" << f.gen_s << "\n" << f.build_s
    << "\n" << f.xbuild_s << "\n" << f.catalog_bytes << "\n" << f.when << "\n" << f.load << "\n";
}

std::optional<BuildFigures> load_figures(const fs::path& p) {
  std::ifstream i(p);
  BuildFigures f;
  if (!(i >> f.seed >> f.n >> f.agencies >> f.text_bytes >> f.gen_s >> f.build_s >> f.xbuild_s >> f.catalog_bytes)) {
    return std::nullopt;
  }
  i.ignore();
  std::getline(i, f.when);
  std::getline(i, f.load);
  return f;
}

struct EngineRun {
  std::string name;
  std::vector<double> ms;  // per query, in query order
  std::vector<int64_t> totals;
  std::vector<bool> exact;
};

}  // namespace

int main(int argc, char** argv) try {
  if (argc > 1 && std::string(argv[1]) == "gen") return cmd_gen(argc, argv);
  Options o;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    auto next = [&]() -> std::string {
      if (k + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++k];
    };
    if (a == "--n") o.n = std::stoll(next());
    else if (a == "--seed") o.seed = std::stoull(next());
    else if (a == "--queries") o.queries = std::stoi(next());
    else if (a == "--dir") o.dir = next();
    else if (a == "--markdown") o.markdown = next();
    else if (a == "--reuse") o.reuse = true;
    else if (a == "--no-xapian") o.xapian = false;
    else if (a == "--no-xapian-exact") o.xapian_exact = false;
    else return usage();
  }
  if (o.n <= 0 || o.queries <= 0) return usage();
  if (o.dir.empty()) o.dir = (fs::temp_directory_path() / ("gongkai-search-bench-" + std::to_string(o.n))).string();
  fs::create_directories(o.dir);
  const fs::path db_path = fs::path(o.dir) / "bench.db";
  const fs::path xdir = fs::path(o.dir) / "xapian";
  const std::string load_start = loadavg();

  // --- 1. corpus and gongkai index ------------------------------------------------------------------
  const fs::path figures_path = fs::path(o.dir) / "build-figures.txt";
  bool reused = false;
  bench::CorpusStats corpus;
  double gen_s = 0, build_s = 0;
  uint64_t catalog_bytes = 0, db_bytes = 0;
  BuildFigures figures;
  {
    if (o.reuse && fs::exists(db_path)) {
      auto saved = load_figures(figures_path);
      auto d = db::Database::open_sqlite(db_path.string());
      reused = saved && saved->seed == o.seed && saved->n == o.n &&
               d->conn().scalar_int("SELECT COUNT(*) FROM search_docs") == o.n;
      if (reused) {
        figures = *saved;
        corpus.items = figures.n;
        corpus.agencies = figures.agencies;
        corpus.text_bytes = figures.text_bytes;
        gen_s = figures.gen_s;
        build_s = figures.build_s;
        catalog_bytes = figures.catalog_bytes;
      }
    }
    if (!reused) {
      fs::remove(figures_path);
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix);
      auto d = db::Database::open_sqlite(db_path.string());
      auto& db = d->conn();
      db::migrate(db);
      std::cerr << "search_bench: generating " << o.n << " items into " << db_path << "\n";
      auto t0 = Clock::now();
      corpus = bench::generate_corpus(db, o.n, o.seed, progress("generating"));
      gen_s = ms_since(t0) / 1000;
      checkpoint(db);
      catalog_bytes = fs::file_size(db_path);
      std::cerr << "search_bench: building the gongkai index (search::rebuild)\n";
      t0 = Clock::now();
      const int64_t indexed = search::rebuild(db, progress("gongkai index"));
      checkpoint(db);
      build_s = ms_since(t0) / 1000;
      if (indexed != o.n) throw std::runtime_error("indexed " + std::to_string(indexed) + " items, not " + std::to_string(o.n));
      figures = BuildFigures{o.seed, o.n, corpus.agencies, corpus.text_bytes, gen_s, build_s, 0, catalog_bytes,
                             utc_now(), load_start};
      save_figures(figures_path, figures);
    } else {
      std::cerr << "search_bench: reusing " << db_path << " (built " << figures.when << ")\n";
    }
    db_bytes = fs::file_size(db_path);
  }

  auto d = db::Database::open_sqlite(db_path.string());
  auto& db = d->conn();
  const auto queries = bench::make_queries(o.queries, o.seed);
  const auto warmup = bench::make_queries(50, o.seed + 1);
  const std::string load_queries = loadavg();

  // --- 2. gongkai queries ---------------------------------------------------------------------------
  auto run_gongkai = [&](const bench::BenchQuery& q, EngineRun* run, int64_t* broad, int64_t* lower_bound) {
    search::SearchQuery sq;
    sq.q = q.text;
    sq.sort = q.by_date ? search::Sort::kDate : search::Sort::kRelevance;
    sq.per_page = 20;
    const auto t0 = Clock::now();
    auto r = search::search(db, sq);
    const double ms = ms_since(t0);
    if (!r.ok()) throw std::runtime_error("gongkai search failed for " + q.text + ": " + r.error().message);
    if (run) {
      run->ms.push_back(ms);
      run->totals.push_back(r.value().total);
      run->exact.push_back(r.value().total_exact && !r.value().total_lower_bound);
      *broad += r.value().broad ? 1 : 0;
      *lower_bound += r.value().total_lower_bound ? 1 : 0;
    }
  };
  std::cerr << "search_bench: " << queries.size() << " queries through search::search\n";
  for (const auto& q : warmup) run_gongkai(q, nullptr, nullptr, nullptr);
  EngineRun gk_run{"gongkai (FTS5, bigrams)", {}, {}, {}};
  int64_t gk_broad = 0, gk_lower = 0;
  for (const auto& q : queries) run_gongkai(q, &gk_run, &gk_broad, &gk_lower);

  // --- 3. Xapian ------------------------------------------------------------------------------------
  double xbuild_s = 0;
  uint64_t xbytes = 0;
  bool xreused = false;
  std::vector<EngineRun> xruns;
  const uint32_t like_for_like =
      static_cast<uint32_t>(search::kCandidateCap + search::kSampleSlices * search::kSamplePerSlice + 1);
  if (o.xapian) {
    if (reused && figures.xbuild_s > 0 && fs::exists(xdir)) {
      try {
        xreused = bench::XapianEngine(xdir.string()).doc_count() == o.n;
      } catch (const std::exception&) {
        xreused = false;
      }
      if (xreused) xbuild_s = figures.xbuild_s;
    }
    if (!xreused) {
      std::cerr << "search_bench: building the Xapian index\n";
      const auto t0 = Clock::now();
      const int64_t nx = bench::XapianEngine::build(db, xdir.string());
      xbuild_s = ms_since(t0) / 1000;
      if (nx != o.n) throw std::runtime_error("Xapian indexed " + std::to_string(nx) + " documents");
      figures.xbuild_s = xbuild_s;
      save_figures(figures_path, figures);
    }
    xbytes = dir_size(xdir);
    bench::XapianEngine xe(xdir.string());
    auto run_x = [&](const std::string& name, uint32_t check) {
      EngineRun run{name, {}, {}, {}};
      for (const auto& q : warmup) xe.search(q.xapian_text, q.by_date, 20, check);
      for (const auto& q : queries) {
        const auto t0 = Clock::now();
        const auto r = xe.search(q.xapian_text, q.by_date, 20, check);
        run.ms.push_back(ms_since(t0));
        run.totals.push_back(r.estimated);
        run.exact.push_back(r.exact);
      }
      return run;
    };
    std::cerr << "search_bench: the same queries through Xapian (facets over >= " << like_for_like << " matches)\n";
    xruns.push_back(run_x("Xapian 1.4 CJK n-grams, facets over ≥ " + thousands(like_for_like) + " matches", like_for_like));
    if (o.xapian_exact) {
      std::cerr << "search_bench: the same queries through Xapian (exact facets)\n";
      xruns.push_back(run_x("Xapian 1.4 CJK n-grams, exact facets", static_cast<uint32_t>(o.n)));
    }
  }
  const std::string load_end = loadavg();

  // --- 4. report ------------------------------------------------------------------------------------
  std::ostringstream md;
  const Stats g = stats_of(gk_run.ms);
  md << "- corpus: " << thousands(o.n) << " published items (seed " << o.seed << ")";
  {
    md << ", " << corpus.agencies << " agencies, " << mib(static_cast<uint64_t>(corpus.text_bytes))
       << " of text (title, keywords, summary, body HTML; mean " << thousands(corpus.text_bytes / std::max<int64_t>(o.n, 1))
       << " bytes an item), generated in " << fmt(gen_s, 1) << " s";
  }
  md << "\n- query mix: " << queries.size() << " queries — ";
  {
    std::map<bench::QueryKind, int> count;
    int by_date = 0;
    for (const auto& q : queries) {
      ++count[q.kind];
      by_date += q.by_date ? 1 : 0;
    }
    bool first = true;
    for (const auto& [k, c] : count) {
      md << (first ? "" : ", ") << c << " " << bench::query_kind_name(k);
      first = false;
    }
    md << "; " << (static_cast<int>(queries.size()) - by_date) << " by relevance, " << by_date
       << " by date; all in the public scope with the five facet counts, page 1 of 20 with snippets\n";
  }
  if (reused) {
    md << "- indexes reused from an earlier run of the same corpus: built " << figures.when
       << " (load average then " << figures.load << "); the build figures below are from that build\n";
  }
  md << "- load average (1, 5, 15 min): " << load_start << " at the start, " << load_queries
     << " before the queries, " << load_end << " at the end\n\n";

  md << "| | gongkai | Xapian | gongkai/Xapian |\n| --- | ---: | ---: | ---: |\n";
  {
    const double gk_rate = static_cast<double>(o.n) / build_s;
    md << "| index build | " << fmt(build_s, 1) << " s, " << thousands(static_cast<int64_t>(gk_rate)) << " docs/s | ";
    if (o.xapian && xbuild_s > 0) {
      const double x_rate = static_cast<double>(o.n) / xbuild_s;
      md << fmt(xbuild_s, 1) << " s, " << thousands(static_cast<int64_t>(x_rate)) << " docs/s | " << fmt(gk_rate / x_rate)
         << "× the rate |\n";
    } else {
      md << "— | |\n";
    }
    md << "| size | " << mib(db_bytes) << " database (" << mib(catalog_bytes) << " catalog + " << mib(db_bytes - catalog_bytes)
       << " index) | " << (o.xapian ? mib(xbytes) : "—") << " | "
       << (o.xapian ? fmt(static_cast<double>(db_bytes - catalog_bytes) / static_cast<double>(xbytes)) + " (index only)" : "")
       << " |\n";
  }
  md << "\n";

  // Latency table: all queries, then by kind and by order.
  std::vector<std::pair<std::string, std::vector<size_t>>> groups;
  {
    std::vector<size_t> all(queries.size());
    for (size_t k = 0; k < all.size(); ++k) all[k] = k;
    groups.emplace_back("**all " + std::to_string(queries.size()) + "**", all);
    for (int kind = 0; kind <= static_cast<int>(bench::QueryKind::kPhrase); ++kind) {
      std::vector<size_t> ix;
      for (size_t k = 0; k < queries.size(); ++k)
        if (static_cast<int>(queries[k].kind) == kind) ix.push_back(k);
      groups.emplace_back(std::string(bench::query_kind_name(static_cast<bench::QueryKind>(kind))) + " (" +
                              std::to_string(ix.size()) + ")",
                          ix);
    }
    for (bool by_date : {false, true}) {
      std::vector<size_t> ix;
      for (size_t k = 0; k < queries.size(); ++k)
        if (queries[k].by_date == by_date) ix.push_back(k);
      groups.emplace_back(std::string(by_date ? "by date" : "by relevance") + " (" + std::to_string(ix.size()) + ")", ix);
    }
  }
  auto subset = [](const EngineRun& r, const std::vector<size_t>& ix) {
    std::vector<double> v;
    for (size_t k : ix) v.push_back(r.ms[k]);
    return stats_of(v);
  };
  std::vector<const EngineRun*> runs{&gk_run};
  for (const auto& x : xruns) runs.push_back(&x);
  md << "Query latency in ms (median / p90 / p99 / max):\n\n| queries |";
  for (const auto* r : runs) md << " " << r->name << " |";
  md << "\n| --- |";
  for (size_t k = 0; k < runs.size(); ++k) md << " ---: |";
  md << "\n";
  for (const auto& [label, ix] : groups) {
    md << "| " << label << " |";
    for (const auto* r : runs) {
      const Stats s = subset(*r, ix);
      md << " " << fmt(s.median) << " / " << fmt(s.p90) << " / " << fmt(s.p99) << " / " << fmt(s.max) << " |";
    }
    md << "\n";
  }
  md << "\n";
  md << "gongkai: " << gk_broad << " of " << queries.size()
     << " queries were broad (more than 2,000 matches: the newest 2,000 ranked, total and facets estimated), "
     << gk_lower << " hit the 25 ms scan budget (total a lower bound).\n";
  if (!xruns.empty()) {
    // Sanity: where both engines counted exactly, do they agree on the number of matches?
    const EngineRun& xr = xruns.back();
    int both = 0, agree = 0;
    for (size_t k = 0; k < queries.size(); ++k) {
      if (gk_run.exact[k] && xr.exact[k]) {
        ++both;
        agree += gk_run.totals[k] == xr.totals[k] ? 1 : 0;
        if (gk_run.totals[k] != xr.totals[k] && std::getenv("GK_BENCH_DEBUG")) {
          std::cerr << "count differs: " << queries[k].text << " gongkai " << gk_run.totals[k] << " Xapian "
                    << xr.totals[k] << "\n";
        }
      }
    }
    md << "Match counts: where both engines counted exactly (" << both << " queries), they agree on " << agree << ".\n";
    md << "\nRatios gongkai/Xapian (below 1: gongkai faster):\n\n| Xapian setting | median | p90 | p99 |\n| --- | ---: | ---: | ---: |\n";
    for (const auto& x : xruns) {
      const Stats s = stats_of(x.ms);
      md << "| " << x.name << " | " << fmt(g.median / s.median) << " | " << fmt(g.p90 / s.p90) << " | "
         << fmt(g.p99 / s.p99) << " |\n";
    }
  }
  const Stats x0 = xruns.empty() ? Stats{} : stats_of(xruns.front().ms);
  const bool goal_abs = g.median <= 3.0 && g.p99 <= 30.0;
  const bool goal_x = !xruns.empty() && g.median < x0.median && g.p99 < x0.p99;
  md << "\nGoal for 10⁶ items (median ≤ 3 ms, p99 ≤ 30 ms with facets, faster than Xapian): at "
     << thousands(o.n) << " items gongkai has median " << fmt(g.median) << " ms and p99 " << fmt(g.p99) << " ms — "
     << (goal_abs ? "within" : "**outside**") << " the latency goal";
  if (!xruns.empty()) {
    md << ", " << (goal_x ? "faster" : "**not faster**") << " than Xapian (like-for-like facets: median "
       << fmt(x0.median) << " ms, p99 " << fmt(x0.p99) << " ms)";
  }
  md << ".\n";

  std::cout << md.str();
  if (!o.markdown.empty()) {
    std::ofstream f(o.markdown);
    f << md.str();
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "search_bench: " << e.what() << "\n";
  return 1;
}
