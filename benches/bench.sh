#!/usr/bin/env bash
# Benchmark `lots build` against Hugo (and Zola, when installed) on the shared
# deterministic Swedish corpus from /work/shared/bench/gen_corpus.py.
#
# Usage: benches/bench.sh [SIZE...]            (default: 1000 10000)
#   env: RUNS=3                 timed runs per tool and size (medians are reported)
#        NICE="nice -n 10"      prefix for every timed command, same as run_peers.sh
#        BENCH_DIR=/tmp/lots-bench   corpora, lots site roots, outputs and results
#        LOTS=path/to/lots      binary to time (default: target/release/lots,
#                               built with `cargo build --release` when missing)
#        PEERS=/work/shared/bench    where gen_corpus.py, run_peers.sh and the
#                               reference results/ live
#        PEER_TOOLS="zola hugo" peers handed to run_peers.sh
#        QUIET_WAIT=180         before each size, wait up to this many seconds for
#                               the machine to be idle (5 s under 10% of a CPU); 0 = don't
#        NOISE=0.1, MAX_TRIES=3 a timed run is "clean" when other processes took
#                               at most NOISE x its own CPU time (from /proc/stat);
#                               noisy runs are repeated, up to MAX_TRIES x RUNS
#                               lots runs and MAX_TRIES run_peers.sh calls
#        PEER_NOISE=0.25        the same limit for a whole run_peers.sh call
#        FS_CHECK=/dev/shm      optional diagnostic: also time lots and hugo with
#                               their output under this folder (e.g. a tmpfs), to
#                               separate the generators' own cost from the cost of
#                               creating ~10k files on the /tmp filesystem
#
# For each size N it:
#   1. generates BENCH_DIR/corpus-N (seed 1) unless it already exists;
#   2. writes the lots site root BENCH_DIR/corpus-N/lots/ (config.yaml and a real
#      copy of corpus-N/zola/content; lots does not follow symlinks in content/);
#   3. times `lots build` RUNS times from an empty output folder with
#      /usr/bin/time -v (wall = median, CPU = median user+sys, RSS = median peak);
#   4. runs run_peers.sh for Zola and Hugo on the same corpus; a peer that is not
#      installed is taken from the reference results (marked as such);
#   5. prints a Markdown table with lots/Hugo and lots/Zola ratios.
# Units match run_peers.sh: output MB = 10^6 bytes, RSS MB = kB/1024.
#
# Caveat: on the ext4 /tmp of the dev machine, creating ~10k files right after
# deleting ~10k costs a lot of kernel time, and it grows over back-to-back
# builds (sys time 1 s -> 4-7 s for both lots and Hugo). Every tool here
# deletes its previous output before each run, so all pay it; FS_CHECK=/dev/shm
# shows the figures without it.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-3}
NICE=${NICE-"nice -n 10"}
BENCH_DIR=${BENCH_DIR:-/tmp/lots-bench}
PEERS=${PEERS:-/work/shared/bench}
PEER_TOOLS=${PEER_TOOLS:-"zola hugo"}
LOTS=${LOTS:-$REPO/target/release/lots}
TIME=/usr/bin/time
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000); fi

die() { echo "bench.sh: $*" >&2; exit 1; }
note() { echo "bench.sh: $*" >&2; }

# ------------------------------------------------------------------ prerequisites
case $RUNS in ''|*[!0-9]*|0) die "RUNS must be a positive integer (got '$RUNS')" ;; esac
for n in "${SIZES[@]}"; do
  case $n in ''|*[!0-9]*|0) die "sizes must be positive page counts (got '$n')" ;; esac
done
[ -f "$PEERS/gen_corpus.py" ] || die "missing $PEERS/gen_corpus.py (set PEERS=)"
[ -x "$PEERS/run_peers.sh" ] || die "missing or not executable: $PEERS/run_peers.sh (set PEERS=)"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to generate the corpus"
if [ ! -x "$TIME" ]; then
  die "GNU time is missing ($TIME); it measures peak RSS. Install it with: apt-get install -y time"
fi
if ! command -v "${HUGO:-hugo}" >/dev/null 2>&1; then
  note "WARNING: hugo is not installed, so Hugo is not measured and the lots/Hugo ratios will be NA."
  note "         Install it with: apt-get install -y hugo"
