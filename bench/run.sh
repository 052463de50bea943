#!/usr/bin/env bash
# Throughput benchmark: a published item page served by gongkai (from its page cache) against the
# byte-identical HTML file served by nginx, both on loopback, measured with wrk in the same run.
#
#   bench/run.sh /abs/path/to/build/gongkai        (what `make bench` runs)
#
# Prints a table (requests/s, p99 latency) and the ratio gongkai/nginx, and appends a dated
# section to BENCHMARKS.md. Target: gongkai >= 0.8 x nginx on a cached item page.
#
# Settings (environment): BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (64),
# BENCH_WRK_THREADS (2), BENCH_WARMUP (seconds of unrecorded load per server before its run, 2),
# BENCH_ROUNDS (1; more alternate nginx and gongkai runs and report the best of each, which evens
# out other load on a shared machine), BENCH_NO_RECORD=1 (do not append to BENCHMARKS.md),
# BENCH_STRICT=1 (exit 3 when below target), BENCH_KEEP=1 (keep the temporary directory).
# Only 127.0.0.1 is ever contacted; every step is bounded in time; both servers are stopped on exit.
set -euo pipefail

BIN=${1:-}
if [ -z "$BIN" ] || [ ! -x "$BIN" ]; then
  echo "usage: $0 /abs/path/to/gongkai" >&2
  exit 2
fi
case "$BIN" in /*) ;; *) BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")" ;; esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
WARMUP=${BENCH_WARMUP:-2}
ROUNDS=${BENCH_ROUNDS:-1}
TARGET=0.8
HOST=127.0.0.1

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is not installed (run scripts/install-deps)" >&2; exit 2; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gongkai-bench.XXXXXX")"
GK_PID=""
NGINX_PID=""
cleanup() {
  local pid
  for pid in "$GK_PID" "$NGINX_PID"; do
    [ -n "$pid" ] || continue
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "$GK_PID" "$NGINX_PID"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "bench: $*" >&2; }

# A free loopback TCP port: bind port 0 and read what the kernel chose (bash has no bind, so ask
# the first interpreter present; fall back to scanning a range with ss).
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  elif command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  else
    local p
    for p in $(seq 18080 18999); do
      if ! ss -Htln "sport = :$p" | grep -q .; then echo "$p"; return; fi
    done
    return 1
  fi
}

# --- gongkai: demo database, served with the default thread count ------------------------------
log "creating the demo database in $TMP"
GK_DEMO_PASSWORD=${GK_DEMO_PASSWORD:-bench-Demo-2024} "$BIN" init --db "$TMP/bench.db" --demo >"$TMP/init.log" 2>&1 ||
  { cat "$TMP/init.log" >&2; exit 1; }

"$BIN" serve --db "$TMP/bench.db" --listen "$HOST:0" >"$TMP/gongkai.out" 2>"$TMP/gongkai.err" &
GK_PID=$!
GK_BASE=""
for _ in $(seq 1 300); do
  GK_BASE=$(sed -n 's#.*gongkai serving \(http://[0-9.]*:[0-9]*\)/.*#\1#p' "$TMP/gongkai.out" | head -n1)
  [ -n "$GK_BASE" ] && break
  kill -0 "$GK_PID" 2>/dev/null || { cat "$TMP/gongkai.err" >&2; log "gongkai exited before serving"; exit 1; }
  sleep 0.1
done
[ -n "$GK_BASE" ] || { log "gongkai did not print its URL within 30 s"; exit 1; }
case "$GK_BASE" in "http://$HOST:"*) ;; *) log "unexpected listen address $GK_BASE"; exit 1 ;; esac
log "gongkai serving $GK_BASE (pid $GK_PID)"

fetch() { curl -fsS --max-time 10 "$@"; }

# A published item page: the first one of the JSON API, else the first linked from the listing.
ITEM_PATH=""
if api=$(fetch "$GK_BASE/api/v1/items?per_page=1" 2>/dev/null); then
  id=$(printf '%s' "$api" | grep -o '"id"[[:space:]]*:[[:space:]]*[0-9]\+' | head -n1 | grep -o '[0-9]\+$' || true)
  [ -n "$id" ] && ITEM_PATH="/items/$id"
fi
if [ -z "$ITEM_PATH" ]; then
  ITEM_PATH=$(fetch "$GK_BASE/items" | grep -o 'href="/items/[0-9]\+"' | head -n1 | sed 's/^href="//; s/"$//' || true)
fi
[ -n "$ITEM_PATH" ] || { log "no published item found (neither /api/v1/items nor /items lists one)"; exit 1; }
GK_URL="$GK_BASE$ITEM_PATH"

# Warm the page cache, then keep the exact bytes served.
for _ in 1 2 3; do fetch -o /dev/null "$GK_URL"; done
# nginx's workers run as an unprivileged user when started by root: let them reach the file.
mkdir -p "$TMP/www"
chmod 711 "$TMP"
chmod 755 "$TMP/www"
fetch -D "$TMP/gongkai.headers" -o "$TMP/www/item.html" "$GK_URL"
chmod 644 "$TMP/www/item.html"
GK_TYPE=$(tr -d '\r' <"$TMP/gongkai.headers" | sed -n 's/^[Cc]ontent-[Tt]ype:[[:space:]]*//p' | head -n1)
BYTES=$(wc -c <"$TMP/www/item.html")
[ "$BYTES" -gt 0 ] || { log "empty item page"; exit 1; }
fetch -o "$TMP/again.html" "$GK_URL"
cmp -s "$TMP/www/item.html" "$TMP/again.html" || log "warning: $ITEM_PATH differs between two requests (not cached?)"
log "item page $ITEM_PATH: $BYTES bytes, $GK_TYPE"

