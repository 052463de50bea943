#!/usr/bin/env bash
# Search benchmark (issue 3 §6): N synthetic catalog items indexed by gongkai (search::rebuild) and by
# Xapian 1.4 with CJK n-grams, the same 1,000 queries through both, latencies and ratios.
#
#   bench/search/run.sh /abs/path/to/build/search_bench N     (`make bench`: N = 1000000,
#                                                              `make bench-quick`: N = 100000)
#
# search_bench (bench/search/search_bench.cpp, built with -DGK_BENCH=ON) does the work and prints a
# Markdown report; this script bounds it in time and appends the report, with the machine, commit and
# build, as a dated section to BENCHMARKS.md. Nothing listens on a socket.
#
# Settings (environment): BENCH_SEARCH_QUERIES (1000), BENCH_SEARCH_SEED (20261122),
# BENCH_SEARCH_DIR (where the databases go; default ${TMPDIR:-/tmp}/gongkai-search-bench-N — about
# 16 GB for N = 10^6), BENCH_SEARCH_REUSE=1 (reuse the databases of an earlier run of the same N and
# seed and only run the queries; the report then gives that build's figures and says so),
# BENCH_SEARCH_EXACT=0 (skip the Xapian run with exact facets), BENCH_SEARCH_XAPIAN=0 (gongkai only,
# no Xapian at all), BENCH_SEARCH_TIMEOUT (seconds; default
# 900 + N / 50), BENCH_KEEP=1 (keep the databases; kept anyway with BENCH_SEARCH_REUSE=1),
# BENCH_NO_RECORD=1 (do not append to BENCHMARKS.md).
set -euo pipefail

BIN=${1:-}
N=${2:-}
if [ -z "$BIN" ] || [ ! -x "$BIN" ] || ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 /abs/path/to/search_bench N" >&2
  exit 2
fi
case "$BIN" in /*) ;; *) BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")" ;; esac

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
QUERIES=${BENCH_SEARCH_QUERIES:-1000}
SEED=${BENCH_SEARCH_SEED:-20261122}
DIR=${BENCH_SEARCH_DIR:-${TMPDIR:-/tmp}/gongkai-search-bench-$N}
TIMEOUT=${BENCH_SEARCH_TIMEOUT:-$((900 + N / 50))}
REUSE=${BENCH_SEARCH_REUSE:-0}

log() { echo "bench: $*" >&2; }

args=(--n "$N" --seed "$SEED" --queries "$QUERIES" --dir "$DIR")
[ "$REUSE" = 1 ] && args+=(--reuse)
[ "${BENCH_SEARCH_EXACT:-1}" = 0 ] && args+=(--no-xapian-exact)
[ "${BENCH_SEARCH_XAPIAN:-1}" = 0 ] && args+=(--no-xapian)

mkdir -p "$DIR"
REPORT="$DIR/report.md"
rm -f "$REPORT"
cleanup() {
  if [ "$REUSE" != 1 ] && [ "${BENCH_KEEP:-0}" != 1 ]; then
    rm -rf "$DIR"
  else
    log "kept $DIR"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

START=$(date -u '+%Y-%m-%d %H:%M UTC')
log "search benchmark: $N items, $QUERIES queries, in $DIR (at most ${TIMEOUT}s)"
status=0
timeout --kill-after=30 "$TIMEOUT" "$BIN" "${args[@]}" --markdown "$REPORT" || status=$?
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 124 ] && log "search_bench did not finish within ${TIMEOUT}s (BENCH_SEARCH_TIMEOUT)"
  log "search_bench failed (exit $status)"
  exit 1
fi
[ -s "$REPORT" ] || { log "search_bench wrote no report"; exit 1; }

if [ "${BENCH_NO_RECORD:-0}" != 1 ]; then
  cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n1)
  mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (uncommitted changes)" || true)
  cache="$(dirname "$BIN")/CMakeCache.txt"
  build_type=$(grep -m1 '^CMAKE_BUILD_TYPE:' "$cache" 2>/dev/null | cut -d= -f2 || true)
  compiler=$(grep -m1 '^CMAKE_CXX_COMPILER:' "$cache" 2>/dev/null | cut -d= -f2 || true)
  compiler_v=$([ -n "$compiler" ] && "$compiler" --version 2>/dev/null | head -n1 || true)
  sqlite_v=$(sqlite3 --version 2>/dev/null | awk '{print $1}' || true)
  xapian_v=$(pkg-config --modversion xapian-core 2>/dev/null || true)
  file="$ROOT/BENCHMARKS.md"
  if ! grep -q '^## Search benchmark' "$file" 2>/dev/null; then
    cat >>"$file" <<'EOF'

## Search benchmark (`make bench`: 10⁶ items, `make bench-quick`: 10⁵)

bench/search/run.sh runs `build/search_bench` (bench/search/, built only with `-DGK_BENCH=ON`):

- **Corpus**: N published 主动公开 items of a fictional province (about 750 agencies: 省, 6 市, 30 县,
  their departments and townships), generated deterministically from a seed out of administrative
  prose — titles by genre (关于印发…的通知, 实施意见, 房屋征收补偿方案公告, 政府信息公开工作年度报告,
  部门决算及“三公”经费支出情况说明…), 文号, 索引号, keywords, summary and an HTML body of sentences
  drawn by topic (预算, 三公经费, 征收补偿, 最低生活保障, 防汛抗旱…), 2008–2026 with more items in
  later years, long-tailed agencies, 主题分类 following the topic, older items more often expired or
  repealed. The items go into the catalog tables of a migrated gongkai database; the index is built
  by `search::rebuild`, the code `gongkai search reindex` runs.
- **Queries**: 1,000 drawn from the same vocabulary — 1-, 2-, 3- and 4-character terms, two-term ANDs,
  quoted phrases, half by relevance and half by date — each through `search::search` in the public
  scope, page 1 of 20 with snippets and the five facet counts (agency, subject, genre, year, validity).
- **Xapian 1.4** indexes the very text gongkai indexed (TermGenerator `FLAG_CJK_NGRAM`, fields
  weighted like gongkai's BM25F columns, docids in publication order) and runs the same queries
  (QueryParser `FLAG_CJK_NGRAM`, terms ANDed, multi-character CJK terms phrase-quoted, BM25 or
  descending docid for date order, five `ValueCountMatchSpy` facets, document data and
  `MSet::snippet` for the 20 hits) twice: facets over at least 4,001 matches — as many as gongkai
  reads for a broad query (2,000 candidates + 8 × 250 samples), the like-for-like setting, which
  the ratios use — and with exact facets (every match examined).
- Latencies are wall-clock, one thread, after an unrecorded warm-up of 50 queries per engine. The
  machine is shared: the load average is recorded with each run; compare the ratios of one run
  rather than absolute figures across runs.
- Where the engines' match counts differ, it is a phrase across punctuation: Xapian's CJK phrase
  skips punctuation (三公经费 matches “三公”经费), gongkai's bigrams do not.
EOF
  fi
  {
    echo
    echo "## $START — search, $(printf "%'d" "$N" 2>/dev/null || echo "$N") items"
    echo
    echo "- machine: $(nproc) CPUs ($cpu), $mem memory, $(uname -sr)"
    echo "- gongkai: commit $commit$dirty, ${build_type:-unknown} build${compiler_v:+, $compiler_v}; SQLite ${sqlite_v:-?}; Xapian ${xapian_v:-?}"
    cat "$REPORT"
  } >>"$file"
  log "appended the search results to $file"
fi
exit 0