fi
if ! command -v "${ZOLA:-zola}" >/dev/null 2>&1; then
  note "zola is not on PATH: Zola figures are taken from $PEERS/results/summary-*.tsv (reference, not re-measured)."
fi
if [ ! -x "$LOTS" ]; then
  note "$LOTS is missing; building it with: cargo build --release"
  (cd "$REPO" && cargo build --release) || die "cargo build --release failed"
  [ -x "$LOTS" ] || die "cargo build --release finished but $LOTS does not exist"
fi
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

# Time a private copy of the binary, so a rebuild of target/release/lots in the
# middle of a run cannot mix two versions into one set of figures.
LOTS_SRC=$LOTS
LOTS=$BENCH_DIR/lots-under-test.$$
cp "$LOTS_SRC" "$LOTS" || die "cannot copy $LOTS_SRC to $LOTS"
trap 'rm -f "$LOTS"' EXIT
LOTS_VER=$("$LOTS" --version 2>/dev/null | awk '{print $2}')
LOTS_VER=${LOTS_VER:-?}
LOTS_SUM=$(sha256sum "$LOTS" | cut -c1-12)
LOTS_GIT=$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null)
if [ -n "$LOTS_GIT" ] && [ -n "$(cd "$REPO" && git status --porcelain --untracked-files=no -- src Cargo.toml Cargo.lock build.rs 2>/dev/null)" ]; then
  LOTS_GIT="$LOTS_GIT + uncommitted changes in src/"
fi

median() { sort -g | awk '{a[NR]=$1} END{ if(NR==0){print "NA"} else if(NR%2){print a[(NR+1)/2]} else {printf "%.3f\n",(a[NR/2]+a[NR/2+1])/2} }'; }
mb() { awk -v b="$1" 'BEGIN{printf "%.2f", b/1e6}'; }
# ratio A B: A/B with 2 decimals, NA when either is not a number or B is 0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b+0 > 0) printf "%.2f", a/b; else printf "NA" }'; }
# field COL FILE TOOL [N]: column COL of TOOL's row (optionally with N in column 3)
field() { awk -F'\t' -v c="$1" -v t="$3" -v n="${4:-}" '$1==t && (n=="" || $3==n){print $c; exit}' "$2"; }

# clean OWN_CPU OTHERS_CPU: true when other processes took at most NOISE x the
# timed command's own CPU time (plus 0.1 s of slack for daemons and timers).
is_clean() { awk -v own="$1" -v o="$2" -v f="${3:-$NOISE}" 'BEGIN{exit !(o <= f*own + 0.1)}'; }