# --- nginx: the same bytes, same Content-Type, as a non-daemon with everything in $TMP --------------
NGINX_PORT=$(free_port)
NGINX_URL="http://$HOST:$NGINX_PORT/item.html"
mkdir -p "$TMP/nginx/logs" "$TMP/nginx/tmp"
nginx_v=$(nginx -V 2>&1)
temp_paths="client_body_temp_path $TMP/nginx/tmp/body;"
for m in proxy fastcgi uwsgi scgi; do
  grep -q -- "--without-http_${m}_module" <<<"$nginx_v" || temp_paths+=" ${m}_temp_path $TMP/nginx/tmp/$m;"
done
cat >"$TMP/nginx/nginx.conf" <<EOF
# Generated by bench/run.sh: a minimal static-file server for the comparison.
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  $temp_paths
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  types { }
  default_type "${GK_TYPE:-text/html; charset=utf-8}";
  server {
    listen $HOST:$NGINX_PORT;
    root $TMP/www;
    location = /item.html { }
  }
}
EOF
nginx -t -q -p "$TMP/nginx" -e "$TMP/nginx/logs/error.log" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx-t.err" ||
  { cat "$TMP/nginx-t.err" >&2; log "nginx rejected the generated config"; exit 1; }
nginx -p "$TMP/nginx" -e "$TMP/nginx/logs/error.log" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx.err" &
NGINX_PID=$!
for _ in $(seq 1 100); do
  curl -fsS --max-time 2 -o "$TMP/nginx.html" "$NGINX_URL" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$TMP/nginx.err" >&2; log "nginx exited"; exit 1; }
  sleep 0.1
done
if ! cmp -s "$TMP/www/item.html" "$TMP/nginx.html" 2>/dev/null; then
  tail -n 5 "$TMP/nginx/logs/error.log" >&2 2>/dev/null || true
  log "nginx does not serve the same bytes"
  exit 1
fi
NGINX_TYPE=$(curl -fsS --max-time 5 -o /dev/null -w '%{content_type}' "$NGINX_URL")
[ "$NGINX_TYPE" = "$GK_TYPE" ] || log "warning: Content-Type differs: nginx '$NGINX_TYPE' vs gongkai '$GK_TYPE'"
log "nginx serving $NGINX_URL (pid $NGINX_PID)"

# --- wrk -------------------------------------------------------------------------------------------
# p99 from wrk's latency distribution, in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u);
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1;
    if (f < 0) { print "NA"; exit } printf "%.2f", n * f }'
}
run_wrk() {  # name url round -> keeps the round with the most requests/s in RPS_/P99_/ERR_<name>
  local name=$1 url=$2 round=$3 out="$TMP/wrk-$1-$3.txt"
  if [ "$WARMUP" -gt 0 ]; then
    timeout $((WARMUP + 30)) wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >/dev/null
  fi
  timeout $((DURATION + 60)) wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >"$out"
  { echo "--- $name, round $round"; cat "$out"; } >&2
  local rps p99 err best_var="RPS_$name"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  err=$(awk '/Non-2xx or 3xx responses:/ {s += $NF} /Socket errors:/ {for (i = 4; i <= NF; i += 2) s += $i} END {print s + 0}' "$out" | tr -d ',')
  [ -n "$rps" ] || { log "could not parse wrk output for $name"; exit 1; }
  ALL_RPS[$name]+="${ALL_RPS[$name]:+ / }$rps"
  if [ -z "${!best_var:-}" ] || awk -v a="$rps" -v b="${!best_var}" 'BEGIN { exit !(a > b) }'; then
    printf -v "RPS_$name" '%s' "$rps"
    printf -v "P99_$name" '%s' "$(to_ms "$p99")"
    printf -v "ERR_$name" '%s' "$err"
  fi
}

