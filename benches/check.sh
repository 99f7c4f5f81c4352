#!/usr/bin/env bash
# `lots check` against `lots build` on the shared Swedish corpus (/work/shared/bench/gen_corpus.py):
# check loads, validates and renders every page as build does but writes nothing, so it
# must take no longer than build.
#
# Usage: benches/check.sh [SIZE...]                  (default: 10000)
#   env: RUNS=3                      timed runs of each command (the median is reported)
#        BENCH_DIR=/tmp/lots-bench   corpora and lots site roots (shared with benches/bench.sh)
#        PEERS=/work/shared/bench    gen_corpus.py
#        LOTS=path/to/lots           binary (default target/release/lots, built when missing)
#        NICE="nice -n 10"           prefix for every timed command
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-3}
NICE=${NICE-"nice -n 10"}
BENCH_DIR=${BENCH_DIR:-/tmp/lots-bench}
PEERS=${PEERS:-/work/shared/bench}
LOTS=${LOTS:-$REPO/target/release/lots}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000); fi

die() { echo "check.sh: $*" >&2; exit 1; }
note() { echo "check.sh: $*" >&2; }

[ -f "$PEERS/gen_corpus.py" ] || die "missing $PEERS/gen_corpus.py (set PEERS=)"
if [ ! -x "$LOTS" ]; then
  note "building $LOTS"
  (cd "$REPO" && cargo build --release >&2) || die "cargo build --release failed"
fi
mkdir -p "$BENCH_DIR" || die "cannot create $BENCH_DIR"

median() { sort -g | awk '{a[NR]=$1} END{ if(NR==0){print "NA"} else if(NR%2){print a[(NR+1)/2]} else {printf "%.3f\n",(a[NR/2]+a[NR/2+1])/2} }'; }

# wall CMD...: seconds CMD took; dies when it fails with 2 (usage) or more.
wall() {
  local t0 t1 rc
  t0=$(date +%s%N)
  $NICE "$@" > /dev/null 2>"$BENCH_DIR/check-bench.err"
  rc=$?
  t1=$(date +%s%N)
  [ "$rc" -le 1 ] || die "$* failed (exit $rc): $(head -5 "$BENCH_DIR/check-bench.err")"
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f\n", (b-a)/1e9}'
}

echo "| pages | lots build s | lots check s | check / build |"
echo "|---:|---:|---:|---:|"
for N in "${SIZES[@]}"; do
  CORPUS=$BENCH_DIR/corpus-$N
  SITE=$CORPUS/lots
  OUT=$BENCH_DIR/check-bench-out-$N
  if [ ! -d "$CORPUS/zola/content" ]; then
    note "generating corpus-$N"
    python3 "$PEERS/gen_corpus.py" --pages "$N" --seed 1 --out "$CORPUS" >&2 || die "gen_corpus.py failed"
  fi
  if [ ! -d "$SITE/content" ]; then
    mkdir -p "$SITE"
    cat > "$SITE/config.yaml" <<'YAML'
title: "Förebyggande arbete mot våldsbejakande extremism"
base_url: "https://example.org"
language: sv
taxonomies:
  - name: tags
YAML
    cp -r "$CORPUS/zola/content" "$SITE/content" || die "copying content failed"
  fi
  BUILDS=()
  CHECKS=()
  # Alternated, so that a busy moment of the machine hits both alike.
  for _ in $(seq "$RUNS"); do
    rm -rf "$OUT"
    BUILDS+=("$(wall "$LOTS" build --root "$SITE" --output "$OUT")")
    CHECKS+=("$(wall "$LOTS" check --root "$SITE" --today 2026-12-01)")
  done
  [ ! -e "$SITE/public" ] || die "check wrote $SITE/public"
  B=$(printf '%s\n' "${BUILDS[@]}" | median)
  C=$(printf '%s\n' "${CHECKS[@]}" | median)
  R=$(awk -v c="$C" -v b="$B" 'BEGIN{printf "%.2f", c/b}')
  note "corpus-$N: build ${BUILDS[*]} s; check ${CHECKS[*]} s"
  echo "| $N | $B | $C | $R |"
  rm -rf "$OUT"
done