# time_runs TAG OUTDIR CMD...: times CMD until it has RUNS clean runs (see
# is_clean; at most MAX_TRIES x RUNS attempts, waiting for a quiet machine after
# a noisy one), each from an empty OUTDIR (plus an empty hugo cache for hugo,
# and without the paths in the array CLEAN, e.g. lots' .lots-cache), under $NICE
# and /usr/bin/time -v. Medians are over the clean runs (over all runs, marked
# "noisy", when too few were clean). Needs RESULTS and N. Sets T_STATUS, T_WALL,
# T_CPU, T_USER, T_SYS, T_RSS (MB), T_OUT (MB), T_HTML, T_RUNS ("clean/tried")
# and T_OTHERS (CPU s other processes took during the counted runs); writes
# RESULTS/TAG.runs.tsv with every attempt.
time_runs() {
  local tag=$1 out=$2; shift 2
  local r=0 good=0 t0 t1 b0 b1 rc wall rss cpu usr sys oth ok ver=$LOTS_VER f use
  case $tag in hugo*) ver=${HUGO_VER:-?} ;; esac
  T_STATUS=ok; T_WALL=NA; T_CPU=NA; T_USER=NA; T_SYS=NA; T_RSS=NA; T_OUT=NA; T_HTML=NA; T_OTHERS=NA; T_RUNS=NA
  printf 'tool\tversion\tN\trun\twall_s\tcpu_s\tuser_s\tsys_s\tmaxrss_kb\trc\tothers_cpu_s\tclean\n' > "$RESULTS/$tag.runs.tsv"
  while [ "$good" -lt "$RUNS" ] && [ "$r" -lt $((RUNS * MAX_TRIES)) ]; do
    r=$((r+1))
    rm -rf "$out" "$out.hugo-cache" ${CLEAN[@]+"${CLEAN[@]}"}
    b0=$(busy_ticks); t0=$(date +%s%N)
    $NICE $TIME -v -o "$RESULTS/$tag.time.$r" "$@" > "$RESULTS/$tag.log.$r" 2>&1
    rc=$?
    t1=$(date +%s%N); b1=$(busy_ticks)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
    rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$RESULTS/$tag.time.$r")
    usr=$(awk -F': ' '/User time/{printf "%.2f", $2}' "$RESULTS/$tag.time.$r")
    sys=$(awk -F': ' '/System time/{printf "%.2f", $2}' "$RESULTS/$tag.time.$r")
    cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
    oth=$(others_cpu "$b0" "$b1" "$cpu")
    if is_clean "$cpu" "$oth"; then ok=yes; good=$((good+1)); else ok=no; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tag" "$ver" "$N" "$r" "$wall" "$cpu" "$usr" "$sys" "$rss" "$rc" "$oth" "$ok" >> "$RESULTS/$tag.runs.tsv"
    if [ "$rc" != 0 ]; then
      T_STATUS="FAILED rc=$rc"
      note "$tag failed on corpus-$N (run $r, exit $rc); its output:"
      sed 's/^/    /' "$RESULTS/$tag.log.$r" | head -40 >&2
      return 1
    fi
    note "  $tag run $r: wall ${wall}s, cpu ${cpu}s (user $usr, sys $sys), peak RSS ${rss} kB; others' CPU ${oth}s; clean: $ok"
    [ "$ok" = yes ] || wait_quiet
  done
  use='$12=="yes"'
  if [ "$good" -lt "$RUNS" ]; then use='1'; T_STATUS="noisy"; note "$tag: only $good of $r runs were clean; reporting medians of all runs"; fi
  T_RUNS="$good/$r"
  f=$RESULTS/$tag.runs.tsv
  T_WALL=$(awk -F'\t' "NR>1 && $use"'{print $5}' "$f" | median)
  T_CPU=$(awk -F'\t' "NR>1 && $use"'{print $6}' "$f" | median)
  T_USER=$(awk -F'\t' "NR>1 && $use"'{print $7}' "$f" | median)
  T_SYS=$(awk -F'\t' "NR>1 && $use"'{print $8}' "$f" | median)
  T_RSS=$(awk -F'\t' "NR>1 && $use"'{print $9}' "$f" | median); T_RSS=$(awk -v k="$T_RSS" 'BEGIN{printf "%.1f", k/1024}')
  T_OTHERS=$(awk -F'\t' "NR>1 && $use"'{s+=$11} END{printf "%.2f", s}' "$f")
  T_OUT=$(mb "$(du -sb "$out" | cut -f1)")
  T_HTML=$(find "$out" -name '*.html' | wc -l)
}

# Reference row for a peer at size N from the shared results: the first
# summary-*.tsv whose row for TOOL has N pages and status ok.
reference_row() {
  local tool=$1 n=$2 f
  for f in "$PEERS"/results/summary-*.tsv; do
    [ -f "$f" ] || continue
    awk -F'\t' -v t="$tool" -v n="$n" '$1==t && $3==n && $10=="ok"{print; found=1; exit} END{exit !found}' "$f" && return 0
  done
  return 1
}

