# Shared by the benchmark scripts in benches/ (sourced, not run): defaults, the corpus, the
# timing of one command over several runs, and the measure of how busy the machine was.
#
# Every default can be overridden from the environment:
#   BENCH_DIR=${TMPDIR:-/tmp}/lots-bench   corpora (kept between runs), outputs and results
#   RUNS=3                 timed runs per case; medians are reported
#   NICE="nice -n 10"      prefix for every timed command ("" for none)
#   LOTS=target/release/lots   the binary to time (built with cargo build --release when missing)
#   HUGO=hugo, ZOLA=zola   the peers' binaries (looked up on PATH)
#   GNU_TIME=time on PATH  GNU time, for CPU time and peak RSS (`apt-get install -y time`)
#   QUIET_WAIT=180         before a case, wait up to this many seconds for an idle machine
#                          (5 s in a row under 10% of one CPU); 0 = don't wait
#   TRASH                  folders, separated by spaces, one per file system that is not
#                          tmpfs (set by bench.sh), that old outputs and caches are moved into
#                          instead of being deleted, until the end of the whole run (see
#                          set_aside); a path with no trash on its file system is deleted at once
#   NOISE=0.1, MAX_TRIES=3 a timed run is "clean" when other processes took at most NOISE x its
#                          own CPU time (from /proc/stat); a case is retried up to MAX_TRIES x
#                          RUNS times to get RUNS clean runs
# shellcheck shell=bash

BENCHES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCHES/.." && pwd)
SCRIPT=$(basename "$0")
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/lots-bench}
RUNS=${RUNS:-3}
NICE=${NICE-"nice -n 10"}
LOTS=${LOTS:-$REPO/target/release/lots}
HUGO=${HUGO:-hugo}
ZOLA=${ZOLA:-zola}
QUIET_WAIT=${QUIET_WAIT:-180}
NOISE=${NOISE:-0.1}
MAX_TRIES=${MAX_TRIES:-3}

die() { echo "$SCRIPT: $*" >&2; exit 1; }
note() { echo "$SCRIPT: $*" >&2; }

case $RUNS in ''|*[!0-9]*|0) die "RUNS must be a positive integer (got '$RUNS')" ;; esac
case $QUIET_WAIT in ''|*[!0-9]*) die "QUIET_WAIT must be a number of seconds (got '$QUIET_WAIT')" ;; esac
case $MAX_TRIES in ''|*[!0-9]*|0) die "MAX_TRIES must be a positive integer (got '$MAX_TRIES')" ;; esac

# check_sizes N...: every argument a page count the generator accepts.
check_sizes() {
  local n
  for n in "$@"; do
    case $n in ''|*[!0-9]*) die "sizes are page counts (got '$n')" ;; esac
    [ "$n" -ge 10 ] || die "sizes start at 10 pages (got $n)"
  done
}

# ------------------------------------------------------------------ tools
# need_time: sets TIME to GNU time, which reports peak RSS (bash's `time` keyword does not).
need_time() {
  TIME=${GNU_TIME:-$(type -P time || true)}
  if [ -z "$TIME" ] || ! "$TIME" -v true 2>&1 | grep -q 'Maximum resident set size'; then
    die "GNU time is needed for CPU time and peak memory: apt-get install -y time (or set GNU_TIME=)"
  fi
}

# need_lots: builds target/release/lots when LOTS names no binary.
need_lots() {
  if [ ! -x "$LOTS" ]; then
    note "$LOTS is missing; building it with: cargo build --release"
    (cd "$REPO" && cargo build --release >&2) || die "cargo build --release failed"
    [ -x "$LOTS" ] || die "cargo build --release finished but $LOTS does not exist"
  fi
}

# has TOOL_BINARY: true when the binary is on PATH (or is an executable path).
has() { command -v "$1" >/dev/null 2>&1; }

