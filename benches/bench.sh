#!/usr/bin/env bash
# Benchmark `lots build` beside Hugo, and Zola when a zola binary is installed, on the same
# deterministic Swedish corpus (benches/corpus.py, seed 1), in one run.
#
# Usage: benches/bench.sh [SIZE...]            (default: 1000 10000; e.g. 10000 100000)
#   env: OUT_FS=both            where the outputs are written: disk, tmpfs or both. disk is
#                               DISK_DIR (default BENCH_DIR, the ordinary filesystem); tmpfs is
#                               TMPFS_DIR (default /dev/shm), which takes the cost of creating
#                               and deleting files out. The corpus and .lots-cache stay in
#                               BENCH_DIR either way.
#        PEER_TOOLS="hugo zola" peers timed by benches/peers.sh; one that is not installed
#                               gets the reference figures of benches/reference/ when there
#                               are some for that size, marked "not re-measured"
#        RESULTS_DIR=BENCH_DIR/results   logs, per-run TSVs, summary.tsv and report.md
#        BENCH_DIR, RUNS, NICE, LOTS, HUGO, ZOLA, GNU_TIME, QUIET_WAIT, NOISE, MAX_TRIES:
#                               see benches/lib.sh (BENCH_DIR defaults to ${TMPDIR:-/tmp}/lots-bench)
#
# For each size N and each output location it:
#   1. writes BENCH_DIR/corpus-N with benches/corpus.py unless it is there (kept between runs);
#   2. times RUNS cold `lots build` runs: empty output folder, no .lots-cache in the site;
#   3. times RUNS warm rebuilds: `lots build` again into the output of the last cold run with
#      nothing changed and .lots-cache kept (a coordinator's common case), reported apart;
#   4. times the peers with benches/peers.sh in the same way (Hugo warm too: cache kept);
#   5. prints Markdown tables: medians of wall, CPU and peak RSS, and lots / peer ratios.
# At the end: one table over all sizes, the growth of each tool from the smallest size to the
# largest, and the targets (at each size wall at most half of Hugo's and peak memory at most a
# quarter of it; growth at most 1.05× the pages; memory at most half of Zola's).
# Units: MB = 10^6 bytes for output, RSS MB = kB/1024 from GNU time.
set -u
# shellcheck source=benches/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000); fi
check_sizes "${SIZES[@]}"
mapfile -t SIZES < <(printf '%s\n' "${SIZES[@]}" | sort -n | uniq)
OUT_FS=${OUT_FS:-both}
DISK_DIR=${DISK_DIR:-$BENCH_DIR}
TMPFS_DIR=${TMPFS_DIR:-/dev/shm}
PEER_TOOLS=${PEER_TOOLS:-"hugo zola"}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}

# ------------------------------------------------------------------ prerequisites
need_time
need_lots
has python3 || die "python3 is needed to write the corpus"
case $OUT_FS in
  disk) FS_LIST=(disk) ;; tmpfs) FS_LIST=(tmpfs) ;; both) FS_LIST=(disk tmpfs) ;;
  *) die "OUT_FS is disk, tmpfs or both (got '$OUT_FS')" ;;
esac
mkdir -p "$BENCH_DIR" "$RESULTS_DIR" || die "cannot create $BENCH_DIR or $RESULTS_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
declare -A FS_DIR FS_TYPE
FS_DIR[disk]=$DISK_DIR
FS_DIR[tmpfs]=$TMPFS_DIR
for fs in "${FS_LIST[@]}"; do
  mkdir -p "${FS_DIR[$fs]}" && [ -w "${FS_DIR[$fs]}" ] || die "cannot write to ${FS_DIR[$fs]} (output on $fs)"
  FS_TYPE[$fs]=$(df --output=fstype "${FS_DIR[$fs]}" | tail -1 | tr -d ' ')
  if [ "$fs" = tmpfs ] && [ "${FS_TYPE[$fs]}" != tmpfs ]; then
    note "WARNING: $TMPFS_DIR is ${FS_TYPE[$fs]}, not tmpfs (set TMPFS_DIR=)"
  elif [ "$fs" = disk ] && [ "${FS_TYPE[$fs]}" = tmpfs ]; then
    note "WARNING: $DISK_DIR is on tmpfs, so 'disk' is not the ordinary filesystem (set DISK_DIR= or TMPDIR=)"
  fi
  # The largest output is Zola's, about 50 KB a page, and lots' staging folder needs room
  # beside its old output during a warm rebuild: ask for 100 KB a page.
  need_kb=$(( ${SIZES[-1]} * 100 ))
  free_kb=$(df --output=avail -k "${FS_DIR[$fs]}" | tail -1 | tr -d ' ')
  [ "$free_kb" -ge "$need_kb" ] || note "WARNING: ${FS_DIR[$fs]} has $((free_kb/1024)) MB free; ${SIZES[-1]} pages may need $((need_kb/1024)) MB"