# Other work on this small machine (cargo builds and tests of other sessions)
# skews the timings. Measure it from /proc/stat: the CPU time the whole machine
# spent during a timed run minus the CPU time of the timed command is what
# other processes took ("others' CPU"). Before each size, wait (up to
# QUIET_WAIT s) for 5 consecutive seconds in which the machine is nearly idle.
QUIET_WAIT=${QUIET_WAIT:-180}
case $QUIET_WAIT in ''|*[!0-9]*) die "QUIET_WAIT must be a number of seconds" ;; esac
NOISE=${NOISE:-0.1}
# run_peers.sh also deletes outputs and runs du/find between its timed runs,
# which the /proc/stat measure counts as "others" (about 10-15% of the peers'
# CPU on a quiet machine), so its calls get a looser limit.
PEER_NOISE=${PEER_NOISE:-0.25}
MAX_TRIES=${MAX_TRIES:-3}
case $MAX_TRIES in ''|*[!0-9]*|0) die "MAX_TRIES must be a positive integer" ;; esac
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
wait_quiet() {
  local waited=0 calm=0 b0 b1
  [ "$QUIET_WAIT" -gt 0 ] || return 0
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    b0=$(busy_ticks); sleep 1; b1=$(busy_ticks); waited=$((waited+1))
    # less than 10% of one CPU busy during that second
    if [ $(( (b1-b0)*10 )) -lt "$HZ" ]; then calm=$((calm+1)); [ "$calm" -ge 5 ] && return 0; else calm=0; fi
  done
  note "the machine was still busy after ${QUIET_WAIT}s of waiting; timing anyway"
}
# others_cpu B0 B1 OWN_CPU_S: seconds of CPU that other processes used
others_cpu() { awk -v a="$1" -v b="$2" -v own="$3" -v hz="$HZ" 'BEGIN{o=(b-a)/hz-own; if(o<0)o=0; printf "%.2f", o}'; }

CLEAN=()
declare -A LOTS_WALL LOTS_RSS HUGO_WALL HUGO_RSS FS_LOTS_WALL FS_HUGO_WALL NOISY
REPORT=$BENCH_DIR/report.md
: > "$REPORT"
emit() { printf '%s\n' "$*" | tee -a "$REPORT"; }

emit "# lots benchmark"
emit ""
emit "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
emit "- machine: $(nproc) CPUs, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
HUGO_VER=$( (command -v "${HUGO:-hugo}" >/dev/null && "${HUGO:-hugo}" version) 2>/dev/null | awk '{print $2}')
ZOLA_VER=$( (command -v "${ZOLA:-zola}" >/dev/null && "${ZOLA:-zola}" --version) 2>/dev/null | awk '{print $2}')
emit "- lots $LOTS_VER (from $LOTS_SRC, built $(date -u -r "$LOTS_SRC" '+%Y-%m-%d %H:%M UTC'), sha256 $LOTS_SUM, git ${LOTS_GIT:-?}); hugo: ${HUGO_VER:-not installed}; zola: ${ZOLA_VER:-not installed (reference figures)}"
emit "- RUNS=$RUNS, prefix '${NICE}', sizes: ${SIZES[*]}, NOISE=$NOISE, PEER_NOISE=$PEER_NOISE, MAX_TRIES=$MAX_TRIES, QUIET_WAIT=$QUIET_WAIT"
emit ""

for N in "${SIZES[@]}"; do
  CORPUS=$BENCH_DIR/corpus-$N
  RESULTS=$BENCH_DIR/results-$N
  SITE=$CORPUS/lots
  OUT=$BENCH_DIR/out-$N
  rm -rf "$RESULTS"; mkdir -p "$RESULTS"

  # 1. corpus
  if [ -f "$CORPUS/corpus.json" ] && [ -d "$CORPUS/zola/content" ]; then
    note "corpus-$N exists, not regenerating"
  else
    note "generating corpus-$N (seed 1)"
    rm -rf "$CORPUS"
    python3 "$PEERS/gen_corpus.py" --pages "$N" --seed 1 --out "$CORPUS" >&2 || die "gen_corpus.py failed for $N pages"
  fi

  # 2. lots site root: config.yaml + a real copy of the Zola content tree
  mkdir -p "$SITE"
  cat > "$SITE/config.yaml" <<'EOF'
title: "Förebyggande arbete mot våldsbejakande extremism"
base_url: "https://example.org"
language: sv
taxonomies:
  - name: tags
