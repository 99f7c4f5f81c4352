#!/usr/bin/env bash
# `lots check` against `lots build` on the benchmark corpus (benches/corpus.py):
# check loads, validates and renders every page as build does but writes nothing, so it
# must take no longer than build.
#
# Usage: benches/check.sh [SIZE...]                  (default: 10000)
#   env: RUNS=3, BENCH_DIR (corpora, shared with benches/bench.sh), LOTS, NICE: see benches/lib.sh
set -u
# shellcheck source=benches/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000); fi
check_sizes "${SIZES[@]}"
need_lots
mkdir -p "$BENCH_DIR" || die "cannot create $BENCH_DIR"

# wall CMD...: seconds CMD took; dies when it fails with 2 (usage) or more.
wall() {
  local t0 t1 rc
  t0=$(date +%s%N)
  # $NICE is a command prefix: split on purpose.
  # shellcheck disable=SC2086
  $NICE "$@" > /dev/null 2>"$BENCH_DIR/check-bench.err"
  rc=$?
  t1=$(date +%s%N)
  [ "$rc" -le 1 ] || die "$* failed (exit $rc): $(head -5 "$BENCH_DIR/check-bench.err")"
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f\n", (b-a)/1e9}'
}

echo "| pages | lots build s | lots check s | check / build |"
echo "|---:|---:|---:|---:|"
for N in "${SIZES[@]}"; do
  ensure_corpus "$N" lots
  SITE=$CORPUS/lots
  OUT=$BENCH_DIR/check-bench-out-$N
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