done
for tool in $PEER_TOOLS; do
  case $tool in hugo|zola|mdbook) ;; *) die "PEER_TOOLS takes hugo, zola and mdbook (got '$tool')" ;; esac
done
[[ " $PEER_TOOLS " == *" hugo "* ]] && ! has "$HUGO" && note "WARNING: hugo is not installed: apt-get install -y hugo. Its figures will be the reference ones, where there are any."
[[ " $PEER_TOOLS " == *" zola "* ]] && ! has "$ZOLA" && note "zola is not on PATH (nor \$ZOLA): its figures will be the reference ones, where there are any."

# Time a private copy of the binary, so that a rebuild of target/release/lots during the run
# cannot mix two versions into one set of figures.
LOTS_SRC=$LOTS
LOTS=$BENCH_DIR/lots-under-test.$$
cp "$LOTS_SRC" "$LOTS" || die "cannot copy $LOTS_SRC to $LOTS"
OUTS_NOW=""
# Old outputs and caches wait in a trash folder on each file system until the end (see
# set_aside): on each output's, and on the corpus's, which holds the caches. Not on tmpfs: it
# has no such rule, and a trash there would hold the old outputs in memory.
TRASHES=()
for fs in "${FS_LIST[@]}"; do
  [ "${FS_TYPE[$fs]}" = tmpfs ] || TRASHES+=("$(trash_in "${FS_DIR[$fs]}")")
done
[ "$(df --output=fstype "$BENCH_DIR" | tail -1 | tr -d ' ')" = tmpfs ] || TRASHES+=("$(trash_in "$BENCH_DIR")")
TRASH="${TRASHES[*]}"
trap 'rm -rf "$LOTS" ${OUTS_NOW:+"$OUTS_NOW"} ${TRASHES[@]+"${TRASHES[@]}"}' EXIT
LOTS_VER=$(tool_version lots); LOTS_VER=${LOTS_VER:-?}
LOTS_SUM=$(sha256sum "$LOTS" | cut -c1-12)
LOTS_GIT=$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null)
# The repository's HEAD says which source a binary came from only for the one built here.
if [ "$(cd "$(dirname "$LOTS_SRC")" && pwd)/$(basename "$LOTS_SRC")" != "$REPO/target/release/lots" ]; then
  LOTS_GIT="not known (LOTS names a binary from elsewhere; this checkout is at ${LOTS_GIT:-?})"
elif [ -n "$LOTS_GIT" ] && [ -n "$(cd "$REPO" && git status --porcelain --untracked-files=no -- src Cargo.toml Cargo.lock build.rs 2>/dev/null)" ]; then
  LOTS_GIT="$LOTS_GIT + uncommitted changes in src/"
fi

# ------------------------------------------------------------------ reading the figures
ALL=$RESULTS_DIR/summary.tsv   # every row of this run, all sizes
: > "$ALL"
# val N TOOL FS KIND COL: column COL of that row of ALL ("NA" when there is none).
# Columns: 1 tool, 2 version, 3 N, 4 fs, 5 kind, 6 wall, 7 CPU, 8 user, 9 sys, 10 RSS MB,
# 11 output MB, 12 index MB, 13 HTML files, 14 clean runs, 15 others' CPU, 16 status.
val() { awk -F'\t' -v n="$1" -v t="$2" -v f="$3" -v k="$4" -v c="$5" '$3==n && $1==t && $4==f && $5==k {v=$c} END{print (v=="" ? "NA" : v)}' "$ALL"; }
# timed N TOOL FS: true when TOOL was measured (ok or noisy) cold at N on FS.
timed() { case $(val "$1" "$2" "$3" cold 16) in ok|noisy) return 0 ;; esac; return 1; }
# peer_fs N TOOL FS: FS when TOOL was measured there, else "reference" when the row from
# benches/reference/ was added, else FS (whose row says why there are no figures).
peer_fs() {
  if timed "$1" "$2" "$3"; then echo "$3"
  elif [ "$(val "$1" "$2" reference cold 16)" != NA ]; then echo reference
  else echo "$3"; fi
}
# add_reference N TOOL: the figures of benches/reference/summary-*.tsv (2026-11-23, output
# on ext4, another machine of the same type) as a row with fs "reference".
add_reference() {
  local f
  for f in "$BENCHES"/reference/summary-*.tsv; do
    [ -f "$f" ] || continue
    awk -F'\t' -v t="$2" -v n="$1" 'BEGIN{OFS="\t"} $1==t && $3==n && $10=="ok" {
        print $1, $2, $3, "reference", "cold", $4, $5, "NA", "NA", $6, $7, $8, $9, "3 (2026-11-23)", "NA",
              "not re-measured: reference of 2026-11-23"; found=1; exit } END{exit !found}' "$f" >> "$ALL" && return 0
  done
  return 1
}
peer_name() { case $1 in hugo) echo Hugo ;; zola) echo Zola ;; mdbook) echo mdBook ;; *) echo "$1" ;; esac; }
fmt_fs() { case $1 in reference) echo "reference (ext4)" ;; *) echo "$1 (${FS_TYPE[$1]})" ;; esac; }