EOF
  if [ ! -f "$SITE/.content-copied" ] || [ "$CORPUS/corpus.json" -nt "$SITE/.content-copied" ]; then
    note "copying corpus-$N/zola/content to corpus-$N/lots/content"
    rm -rf "$SITE/content" "$SITE/.content-copied"
    cp -r "$CORPUS/zola/content" "$SITE/content" || die "copying content failed"
    touch "$SITE/.content-copied"
  fi

  note "waiting for a quiet machine (up to ${QUIET_WAIT}s)"
  wait_quiet
  # 3. time lots
  note "lots: $RUNS runs on $N pages (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # Cold builds, like the peers (run_peers.sh empties Hugo's cache every run):
  # lots keeps processed images in SITE/.lots-cache, so delete it before each run.
  CLEAN=("$SITE/.lots-cache")
  time_runs lots "$OUT" "$LOTS" build --root "$SITE" --output "$OUT"
  l_said=$(tail -n 3 "$RESULTS/lots.log.1" 2>/dev/null | tr '\n' ' ' | cut -c1-300)
  status=$T_STATUS; l_wall=$T_WALL; l_cpu=$T_CPU; l_rss=$T_RSS; l_out=$T_OUT; l_html=$T_HTML
  l_user=$T_USER; l_sys=$T_SYS; l_others=$T_OTHERS; l_runs=$T_RUNS
  printf 'tool\tversion\tN\tmedian_wall_s\tmedian_cpu_s\tpeak_rss_mb\toutput_mb\tsearch_index_mb\thtml_files\tstatus\n' > "$RESULTS/lots.summary.tsv"
  if [ "$status" = ok ] || [ "$status" = noisy ]; then
    printf 'lots\t%s\t%s\t%s\t%s\t%s\t%s\tn/a\t%s\t%s\n' "$LOTS_VER" "$N" "$l_wall" "$l_cpu" "$l_rss" "$l_out" "$l_html" "$status" >> "$RESULTS/lots.summary.tsv"
  else
    printf 'lots\t%s\t%s\tNA\tNA\tNA\tNA\tNA\tNA\t%s\n' "$LOTS_VER" "$N" "$status" >> "$RESULTS/lots.summary.tsv"
  fi
  CLEAN=()
  LOTS_WALL[$N]=$l_wall; LOTS_RSS[$N]=$l_rss

  # 4. peers, same corpus, same run count
  note "peers ($PEER_TOOLS): $RUNS runs on $N pages (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # run_peers.sh times all its runs in one go, so a noisy call is repeated as a
  # whole (up to MAX_TRIES calls), keeping the call with the least noise.
  best=""; best_score=""; p_try=0
  while [ "$p_try" -lt "$MAX_TRIES" ]; do
    p_try=$((p_try+1))
    PR=$RESULTS/peers-try$p_try
    rm -rf "$PR"; mkdir -p "$PR"
    [ "$p_try" -gt 1 ] && wait_quiet
    b0=$(busy_ticks)
    TOOLS="$PEER_TOOLS" RESULTS="$PR" NICE="$NICE" "$PEERS/run_peers.sh" "$CORPUS" "$RUNS" > "$PR/peers.md" \
      || note "run_peers.sh exited non-zero; see $PR"
    b1=$(busy_ticks)
    # others' CPU during run_peers.sh: machine CPU minus the peers' own (its du/find count as "others")
    p_own=$(awk -F'\t' 'NR>1{s+=$6} END{printf "%.2f", s}' "$PR/runs.tsv" 2>/dev/null)
    p_oth=$(others_cpu "$b0" "$b1" "${p_own:-0}")
    echo "$p_oth" > "$PR/others_cpu_s"
    note "  run_peers.sh call $p_try: peers' CPU ${p_own}s, others' CPU ${p_oth}s"
    score=$(awk -v o="$p_oth" -v own="${p_own:-0}" 'BEGIN{printf "%.4f", o/(own+0.01)}')
    if [ -z "$best" ] || awk -v a="$score" -v b="$best_score" 'BEGIN{exit !(a<b)}'; then best=$PR; best_score=$score; p_others=$p_oth; p_clean_own=${p_own:-0}; fi
    is_clean "${p_own:-0}" "$p_oth" "$PEER_NOISE" && break
    [ "$p_try" -lt "$MAX_TRIES" ] && note "  noisy; waiting for a quiet machine and calling run_peers.sh again"
  done
  cp "$best"/summary.tsv "$best"/runs.tsv "$best"/peers.md "$RESULTS"/ 2>/dev/null
  p_note="call $(basename "$best" | sed 's/peers-try//') of $p_try"
  is_clean "$p_clean_own" "$p_others" "$PEER_NOISE" || p_note="$p_note, noisy"
  PS=$RESULTS/summary.tsv

  # Collect rows: tool | source | wall | cpu | rss | out | html | status
  rows=$(mktemp)
  printf 'lots\tmeasured\t%s\t%s\t%s\t%s\t%s\t%s\n' "$l_wall" "$l_cpu" "$l_rss" "$l_out" "$l_html" "$status" >> "$rows"
  h_wall=NA; h_rss=NA; z_wall=NA; z_rss=NA
  for tool in $PEER_TOOLS; do
    st=$( [ -f "$PS" ] && field 10 "$PS" "$tool" || true)
    if [ "$st" = ok ]; then
      row=$(awk -F'\t' -v t="$tool" '$1==t{print; exit}' "$PS")
      src="measured ($(cut -f2 <<<"$row"))"
    elif row=$(reference_row "$tool" "$N"); then
      src="reference ($(cut -f2 <<<"$row")), not re-measured"
      [ -n "$st" ] && src="$src; here: $st"
    else
      printf '%s\t%s\tNA\tNA\tNA\tNA\tNA\t%s\n' "$tool" "not measured" "${st:-no data}" >> "$rows"
      continue
    fi
    IFS=$'\t' read -r _ _ _ w c m o _ h s <<<"$row"
    [ "$st" = ok ] && [[ $p_note == *noisy* ]] && s="noisy"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$src" "$w" "$c" "$m" "$o" "$h" "$s" >> "$rows"
    case $tool in
      hugo) h_wall=$w; h_rss=$m ;;
      zola) z_wall=$w; z_rss=$m ;;
    esac
  done
  # Hugo's reference figures too, so machine load shows up as a gap between them.
  if [[ " $PEER_TOOLS " == *" hugo "* ]] && [ "$(field 10 "$PS" hugo 2>/dev/null)" = ok ] && row=$(reference_row hugo "$N"); then
    IFS=$'\t' read -r _ v _ w c m o _ h s <<<"$row"
    printf 'hugo\treference (%s), for comparison only\t%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$w" "$c" "$m" "$o" "$h" "$s" >> "$rows"
  fi
  HUGO_WALL[$N]=$h_wall; HUGO_RSS[$N]=$h_rss
  NOISY[$N]=""
  [ "$status" = noisy ] && NOISY[$N]="lots runs noisy"
  [[ $p_note == *noisy* ]] && NOISY[$N]="${NOISY[$N]:+${NOISY[$N]}, }peer runs noisy"

  # 5. table
  emit "## $N pages"
  emit ""
  emit "| tool | figures | wall s | CPU s | peak RSS MB | output MB | HTML files | status |"
  emit "|---|---|---:|---:|---:|---:|---:|---|"
  while IFS=$'\t' read -r t src w c m o h s; do
    emit "| $t | $src | $w | $c | $m | $o | $h | $s |"
  done < "$rows"
  rm -f "$rows"
  emit ""
  emit "| ratio | wall time | peak memory |"
  emit "|---|---:|---:|"
  emit "| lots / Hugo | $(ratio "$l_wall" "$h_wall") | $(ratio "$l_rss" "$h_rss") |"
  emit "| lots / Zola | $(ratio "$l_wall" "$z_wall") | $(ratio "$l_rss" "$z_rss") |"
  emit ""
  emit "lots said (run 1): \`$l_said\`"
  emit ""
  emit "lots CPU split (medians): user $l_user s, sys $l_sys s. Clean lots runs: $l_runs (clean = other processes took at most ${NOISE}x the run's own CPU; ${PEER_NOISE}x for a run_peers.sh call). CPU time other processes took: ${l_others} s during the counted lots runs, ${p_others} s during the peers' runs ($p_note)."
  emit ""
  if [ -n "${FS_CHECK:-}" ]; then
    FSDIR=$FS_CHECK/lots-bench-fscheck
    mkdir -p "$FSDIR" || die "cannot create $FSDIR"
    note "diagnostic: lots and hugo with output under $FS_CHECK (waiting for a quiet machine first)"
    wait_quiet
    emit "Diagnostic, output written under $FS_CHECK ($(df --output=fstype "$FS_CHECK" | tail -1 | tr -d ' ')) instead of /tmp:"
    emit ""
    emit "| tool | wall s | CPU s | user s | sys s | peak RSS MB | HTML files | clean runs | others' CPU s | status |"
    emit "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    CLEAN=("$SITE/.lots-cache")
    time_runs lots-fs "$FSDIR/lots" "$LOTS" build --root "$SITE" --output "$FSDIR/lots"
    CLEAN=()
    emit "| lots | $T_WALL | $T_CPU | $T_USER | $T_SYS | $T_RSS | $T_HTML | $T_RUNS | $T_OTHERS | $T_STATUS |"
    fs_lots_wall=$T_WALL
    if command -v "${HUGO:-hugo}" >/dev/null 2>&1; then
      rm -rf "$CORPUS/hugo/.hugo_build.lock" "$CORPUS/hugo/resources"
      time_runs hugo-fs "$FSDIR/hugo" "${HUGO:-hugo}" --quiet --source "$CORPUS/hugo" --destination "$FSDIR/hugo" --cacheDir "$FSDIR/hugo.hugo-cache"
      rm -rf "$CORPUS/hugo/.hugo_build.lock" "$CORPUS/hugo/resources"
      emit "| hugo | $T_WALL | $T_CPU | $T_USER | $T_SYS | $T_RSS | $T_HTML | $T_RUNS | $T_OTHERS | $T_STATUS |"
      emit ""
      emit "lots / Hugo wall time with output under $FS_CHECK: $(ratio "$fs_lots_wall" "$T_WALL")"
      FS_HUGO_WALL[$N]=$T_WALL
    fi
    FS_LOTS_WALL[$N]=$fs_lots_wall
    rm -rf "$FSDIR"
    emit ""
  fi
  emit "(raw runs and logs: $RESULTS)"
  emit ""