# ------------------------------------------------------------------ corpus
# ensure_corpus N [LAYOUT...]: sets CORPUS to BENCH_DIR/corpus-N and writes it (seed 1) with
# benches/corpus.py unless it is there with every layout asked for (default: lots zola hugo).
# It writes lots, zola and hugo whatever was asked (plus any other layout asked for), so that
# the scripts share one corpus instead of rewriting it for each other: it is kept between
# runs, and 100,000 pages take minutes to write.
ensure_corpus() {
  local n=$1 layout missing="" write="lots zola hugo"
  shift
  [ $# -gt 0 ] || set -- lots zola hugo
  CORPUS=$BENCH_DIR/corpus-$n
  for layout in "$@"; do
    case $layout in
      lots) [ -f "$CORPUS/lots/config.yaml" ] && [ -d "$CORPUS/lots/content" ] || missing="$missing $layout" ;;
      *) [ -d "$CORPUS/$layout" ] || missing="$missing $layout" ;;
    esac
    case " $write " in *" $layout "*) ;; *) write="$write $layout" ;; esac
  done
  if [ -f "$CORPUS/corpus.json" ] && [ -z "$missing" ]; then
    return 0
  fi
  has python3 || die "python3 is needed to write the corpus"
  note "writing corpus-$n (seed 1; layouts: $write)"
  rm -rf "$CORPUS"
  python3 "$BENCHES/corpus.py" --pages "$n" --seed 1 --out "$CORPUS" --layouts "${write// /,}" >&2 \
    || die "benches/corpus.py failed for $n pages"
}

# ------------------------------------------------------------------ arithmetic
median() { sort -g | awk '{a[NR]=$1} END{ if(NR==0){print "NA"} else if(NR%2){print a[(NR+1)/2]} else {printf "%.3f\n",(a[NR/2]+a[NR/2+1])/2} }'; }
mb() { awk -v b="$1" 'BEGIN{printf "%.2f", b/1e6}'; }
# ratio A B: A/B with 2 decimals; NA when either is not a number or B is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b+0 > 0) printf "%.2f", a/b; else printf "NA" }'; }

# ------------------------------------------------------------------ a busy machine
# Other work on a small machine (builds, tests, a profiler) skews wall times. /proc/stat gives
# the CPU time the whole machine spent during a timed run; minus the timed command's own CPU
# time, that is what other processes took ("others' CPU").
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
# others_cpu B0 B1 OWN_CPU_S: seconds of CPU other processes used between the two readings.
others_cpu() { awk -v a="$1" -v b="$2" -v own="$3" -v hz="$HZ" 'BEGIN{o=(b-a)/hz-own; if(o<0)o=0; printf "%.2f", o}'; }
# is_clean OWN OTHERS: others took at most NOISE x OWN (plus 0.1 s for daemons and timers).
is_clean() { awk -v own="$1" -v o="$2" -v f="$NOISE" 'BEGIN{exit !(o <= f*own + 0.1)}'; }
# wait_quiet: wait (at most QUIET_WAIT s) for 5 s in a row under 10% of one CPU.
wait_quiet() {
  local waited=0 calm=0 b0 b1
  [ "$QUIET_WAIT" -gt 0 ] || return 0
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    b0=$(busy_ticks); sleep 1; b1=$(busy_ticks); waited=$((waited+1))
    if [ $(( (b1-b0)*10 )) -lt "$HZ" ]; then calm=$((calm+1)); [ "$calm" -ge 5 ] && return 0; else calm=0; fi
  done
  note "the machine was still busy after ${QUIET_WAIT}s of waiting; timing anyway"
}

# ------------------------------------------------------------------ memory given back
# guest_memory: one line on whether this machine is a VM guest that gives the memory it frees
# back to its host (virtio-balloon free page reporting). On such a machine memory a build takes
# may cost a fault on the host too, charged to the build as user or kernel time, and that cost
# changes with the host's state: two 100,000-page builds 40 s apart spent 1.5 s and 12.8 s
# copying the same 2.4 GB into the page cache (BENCHMARKS.md, 2026-12-05 12:30). Read a large
# build's kernel time, and its growth from a small one, with it; benches/fresh_memory.py
# measures the cost per GB at that moment.
guest_memory() {
  local p=/sys/module/page_reporting/parameters
  if [ -r "$p/page_reporting_order" ]; then
    printf 'free page reporting on (order %s' "$(cat "$p/page_reporting_order")"
    [ -r "$p/min_free_ms" ] && printf ', reported after %s ms' "$(cat "$p/min_free_ms")"
    [ -r "$p/reported_kib" ] && printf ', %s GiB given back since boot' "$(awk '{printf "%.0f", $1/1048576}' "$p/reported_kib")"
    printf '): memory freed goes back to the host; see benches/fresh_memory.py\n'
  else
    printf 'no free page reporting\n'
  fi
}

