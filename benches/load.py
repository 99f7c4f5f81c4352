#!/usr/bin/env python3
"""Load test of `lots serve`: many readers while a writer saves a page again and again.

Starts `lots serve` on a copy of a site (the example site in content/, or a corpus of
benches/corpus.py), then for DURATION seconds runs CLIENTS threads that fetch pages and
search-index files in parallel, each over its own kept-alive connection, while one writer
saves a page with a new marker word every EDIT_EVERY seconds. Reports requests per second,
errors, latency percentiles, the server's resident memory at the start, the end and its peak,
and whether the page served after the last edit shows that edit (no stale page).

Usage: benches/load.py [example|PAGES]           (default: example)
  env: CLIENTS=200 DURATION=60 EDIT_EVERY=0.1 LOTS=target/release/lots
       BENCH_DIR (corpora, as benches/lib.sh)
Standard library only. Prints a Markdown section for BENCHMARKS.md on stdout.
"""
import http.client
import os
import pathlib
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

REPO = pathlib.Path(__file__).resolve().parent.parent
WORK = pathlib.Path(os.environ.get("BENCH_DIR") or pathlib.Path(tempfile.gettempdir()) / "lots-bench")
CLIENTS = int(os.environ.get("CLIENTS", "200"))
DURATION = float(os.environ.get("DURATION", "60"))
EDIT_EVERY = float(os.environ.get("EDIT_EVERY", "0.1"))
LOTS = pathlib.Path(os.environ.get("LOTS") or REPO / "target" / "release" / "lots")


def site_copy(which, into):
    """A fresh copy of the site to serve, so the edits never touch the original."""
    if which == "example":
        shutil.copytree(REPO / "content", into / "content")
        shutil.copy(REPO / "config.yaml", into / "config.yaml")
        for extra in ("templates", "static"):
            if (REPO / extra).is_dir():
                shutil.copytree(REPO / extra, into / extra)
        return into
    pages = int(which)
    corpus = WORK / f"corpus-{pages}"
    if not (corpus / "lots").is_dir():
        subprocess.run([sys.executable, str(REPO / "benches" / "corpus.py"), "--pages", str(pages),
                        "--seed", "1", "--out", str(corpus)], check=True)
    shutil.copytree(corpus / "lots" / "content", into / "content")
    shutil.copy(corpus / "lots" / "config.yaml", into / "config.yaml")
    return into


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def get(base, path, timeout=10):
    with urllib.request.urlopen(base + path, timeout=timeout) as r:
        return r.read()


def urls_to_fetch(site, base):
    """Every page of the sitemap and every search file, as paths: what readers ask for."""
    built = site.parent / "built"
    subprocess.run([str(LOTS), "build", "--root", str(site), "--output", str(built)], check=True,
                   stdout=subprocess.DEVNULL)
    search = sorted("/" + p.relative_to(built).as_posix() for p in (built / "search").rglob("*") if p.is_file())
    # Under serve, the sitemap names the pages at the server's own address.
    tree = ET.fromstring(get(base, "/sitemap.xml"))
    pages = [urllib.parse.urlsplit(loc.text).path for loc in tree.iter() if loc.tag.endswith("loc")]
    shutil.rmtree(built)
    return pages, search


class Reader(threading.Thread):
    def __init__(self, port, paths, stop, seed):
        super().__init__(daemon=True)
        self.port, self.paths, self.stop, self.rng = port, paths, stop, random.Random(seed)
        self.latencies, self.errors, self.samples = [], 0, []

    def run(self):
        conn = None
        while not self.stop.is_set():
            path = self.rng.choice(self.paths)
            start = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("GET", urllib.parse.quote(path))
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    self.errors += 1
                    self.samples.append(f"{response.status} {path}")
            except Exception as err:  # a dropped connection counts, and a new one is made
                self.errors += 1
                self.samples.append(f"{type(err).__name__} {path}")
                conn = None
                continue
            self.latencies.append(time.perf_counter() - start)


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "example"
    if not LOTS.exists():
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="lots-load-"))
    site = site_copy(which, tmp / "site")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(tmp / "serve.log", "w")
    server = subprocess.Popen([str(LOTS), "serve", "--root", str(site), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        started = time.time()
        while True:
            try:
                get(base, "/")
                break
            except Exception:
                if server.poll() is not None or time.time() - started > 900:
                    raise SystemExit(f"lots serve did not start; see {tmp / 'serve.log'}")
                time.sleep(0.2)
        pages, search = urls_to_fetch(site, base)
        edited = next(p for p in sorted((site / "content").rglob("*.md")) if not p.name.startswith("_"))
        edited_url = "/" + edited.relative_to(site / "content").with_suffix("").as_posix() + "/"
        if edited.name == "index.md":
            edited_url = "/" + edited.parent.relative_to(site / "content").as_posix() + "/"
        original = edited.read_text(encoding="utf-8")
        rss_start = rss_mb(server.pid)
        stop = threading.Event()
        readers = [Reader(port, pages + search, stop, seed) for seed in range(CLIENTS)]
        peak = [rss_start]

        def watch():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_mb(server.pid))
                time.sleep(0.5)

        threading.Thread(target=watch, daemon=True).start()
        for reader in readers:
            reader.start()
        began = time.perf_counter()
        edits, last, rss_mid = 0, None, None
        while time.perf_counter() - began < DURATION:
            if rss_mid is None and time.perf_counter() - began >= DURATION / 2:
                rss_mid = rss_mb(server.pid)
            last = f"Lastord{edits}x{int(time.time())}"
            edited.write_text(original + f"\n\n{last}\n", encoding="utf-8")
            edits += 1
            time.sleep(EDIT_EVERY)
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
        elapsed = time.perf_counter() - began
        # The page after the last edit must show it (allow the server its usual reaction time).
        shown_after = None
        waited = time.perf_counter()
        while time.perf_counter() - waited < 10:
            if last.encode() in get(base, edited_url):
                shown_after = time.perf_counter() - waited
                break
            time.sleep(0.01)
        rss_end = rss_mb(server.pid)
        edited.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait()
        log.close()
    latencies = sorted(l for r in readers for l in r.latencies)
    errors = sum(r.errors for r in readers)
    samples = [s for r in readers for s in r.samples][:5]
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    print(f"## Load: `lots serve` under {CLIENTS} readers and an edit every {EDIT_EVERY * 1000:.0f} ms")
    print()
    print(f"Measured by `benches/load.py {which}` on {time.strftime('%Y-%m-%d', time.gmtime())} "
          f"({os.cpu_count()} cores, load average {' '.join(open('/proc/loadavg').read().split()[:3])} at the end); "
          f"{len(pages)} pages and {len(search)} search files asked for at random, {elapsed:.0f} s, {edits} edits of `{edited_url}`.")
    print()
    print("| requests | per second | errors | p50 ms | p99 ms | max ms | RSS start MB | RSS halfway MB | RSS end MB | RSS peak MB | last edit served |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    stale = "yes, after %.0f ms" % (shown_after * 1000) if shown_after is not None else "NO (stale page)"
    print(f"| {len(latencies) + errors} | {len(latencies) / elapsed:.0f} | {errors} | {q[49] * 1000:.1f} | "
          f"{q[98] * 1000:.1f} | {latencies[-1] * 1000 if latencies else float('nan'):.1f} | {rss_start:.0f} | "
          f"{rss_mid or float('nan'):.0f} | {rss_end:.0f} | {peak[0]:.0f} | {stale} |")
    if samples:
        print()
        print("First errors: " + "; ".join(samples))
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if errors or shown_after is None else 0)


if __name__ == "__main__":
    main()
