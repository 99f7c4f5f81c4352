#!/usr/bin/env bash
# Images benchmark: what the image pipeline costs on the 10,000-page benchmark corpus, with an
# empty cache (first build) and a full one (rebuild), and how much the cache saves.
#
# Usage: benches/images.sh [PAGES]              (default: 10000)
#   env: RUNS=3, NICE, LOTS, GNU_TIME: see benches/lib.sh
#        BENCH_DIR              corpora (benches/corpus.py), site roots, outputs and results
#                               (BENCH_DIR/images-N), shared with bench.sh; see benches/lib.sh
#        CASES="corpus photos"  which sites to time:
#          corpus  the corpus as generated: ~8% of pages are bundles with a 64x40 PNG diagram,
#                  smaller than every configured width, so each is only stripped and checked;
#          photos  the same pages with every diagram replaced by a 1400x875 PNG (each with its
#                  own text chunk, so no two files are alike): stripped, and resized to 320,
#                  640 and 1280 for srcset (3 copies each).
#
# For each case it times `lots build` RUNS times with the cache deleted first (cold) and RUNS
# times with the cache kept (warm; the output folder is always fresh), with /usr/bin/time -v
# (wall = median, CPU = median user+sys, RSS = median peak), reads the build's
# "Bilder: N gjorda, M från cachen" line (both cases use the corpus's config: a Swedish site),
# and prints a Markdown section (also written to BENCH_DIR/images-report.md) for BENCHMARKS.md.
set -u
# shellcheck source=benches/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N=${1:-10000}
CASES=${CASES:-"corpus photos"}
check_sizes "$N"
need_time
need_lots
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
RESULTS=$BENCH_DIR/images-$N
mkdir -p "$RESULTS"

mb1() { awk -v b="$1" 'BEGIN{printf "%.1f", b/1e6}'; }

# ------------------------------------------------------------------ sites
ensure_corpus "$N" lots

# site_root DIR: a lots site with a real copy of the corpus content (lots does not follow
# symlinks in content/), whose images the photos case replaces.
site_root() {
  local site=$1
  mkdir -p "$site"
  cp "$CORPUS/lots/config.yaml" "$site/config.yaml"
  if [ ! -f "$site/.content-copied" ] || [ "$CORPUS/corpus.json" -nt "$site/.content-copied" ]; then
    note "copying corpus-$N/lots/content to $site/content"
    rm -rf "$site/content" "$site/.content-copied"
    cp -r "$CORPUS/lots/content" "$site/content" || die "copying content failed"
    touch "$site/.content-copied"
  fi
}