# ------------------------------------------------------------------ deleted files
# ext4 without a journal (this project's VMs mount their disk so) will not reuse an inode
# freed in the last 60 seconds, nor in the last 360 once its inode table block is dirty again,
# which a build's own new files make it: each new file or folder skips every such inode of its
# group one by one (recently_deleted() in fs/ext4/ialloc.c). A build of 100,000 folders right
# after 100,000 others were deleted then costs a time that grows with the product of the two:
# lots at 100,000 pages took 30-40 s on that disk started right after `rm -rf` and `sync`,
# and 22.5 s started 75 s later; with runs 65 s apart its kernel time still grew from run to
# run (10.8, 17.4, 24.7 s). A cold build writes where nothing was just deleted, so the old
# outputs are not deleted between runs: they are moved aside (a rename frees no inode) and
# deleted once every run is over (bench.sh's exit trap deletes its trash folders).

# set_aside PATH...: moves each PATH that exists into the folder of TRASH on its file system,
# else deletes it. The caches are in the corpus, on disk, even when the output is on tmpfs:
# deleting lots' image cache (8,000 files at 100,000 pages) made the next build's images
# step take 0.2-0.9 s instead of 0.11-0.14 s.
set_aside() {
  local p t moved
  for p in "$@"; do
    [ -e "$p" ] || continue
    moved=no
    for t in ${TRASH:-}; do
      if mkdir -p "$t" && [ "$(stat -c %d "$t")" = "$(stat -c %d "$(dirname "$p")")" ]; then
        mv "$p" "$(mktemp -d "$t/old.XXXXXX")/" && moved=yes
        break
      fi
    done
    [ "$moved" = yes ] || rm -rf "$p"
  done
}

# trash_in DIR: the folder set_aside uses for outputs under DIR.
trash_in() { echo "$1/.lots-bench-trash"; }

# ------------------------------------------------------------------ timing
# t_reset STATUS: no figures, for a case that was not timed (a tool not installed, say).
t_reset() { T_STATUS=$1; T_WALL=NA; T_CPU=NA; T_USER=NA; T_SYS=NA; T_RSS=NA; T_OUT=NA; T_HTML=NA; T_OTHERS=NA; T_RUNS=NA; }

