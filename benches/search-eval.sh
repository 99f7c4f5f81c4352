#!/usr/bin/env bash
# Search quality of the example site (content/): every query of benches/search-eval/queries.json
# through lots' search box in headless Chromium (http:// and file://) and through Pagefind on the
# same HTML. Prints a Markdown report (top-1, top-3, MRR, per kind, misses) on stdout.
#
# Usage: benches/search-eval.sh [--min-top3 PERCENT] [--json FILE]   (passed to search-eval.mjs)
#   env: LOTS=path/to/lots           binary (default: target/release/lots, built when missing)
#        BENCH_DIR=${TMPDIR:-/tmp}/lots-bench   the built site, the Pagefind install and its indexed copy
#        PAGEFIND_VERSION=1.4.0      the npm package pagefind installed into BENCH_DIR/pagefind
#        CHROMIUM=/usr/bin/chromium  the browser (see tests/browser/chromium.mjs)
#
# Needs node and npm (playwright-core comes from the repository's package-lock.json).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/lots-bench}
PAGEFIND_VERSION=${PAGEFIND_VERSION:-1.4.0}

note() { echo "search-eval.sh: $*" >&2; }
die() { note "$*"; exit 1; }

if [ -z "${LOTS:-}" ]; then
  LOTS=$REPO/target/release/lots
  if [ ! -x "$LOTS" ]; then
    note "building lots (cargo build --release)"
    (cd "$REPO" && cargo build --release >&2) || die "cargo build --release failed"
  fi
fi
[ -x "$LOTS" ] || die "LOTS=$LOTS is not an executable"

if [ ! -d "$REPO/node_modules/playwright-core" ]; then
  note "installing the browser test packages (npm ci)"
  (cd "$REPO" && npm ci --no-audit --no-fund >&2) || die "npm ci failed"
fi

# Pagefind lives outside the repository so that its ~70 MB binary never ends up in a commit.
PF_DIR=$BENCH_DIR/pagefind
PF_BIN=$PF_DIR/node_modules/@pagefind/linux-x64/bin/pagefind_extended
if [ "$(cat "$PF_DIR/.version" 2>/dev/null)" != "$PAGEFIND_VERSION" ] || [ ! -x "$PF_BIN" ]; then
  note "installing pagefind@$PAGEFIND_VERSION into $PF_DIR"
  mkdir -p "$PF_DIR"
  npm install --prefix "$PF_DIR" --no-audit --no-fund --save-exact "pagefind@$PAGEFIND_VERSION" >&2 \
    || die "npm install pagefind@$PAGEFIND_VERSION failed"
  echo "$PAGEFIND_VERSION" >"$PF_DIR/.version"
fi
[ -x "$PF_BIN" ] || die "no Pagefind binary at $PF_BIN (only linux-x64 is wired up)"

SITE=$BENCH_DIR/search-eval-site
note "building the example site into $SITE"
(cd "$REPO" && "$LOTS" build --output "$SITE" >&2) || die "lots build failed"

exec node "$HERE/search-eval.mjs" --site "$SITE" --pagefind "$PF_BIN" --work "$BENCH_DIR" "$@"