# Replaces every diagram.png under $1 with a 1400x875 PNG carrying its own tEXt chunk.
make_photos() {
  python3 - "$1" <<'EOF' || die "writing the large PNGs failed"
import os, struct, sys, zlib
root = sys.argv[1]
w, h = 1400, 875
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
rows = []
for y in range(h):
    row = bytearray([0])
    for x in range(w):
        # A diagram-like picture: smooth gradients and large flat tiles.
        row += bytes((x * 255 // w, y * 255 // h, 200 if (x // 100 + y // 100) % 2 else 60))
    rows.append(bytes(row))
head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
body = chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b"")
count = 0
for folder, _, files in os.walk(root):
    if "diagram.png" in files:
        text = chunk(b"tEXt", b"Comment\0" + folder.encode())
        with open(os.path.join(folder, "diagram.png"), "wb") as f:
            f.write(head + text + body)
        count += 1
print(f"{count} diagrams of {w}x{h}", file=sys.stderr)
EOF
}

# ------------------------------------------------------------------ timing
# run_case NAME SITE: RUNS cold and RUNS warm builds; appends a table row to $ROWS.
run_case() {
  local name=$1 site=$2 out=$BENCH_DIR/images-out-$N-$1 kind r
  for kind in cold warm; do
    : > "$RESULTS/$name.$kind.walls"; : > "$RESULTS/$name.$kind.cpu"; : > "$RESULTS/$name.$kind.rss"
    for r in $(seq 1 "$RUNS"); do
      rm -rf "$out"
      [ "$kind" = cold ] && rm -rf "$site/.lots-cache"
      sync
      local log=$RESULTS/$name.$kind.$r.log t0 t1 rc
      t0=$(date +%s%N)
      # $NICE is a command prefix: split on purpose.
      # shellcheck disable=SC2086
      $NICE "$TIME" -v -o "$RESULTS/$name.$kind.$r.time" "$LOTS" build --root "$site" --output "$out" > "$log" 2>&1
      rc=$?
      t1=$(date +%s%N)
      if [ "$rc" != 0 ]; then
        sed 's/^/    /' "$log" | head -30 >&2
        die "lots build failed on $name ($kind run $r, exit $rc)"
      fi
      awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f\n", (b-a)/1e9}' >> "$RESULTS/$name.$kind.walls"
      awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f\n", u+s}' "$RESULTS/$name.$kind.$r.time" >> "$RESULTS/$name.$kind.cpu"
      awk -F': ' '/Maximum resident set size/{print $2}' "$RESULTS/$name.$kind.$r.time" >> "$RESULTS/$name.$kind.rss"
      note "  $name $kind run $r: $(tail -1 "$RESULTS/$name.$kind.walls") s; $(grep '^Images:' "$log")"
    done
  done
  local images cold_made warm_made warm_reused copies copies_mb cache_mb
  images=$(find "$site/content" -name '*.png' -o -name '*.jpg' -o -name '*.svg' | wc -l)
  cold_made=$(sed -n 's/^Bilder: \([0-9]*\) gjorda.*/\1/p' "$RESULTS/$name.cold.1.log")
  warm_made=$(sed -n 's/^Bilder: \([0-9]*\) gjorda.*/\1/p' "$RESULTS/$name.warm.1.log")
  warm_reused=$(sed -n 's/^Bilder: [0-9]* gjorda, \([0-9]*\) från.*/\1/p' "$RESULTS/$name.warm.1.log")
  copies=$(find "$out/processed_images" -type f 2>/dev/null | wc -l)
  copies_mb=$(mb1 "$(du -sb "$out/processed_images" 2>/dev/null | cut -f1 || echo 0)")
  cache_mb=$(mb1 "$(du -sb "$site/.lots-cache" | cut -f1)")
  local cw ww cc wc cr wr
  cw=$(median < "$RESULTS/$name.cold.walls"); ww=$(median < "$RESULTS/$name.warm.walls")
  cc=$(median < "$RESULTS/$name.cold.cpu"); wc=$(median < "$RESULTS/$name.warm.cpu")
  cr=$(awk -v k="$(median < "$RESULTS/$name.cold.rss")" 'BEGIN{printf "%.0f", k/1024}')
  wr=$(awk -v k="$(median < "$RESULTS/$name.warm.rss")" 'BEGIN{printf "%.0f", k/1024}')
  printf '| %s | %s | %s | %s / %s | %s / %s | %s / %s | %s, %s made | %s (%s MB) | %s |\n' \
    "$name" "$images" "$cold_made" "$cw" "$ww" "$cc" "$wc" "$cr" "$wr" "$warm_reused" "${warm_made:-?}" \
    "$copies" "$copies_mb" "$cache_mb" >> "$ROWS"
}

ROWS=$(mktemp)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for case_name in $CASES; do
  case $case_name in
    corpus) run_case corpus "$CORPUS/lots" ;;
    photos)
      site_root "$CORPUS/lots-photos"
      if [ ! -f "$CORPUS/lots-photos/.photos" ] || [ "$CORPUS/lots-photos/.content-copied" -nt "$CORPUS/lots-photos/.photos" ]; then
        note "writing large diagrams into $CORPUS/lots-photos/content"
        make_photos "$CORPUS/lots-photos/content"
        touch "$CORPUS/lots-photos/.photos"
      fi
      run_case photos "$CORPUS/lots-photos" ;;
    *) die "unknown case '$case_name' (corpus, photos)" ;;
  esac
done

REPORT=$BENCH_DIR/images-report.md
{
  echo "## Images"
  echo ""
  echo "$N pages, \`benches/images.sh\` ($(date -u '+%Y-%m-%d'); $(nproc) CPUs; load average at the start: $LOAD_START, at the end: $(cut -d' ' -f1-3 /proc/loadavg); RUNS=$RUNS, medians; lots $("$LOTS" --version 2>/dev/null | awk '{print $2}'))."
  echo "Cold: \`.lots-cache/\` deleted before each build; warm: cache kept (a rebuild with nothing changed). Output folder fresh every time."
  echo ""
  echo "| case | images | made cold | wall s cold / warm | CPU s cold / warm | peak RSS MB cold / warm | warm: from cache, made | srcset copies (MB) | cache MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$ROWS"
  echo ""
  echo "(raw runs and logs: $RESULTS)"
} | tee "$REPORT"
rm -f "$ROWS"
note "report written to $REPORT"