# time_runs TAG VERSION OUT CMD...: runs CMD until RUNS runs were clean (at most MAX_TRIES x
# RUNS tries, waiting for a quiet machine after a noisy one), under $NICE and GNU time. Before
# each run it sets aside the paths in the array CLEAN (empty for a warm rebuild; see
# set_aside) and calls sync, so that one run's pending writes are not charged to the next.
# Medians are over the clean runs (over all runs, with status "noisy", when too few were clean). Needs RESULTS (folder
# for logs) and N. Sets T_STATUS, T_WALL, T_CPU, T_USER, T_SYS, T_RSS (MB), T_OUT (MB),
# T_HTML, T_RUNS ("clean/tried") and T_OTHERS (others' CPU s in the counted runs); writes
# RESULTS/TAG.runs.tsv with every try and RESULTS/TAG.log.R with each run's output.
time_runs() {
  local tag=$1 ver=$2 out=$3; shift 3
  local r=0 good=0 t0 t1 b0 b1 rc wall rss cpu usr sys oth ok use f
  t_reset ok
  f=$RESULTS/$tag.runs.tsv
  printf 'tool\tversion\tN\trun\twall_s\tcpu_s\tuser_s\tsys_s\tmaxrss_kb\trc\tothers_cpu_s\tclean\n' > "$f"
  while [ "$good" -lt "$RUNS" ] && [ "$r" -lt $((RUNS * MAX_TRIES)) ]; do
    r=$((r+1))
    [ ${#CLEAN[@]} -eq 0 ] || set_aside "${CLEAN[@]}"
    sync
    b0=$(busy_ticks); t0=$(date +%s%N)
    # $NICE is a command prefix: split on purpose.
    # shellcheck disable=SC2086
    $NICE "$TIME" -v -o "$RESULTS/$tag.time.$r" "$@" > "$RESULTS/$tag.log.$r" 2>&1
    rc=$?
    t1=$(date +%s%N); b1=$(busy_ticks)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
    rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$RESULTS/$tag.time.$r")
    usr=$(awk -F': ' '/User time/{printf "%.2f", $2}' "$RESULTS/$tag.time.$r")
    sys=$(awk -F': ' '/System time/{printf "%.2f", $2}' "$RESULTS/$tag.time.$r")
    cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
    oth=$(others_cpu "$b0" "$b1" "$cpu")
    if is_clean "$cpu" "$oth"; then ok=yes; good=$((good+1)); else ok=no; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tag" "$ver" "$N" "$r" "$wall" "$cpu" "$usr" "$sys" "$rss" "$rc" "$oth" "$ok" >> "$f"
    if [ "$rc" != 0 ]; then
      T_STATUS="FAILED rc=$rc"
      note "$tag failed on corpus-$N (run $r, exit $rc); its output:"
      sed 's/^/    /' "$RESULTS/$tag.log.$r" | head -40 >&2
      return 1
    fi
    note "  $tag run $r: wall ${wall}s, CPU ${cpu}s (user $usr, sys $sys), peak RSS ${rss} kB; others' CPU ${oth}s; clean: $ok"
    [ "$ok" = yes ] || wait_quiet
  done
  use='$12=="yes"'
  if [ "$good" -lt "$RUNS" ]; then
    use='1'; T_STATUS=noisy
    note "$tag: only $good of $r runs were clean; reporting medians of all runs"
  fi
  T_RUNS="$good/$r"
  T_WALL=$(awk -F'\t' "NR>1 && $use"'{print $5}' "$f" | median)
  T_CPU=$(awk -F'\t' "NR>1 && $use"'{print $6}' "$f" | median)
  T_USER=$(awk -F'\t' "NR>1 && $use"'{print $7}' "$f" | median)
  T_SYS=$(awk -F'\t' "NR>1 && $use"'{print $8}' "$f" | median)
  T_RSS=$(awk -F'\t' "NR>1 && $use"'{print $9}' "$f" | median)
  T_RSS=$(awk -v k="$T_RSS" 'BEGIN{printf "%.1f", k/1024}')
  T_OTHERS=$(awk -F'\t' "NR>1 && $use"'{s+=$11} END{printf "%.2f", s}' "$f")
  T_OUT=$(mb "$(du -sb "$out" | cut -f1)")
  T_HTML=$(find "$out" -name '*.html' | wc -l)
}

# summary_row FILE TOOL VERSION N FS KIND [INDEX_MB]: appends the T_* figures of the last
# time_runs as one row of FILE (a TSV with a header line); KIND is cold or warm.
SUMMARY_HEADER='tool\tversion\tN\tfs\tkind\twall_s\tcpu_s\tuser_s\tsys_s\tpeak_rss_mb\toutput_mb\tsearch_index_mb\thtml_files\tclean_runs\tothers_cpu_s\tstatus\n'
summary_row() {
  [ -s "$1" ] || printf '%b' "$SUMMARY_HEADER" > "$1"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$3" "$4" "$5" "$6" \
    "$T_WALL" "$T_CPU" "$T_USER" "$T_SYS" "$T_RSS" "$T_OUT" "${7:-n/a}" "$T_HTML" "$T_RUNS" "$T_OTHERS" "$T_STATUS" >> "$1"
}

# tool_version TOOL: the version the binary reports ("" when it is not installed).
tool_version() {
  case $1 in
    lots) "$LOTS" --version 2>/dev/null | awk '{print $2}' ;;
    hugo) has "$HUGO" && "$HUGO" version 2>/dev/null | awk '{print $2}' ;;
    zola) has "$ZOLA" && "$ZOLA" --version 2>/dev/null | awk '{print $2}' ;;
    mdbook) has "${MDBOOK:-mdbook}" && "${MDBOOK:-mdbook}" --version 2>/dev/null | awk '{print $2}' ;;
  esac
}