# ------------------------------------------------------------------ report
REPORT=$RESULTS_DIR/report.md
: > "$REPORT"
emit() { printf '%s\n' "$*" | tee -a "$REPORT"; }
emit "# lots benchmark"
emit ""
emit "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
emit "- machine: $(nproc) CPUs, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
emit "- guest memory: $(guest_memory)"
emit "- lots $LOTS_VER (from $(basename "$LOTS_SRC"), built $(date -u -r "$LOTS_SRC" '+%Y-%m-%d %H:%M UTC'), sha256 $LOTS_SUM, git ${LOTS_GIT:-?}); hugo: $(tool_version hugo || true)$(has "$HUGO" || echo "not installed"); zola: $(tool_version zola || true)$(has "$ZOLA" || echo "not installed")"
for fs in "${FS_LIST[@]}"; do
  emit "- output on $fs: ${FS_DIR[$fs]} (${FS_TYPE[$fs]})"
done
emit "- RUNS=$RUNS, prefix '${NICE}', sizes: ${SIZES[*]}, NOISE=$NOISE, MAX_TRIES=$MAX_TRIES, QUIET_WAIT=$QUIET_WAIT"
emit "- cold: empty output folder, no .lots-cache (Hugo: no cache, no resources/), on disk the last run's output moved aside, not deleted, until every run is over (see set_aside in benches/lib.sh); on tmpfs deleted; warm rebuild: the same command again, nothing changed, output and caches kept; each run after \`sync\`"
emit ""