# Rounds alternate nginx and gongkai, so that other load on the machine hits both alike; the best
# round of each is reported (BENCH_ROUNDS=1, the default, is a single run of each).
declare -A ALL_RPS=()
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
log "wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --latency, $ROUNDS round(s) (after ${WARMUP}s warm-up each)"
for round in $(seq 1 "$ROUNDS"); do
  run_wrk nginx "$NGINX_URL" "$round"
  run_wrk gongkai "$GK_URL" "$round"
done

RATIO=$(awk -v g="$RPS_gongkai" -v n="$RPS_nginx" 'BEGIN { printf "%.2f", (n > 0 ? g / n : 0) }')
VERDICT=$(awk -v r="$RATIO" -v t="$TARGET" 'BEGIN { print (r >= t ? "meets target" : "BELOW target") }')

TABLE=$(
  printf '| server | requests/s | p99 latency (ms) | errors |\n'
  printf '| --- | ---: | ---: | ---: |\n'
  printf '| gongkai (page cache) | %s | %s | %s |\n' "$RPS_gongkai" "$P99_gongkai" "$ERR_gongkai"
  printf '| nginx (static file) | %s | %s | %s |\n' "$RPS_nginx" "$P99_nginx" "$ERR_nginx"
)
echo
echo "Item page $ITEM_PATH ($BYTES bytes), wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s"
echo "$TABLE"
ROUNDS_NOTE=""
if [ "$ROUNDS" -gt 1 ]; then
  ROUNDS_NOTE="best of $ROUNDS alternating rounds; all rounds, requests/s: gongkai ${ALL_RPS[gongkai]}; nginx ${ALL_RPS[nginx]}"
  echo "$ROUNDS_NOTE"
fi
echo
echo "ratio gongkai/nginx: $RATIO (target >= $TARGET: $VERDICT)"

# --- BENCHMARKS.md -------------------------------------------------------------------------------
if [ "${BENCH_NO_RECORD:-0}" != 1 ]; then
  cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n1)
  mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (uncommitted changes)" || true)
  gk_build=$(grep -m1 '^CMAKE_BUILD_TYPE:' "$(dirname "$BIN")/CMakeCache.txt" 2>/dev/null | cut -d= -f2 || true)
  werror=$(grep -m1 '^GK_WERROR:' "$(dirname "$BIN")/CMakeCache.txt" 2>/dev/null | cut -d= -f2 || true)
  [ -z "$werror" ] || gk_build="${gk_build:-unknown} (GK_WERROR=$werror)"
  compiler=$(grep -m1 '^CMAKE_CXX_COMPILER:' "$(dirname "$BIN")/CMakeCache.txt" 2>/dev/null | cut -d= -f2 || true)
  compiler_v=$([ -n "$compiler" ] && "$compiler" --version 2>/dev/null | head -n1 || true)
  file="$ROOT/BENCHMARKS.md"
  if [ ! -f "$file" ]; then
    cat >"$file" <<'EOF'
# Benchmarks

`make bench` (bench/run.sh) serves one published item page of the demo data from gongkai's page
cache and the byte-identical HTML file from nginx (minimal config: `worker_processes auto`,
`access_log off`, sendfile, long keep-alive, same `Content-Type`), both on 127.0.0.1, and loads
each with wrk using the same settings in the same run (a short unrecorded warm-up first).
gongkai runs with its default thread count (one per core); wrk runs on the same machine.

**Target: gongkai requests/s ≥ 0.8 × nginx requests/s.**

Figures from a shared 2-core machine are noisy (wrk, the server and other work compete for the
same cores): compare the ratio, measured in one run, rather than absolute numbers across runs,
and prefer `BENCH_ROUNDS=3 make bench` (alternating rounds, best of each) when the machine is busy.
Each run appends a section below.
EOF
  fi
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — item page, wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s"
    echo
    echo "- machine: $(nproc) CPUs ($cpu), $mem memory, $(uname -sr)"
    echo "- gongkai: commit $commit$dirty, ${gk_build:-unknown} build${compiler_v:+, $compiler_v}, default threads"
    echo "- $(nginx -v 2>&1 | sed 's/^nginx version: //'), worker_processes auto; $(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}')"
    echo "- page: $ITEM_PATH, $BYTES bytes, $GK_TYPE"
    echo "- load on the machine before the run (1-minute load average): $LOAD_BEFORE"
    echo
    echo "$TABLE"
    echo
    [ -z "$ROUNDS_NOTE" ] || { echo "${ROUNDS_NOTE^}."; echo; }
    echo "Ratio gongkai/nginx: **$RATIO** (target ≥ $TARGET: $VERDICT)."
  } >>"$file"
  log "appended the results to $file"
fi

if [ "${BENCH_STRICT:-0}" = 1 ] && [ "$VERDICT" != "meets target" ]; then exit 3; fi
exit 0