done

# Linearity and targets, over the smallest and largest sizes.
if [ ${#SIZES[@]} -ge 2 ]; then
  sorted=($(printf '%s\n' "${SIZES[@]}" | sort -n | uniq))
  lo=${sorted[0]}; hi=${sorted[${#sorted[@]}-1]}
  if [ "$lo" != "$hi" ]; then
    pr=$(awk -v a="$hi" -v b="$lo" 'BEGIN{printf "%g", a/b}')
    emit "## Linearity"
    emit ""
    emit "- lots wall($hi)/wall($lo) = $(ratio "${LOTS_WALL[$hi]}" "${LOTS_WALL[$lo]}") vs page ratio $pr (peak RSS ratio $(ratio "${LOTS_RSS[$hi]}" "${LOTS_RSS[$lo]}"))"
    emit "- hugo wall($hi)/wall($lo) = $(ratio "${HUGO_WALL[$hi]}" "${HUGO_WALL[$lo]}") (peak RSS ratio $(ratio "${HUGO_RSS[$hi]}" "${HUGO_RSS[$lo]}"))"
    if [ -n "${FS_CHECK:-}" ]; then
      emit "- with output under $FS_CHECK: lots wall($hi)/wall($lo) = $(ratio "${FS_LOTS_WALL[$hi]:-NA}" "${FS_LOTS_WALL[$lo]:-NA}"), hugo $(ratio "${FS_HUGO_WALL[$hi]:-NA}" "${FS_HUGO_WALL[$lo]:-NA}")"
    fi
    emit ""
  fi
fi
hi=$(printf '%s\n' "${SIZES[@]}" | sort -n | tail -1)
emit "## Targets at $hi pages"
emit ""
verdict() { awk -v r="$1" 'BEGIN{ if (r=="NA") print "NA"; else if (r+0 <= 0.5) print "met"; else print "NOT met" }'; }
rw=$(ratio "${LOTS_WALL[$hi]}" "${HUGO_WALL[$hi]}")
emit "- wall time at most half of Hugo's: lots/Hugo = $rw -> $(verdict "$rw")${NOISY[$hi]:+ (${NOISY[$hi]}: repeat on a quiet machine)}"
zr=""
for tool in $PEER_TOOLS; do [ "$tool" = zola ] || continue
  zs=$(field 10 "$BENCH_DIR/results-$hi/summary.tsv" zola 2>/dev/null)
  if [ "$zs" = ok ]; then zrss=$(field 6 "$BENCH_DIR/results-$hi/summary.tsv" zola); zsrc=measured
  else zrss=$(reference_row zola "$hi" | cut -f6); zsrc="reference, not re-measured"; fi
  zr=$(ratio "${LOTS_RSS[$hi]}" "${zrss:-NA}")
  emit "- peak memory at most half of Zola's ($zsrc): lots/Zola = $zr -> $(verdict "$zr") (peak RSS hardly depends on machine load)"
done
emit ""
note "report written to $REPORT"