for N in "${SIZES[@]}"; do
  RESULTS=$RESULTS_DIR/$N
  rm -rf "$RESULTS"; mkdir -p "$RESULTS"
  layouts=(lots)
  for tool in $PEER_TOOLS; do layouts+=("$tool"); done
  ensure_corpus "$N" "${layouts[@]}"
  SITE=$CORPUS/lots

  for fs in "${FS_LIST[@]}"; do
    OUTS_NOW=$(mktemp -d "${FS_DIR[$fs]}/lots-bench-out.XXXXXX") || die "cannot create a folder in ${FS_DIR[$fs]}"
    OUT=$OUTS_NOW/lots
    note "corpus-$N, output on $fs: waiting for a quiet machine (up to ${QUIET_WAIT}s)"
    wait_quiet
    note "lots: $RUNS cold builds (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    CLEAN=("$OUT" "$SITE/.lots-cache")
    time_runs "lots-$fs" "$LOTS_VER" "$OUT" "$LOTS" build --root "$SITE" --output "$OUT"
    summary_row "$RESULTS/summary.tsv" lots "$LOTS_VER" "$N" "$fs" cold
    if [ "$T_STATUS" = ok ] || [ "$T_STATUS" = noisy ]; then
      note "lots: $RUNS warm rebuilds into the same output"
      CLEAN=()
      time_runs "lots-$fs-warm" "$LOTS_VER" "$OUT" "$LOTS" build --root "$SITE" --output "$OUT"
      summary_row "$RESULTS/summary.tsv" lots "$LOTS_VER" "$N" "$fs" warm
    fi
    set_aside "$OUTS_NOW"; OUTS_NOW=""

    note "peers ($PEER_TOOLS): $RUNS runs each, output on $fs"
    TOOLS="$PEER_TOOLS" RESULTS="$RESULTS" OUT_ROOT="${FS_DIR[$fs]}" FS="$fs" WARM=1 \
      BENCH_DIR="$BENCH_DIR" RUNS="$RUNS" NICE="$NICE" QUIET_WAIT="$QUIET_WAIT" NOISE="$NOISE" TRASH="$TRASH" \
      MAX_TRIES="$MAX_TRIES" HUGO="$HUGO" ZOLA="$ZOLA" GNU_TIME="$TIME" \
      "$BENCHES/peers.sh" "$CORPUS" "$RUNS" > "$RESULTS/peers-$fs.md" || note "peers.sh failed; see $RESULTS"
  done
  tail -n +2 "$RESULTS/summary.tsv" >> "$ALL"
  for tool in $PEER_TOOLS; do
    timed "$N" "$tool" "${FS_LIST[0]}" || add_reference "$N" "$tool" || true
  done

  # ---- tables for this size
  emit "## $N pages"
  emit ""
  emit "Cold builds, medians of $RUNS:"
  emit ""
  emit "| tool | version | output on | wall s | CPU s | user s | sys s | peak RSS MB | output MB | HTML files | clean runs | status |"
  emit "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  while IFS=$'\t' read -r t v _ f k w c u s m o _ h r _ st; do
    [ "$k" = cold ] || continue
    emit "| $t | $v | $(fmt_fs "$f") | $w | $c | $u | $s | $m | $o | $h | $r | $st |"
  done < <(awk -F'\t' -v n="$N" '$3==n' "$ALL")
  emit ""
  emit "| ratio | output on | wall | CPU | peak RSS |"
  emit "|---|---|---:|---:|---:|"
  for fs in "${FS_LIST[@]}"; do
    for tool in $PEER_TOOLS; do
      pf=$(peer_fs "$N" "$tool" "$fs")
      label=$(fmt_fs "$fs"); [ "$pf" = reference ] && label="$label; $(peer_name "$tool"): reference, not re-measured"
      emit "| lots / $(peer_name "$tool") | $label | $(ratio "$(val "$N" lots "$fs" cold 6)" "$(val "$N" "$tool" "$pf" cold 6)") | $(ratio "$(val "$N" lots "$fs" cold 7)" "$(val "$N" "$tool" "$pf" cold 7)") | $(ratio "$(val "$N" lots "$fs" cold 10)" "$(val "$N" "$tool" "$pf" cold 10)") |"
    done
  done
  emit ""
  emit "Warm rebuilds (nothing changed; output, .lots-cache and Hugo's cache kept), medians of $RUNS:"
  emit ""
  emit "| tool | output on | wall s | CPU s | peak RSS MB | warm / cold wall | clean runs | status |"
  emit "|---|---|---:|---:|---:|---:|---:|---|"
  while IFS=$'\t' read -r t _ _ f k w c _ _ m _ _ _ r _ st; do
    [ "$k" = warm ] || continue
    emit "| $t | $(fmt_fs "$f") | $w | $c | $m | $(ratio "$w" "$(val "$N" "$t" "$f" cold 6)") | $r | $st |"
  done < <(awk -F'\t' -v n="$N" '$3==n' "$ALL")
  for fs in "${FS_LIST[@]}"; do
    emit ""
    emit "lots / Hugo, warm rebuilds, output on $fs: $(ratio "$(val "$N" lots "$fs" warm 6)" "$(val "$N" hugo "$fs" warm 6)")"
  done
  emit ""
  emit "lots said (first cold build on ${FS_LIST[0]}): \`$(tail -n 3 "$RESULTS/lots-${FS_LIST[0]}.log.1" 2>/dev/null | tr '\n' ' ' | cut -c1-300)\`"
  emit ""
  emit "lots said (first warm rebuild on ${FS_LIST[0]}): \`$(tail -n 3 "$RESULTS/lots-${FS_LIST[0]}-warm.log.1" 2>/dev/null | tr '\n' ' ' | cut -c1-300)\`"
  emit ""
  emit "(raw runs and logs: $RESULTS)"
  emit ""
done

# ------------------------------------------------------------------ over all sizes
emit "## All sizes"
emit ""
emit "| pages | output on | lots s | lots warm s | Hugo s | Zola s | lots / Hugo | lots / Zola | lots MB | Hugo MB | Zola MB |"
emit "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for N in "${SIZES[@]}"; do
  for fs in "${FS_LIST[@]}"; do
    hf=$(peer_fs "$N" hugo "$fs"); zf=$(peer_fs "$N" zola "$fs")
    ref=""; [ "$hf" = reference ] && ref=" (Hugo: reference)"; [ "$zf" = reference ] && ref="$ref (Zola: reference)"
    emit "| $N | $fs$ref | $(val "$N" lots "$fs" cold 6) | $(val "$N" lots "$fs" warm 6) | $(val "$N" hugo "$hf" cold 6) | $(val "$N" zola "$zf" cold 6) | $(ratio "$(val "$N" lots "$fs" cold 6)" "$(val "$N" hugo "$hf" cold 6)") | $(ratio "$(val "$N" lots "$fs" cold 6)" "$(val "$N" zola "$zf" cold 6)") | $(val "$N" lots "$fs" cold 10) | $(val "$N" hugo "$hf" cold 10) | $(val "$N" zola "$zf" cold 10) |"
  done
