#!/usr/bin/env bash
# Benchmark of the search index on the benchmark corpus (benches/corpus.py):
# index build time, total index bytes, bytes a first query loads and query latency, both
# measured in headless Chromium, beside Zola's single index.
#
# Usage: benches/search.sh [SIZE...]                 (default: 1000 10000)
#   env: BENCH_DIR, LOTS: see benches/lib.sh (the corpora are shared with benches/bench.sh)
#        CHROMIUM=chromium on PATH   the browser (Debian's)
#        QUERIES="…"                 queries typed in the browser, separated by |
#
# Needs python3, node with `npm ci` done (playwright-core) and Debian's chromium.
# Prints a Markdown section for BENCHMARKS.md ("## Search") on stdout; progress on stderr.
set -u
# shellcheck source=benches/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
QUERIES=${QUERIES:-"handlingsplan|återvändare|samordnare skolan|våldsbejakande extremism|handl|samordnre"}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000); fi
check_sizes "${SIZES[@]}"
has python3 || die "python3 is needed"
has node || die "node is needed"
[ -d "$REPO/node_modules/playwright-core" ] || die "run \`npm ci\` in $REPO first (playwright-core)"
# tests/browser/chromium.mjs starts $CHROMIUM, else /usr/bin/chromium.
CHROMIUM=${CHROMIUM:-$(type -P chromium || true)}
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] || die "install Debian's chromium: apt-get install -y chromium (or set CHROMIUM=)"
export CHROMIUM
need_lots
mkdir -p "$BENCH_DIR"

# A free port on 127.0.0.1 for the static server.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SERVER_PID=
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
trap stop_server EXIT

# zola_index N: Zola's search index in MB at N pages, from the reference results
# (benches/reference/summary-*.tsv, 2026-11-23); NA at other sizes.
zola_index() {
  cat "$BENCHES"/reference/summary-*.tsv 2>/dev/null \
    | awk -F'\t' -v n="$1" '$1=="zola" && $3==n {v=$8} END{print (v=="" ? "NA" : v)}'
}

ROWS=()
DETAILS=()
for N in "${SIZES[@]}"; do
  ensure_corpus "$N" lots
  SITE=$CORPUS/lots
  OUT=$BENCH_DIR/search-out-$N

  note "corpus-$N: lots build into $OUT, 3 times; the search phases timed by LOTS_TIMINGS"
  TIMES=()
  for _ in 1 2 3; do
    rm -rf "$OUT"
    LOG=$(LOTS_TIMINGS=1 "$LOTS" build --root "$SITE" --output "$OUT" 2>&1) || die "lots build failed on corpus-$N: $LOG"
    # A build tokenizes the pages first (`tokens`), then writes the index beside them (`search`).
    TIMES+=("$(echo "$LOG" | awk '$1=="tokens:" || $1=="search:" {s+=$2} END{print s}')")
  done
  SECONDS_BUILD=$(printf '%s\n' "${TIMES[@]}" | sort -g | awk '{a[NR]=$1} END{printf "%.3f", a[int((NR+1)/2)]/1000}')
  INDEX_BYTES=$(cat "$OUT/search/meta.js" | wc -c)
  for d in v p t d; do [ -d "$OUT/search/$d" ] || continue; INDEX_BYTES=$(( INDEX_BYTES + $(find "$OUT/search/$d" -type f -printf '%s\n' | awk '{s+=$1} END{print s+0}') )); done
  FILES=$(( 1 + $(find "$OUT/search/v" "$OUT/search/p" "$OUT/search/d" $( [ -d "$OUT/search/t" ] && echo "$OUT/search/t") -type f | wc -l) ))

  PORT=$(free_port)
  python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$OUT" >/dev/null 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/index.html')" 2>/dev/null && break; sleep 0.1; done
  note "corpus-$N: queries in Chromium"
  IFS='|' read -r -a QS <<< "$QUERIES"
  JSON=$(cd "$REPO" && node tests/browser/bench.mjs "http://127.0.0.1:$PORT/" "${QS[@]}") || die "bench.mjs failed"
  stop_server

  SUMMARY=$(python3 - "$N" "$SECONDS_BUILD" "$INDEX_BYTES" "$FILES" "$(zola_index "$N")" "$JSON" <<'EOF'
import json, statistics, sys
n, build, index_bytes, files, zola, data = sys.argv[1:]
rows = json.loads(data)
index_mb = int(index_bytes) / 1e6
first = max(r["bytesAfterTyping"] for r in rows)
typed = max(r["typedBytes"] for r in rows)
warm = statistics.median(r["warmMedianMs"] for r in rows)
worst = max(r["warmMedianMs"] for r in rows)
share = f"{index_mb / float(zola) * 100:.1f} %" if zola not in ("", "NA") else "NA"
print(f"| {int(n):,} | {float(build):.2f} s | {index_mb:.2f} MB in {files} files | {zola} MB | {share} "
      f"| {first / 1000:.0f} KB | {typed / 1000:.0f} KB | {warm:.1f} ms (worst {worst:.1f} ms) |".replace(",", " "))
for r in rows:
    print(f"DETAIL | {int(n):,} | `{r['query']}` | {r['bytesAfterTyping'] / 1000:.0f} KB "
          f"({r['scriptsAfterTyping']} files; index {r['indexBytes'] / 1000:.0f} KB) "
          f"| {r['typedBytes'] / 1000:.0f} KB | {r['warmMedianMs']:.1f} ms | {r['results']} |".replace(",", " "))
EOF
)
  ROWS+=("$(echo "$SUMMARY" | grep -v '^DETAIL')")
  while IFS= read -r line; do DETAILS+=("${line#DETAIL }"); done < <(echo "$SUMMARY" | grep '^DETAIL')
done

echo "## Search"
echo
echo "Measured by \`benches/search.sh ${SIZES[*]}\` on $(date -u '+%Y-%m-%d') ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)."
echo "Index build: the \`tokens\` and \`search\` phases of \`lots build\` (LOTS_TIMINGS), median of 3 builds."
echo "First query: bytes of every script loaded after the query was entered in a fresh Chromium"
echo "context (libraries, metadata, vocabulary, postings and page files; search.js itself, about"
echo "14 KB, loads with the page). Typed: the same, typed at 200 ms a key, so that a search runs"
echo "after every key. Latency: the query run again once its files are loaded, from the call to the"
echo "results in the list, median of 15; the table gives the median over the queries."
echo
echo "| pages | index build | index size | Zola's index | share | first query loads (max) | typed (max) | query after load |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
echo
echo "| pages | query | first query loads | typed | query after load | results shown |"
echo "| ---: | --- | ---: | ---: | ---: | ---: |"
printf '%s\n' "${DETAILS[@]}"