done
emit ""

LO=${SIZES[0]}; HI=${SIZES[-1]}
if [ "$LO" != "$HI" ]; then
  emit "## Growth from $LO to $HI pages (×$(awk -v a="$HI" -v b="$LO" 'BEGIN{printf "%.4g", a/b}') the pages)"
  emit ""
  # User and kernel time apart: on a virtual machine the kernel's time per GB written or
  # allocated can grow with the amount (see benches/fresh_memory.py), the tool's own cannot.
  emit "| tool | build | output on | wall | CPU | user | sys | peak RSS |"
  emit "|---|---|---|---:|---:|---:|---:|---:|"
  # g COLUMN: the growth of one summary.tsv column for the row being written ($t, $k, $flo, $fhi).
  g() { ratio "$(val "$HI" "$t" "$fhi" "$k" "$1")" "$(val "$LO" "$t" "$flo" "$k" "$1")"; }
  for fs in "${FS_LIST[@]}"; do
    for tk in "lots cold" "lots warm" "hugo cold" "hugo warm" "zola cold"; do
      read -r t k <<<"$tk"
      # A peer's growth from its reference figures only when both sizes have them.
      flo=$fs; fhi=$fs
      if [ "$t" != lots ]; then
        flo=$(peer_fs "$LO" "$t" "$fs"); fhi=$(peer_fs "$HI" "$t" "$fs")
        [ "$flo" = "$fhi" ] || continue
        [ "$flo" = reference ] && [ "$fs" != "${FS_LIST[0]}" ] && continue
      fi
      w=$(g 6)
      [ "$w" = NA ] && continue
      emit "| $t | $k | $(fmt_fs "$flo") | $w | $(g 7) | $(g 8) | $(g 9) | $(g 10) |"
    done
  done
  emit ""
fi

emit "## Targets"
emit ""
# verdict RATIO LIMIT: met when RATIO <= LIMIT.
verdict() { awk -v r="$1" -v l="$2" 'BEGIN{ if (r=="NA") print "NA"; else if (r+0 <= l+0) print "met"; else print "NOT met" }'; }
for N in "${SIZES[@]}"; do
  for fs in "${FS_LIST[@]}"; do
    hf=$(peer_fs "$N" hugo "$fs")
    r=$(ratio "$(val "$N" lots "$fs" cold 6)" "$(val "$N" hugo "$hf" cold 6)")
    m=$(ratio "$(val "$N" lots "$fs" cold 10)" "$(val "$N" hugo "$hf" cold 10)")
    noisy=""
    [ "$(val "$N" lots "$fs" cold 16)" = noisy ] || [ "$(val "$N" hugo "$hf" cold 16)" = noisy ] && noisy=" (noisy runs: repeat on a quiet machine)"
    [ "$hf" = reference ] && noisy="$noisy (Hugo: reference figures of another machine, not re-measured)"
    emit "- $N pages, output on $fs: wall at most half of Hugo's: lots / Hugo = $r -> $(verdict "$r" 0.5); peak memory at most a quarter of Hugo's: $m -> $(verdict "$m" 0.25)$noisy"
  done
done
if [ "$LO" != "$HI" ]; then
  # Linear cost: for 10× the pages at most 10.5× the time and memory (scaled to other steps).
  limit=$(awk -v a="$HI" -v b="$LO" 'BEGIN{printf "%.4g", a/b*1.05}')
  for fs in "${FS_LIST[@]}"; do
    w=$(ratio "$(val "$HI" lots "$fs" cold 6)" "$(val "$LO" lots "$fs" cold 6)")
    m=$(ratio "$(val "$HI" lots "$fs" cold 10)" "$(val "$LO" lots "$fs" cold 10)")
    emit "- growth from $LO to $HI pages, output on $fs, at most ×$limit: wall ×$w -> $(verdict "$w" "$limit"); peak memory ×$m -> $(verdict "$m" "$limit")"
  done
fi
zf=$(peer_fs "$HI" zola "${FS_LIST[0]}")
r=$(ratio "$(val "$HI" lots "${FS_LIST[0]}" cold 10)" "$(val "$HI" zola "$zf" cold 10)")
emit "- $HI pages: peak memory at most half of Zola's$([ "$zf" = reference ] && echo " (Zola: reference, not re-measured; peak RSS hardly depends on the machine)"): lots / Zola = $r -> $(verdict "$r" 0.5)"
emit ""
note "report written to $REPORT; every row in $ALL"
