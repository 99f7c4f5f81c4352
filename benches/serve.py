#!/usr/bin/env python3
"""Edit-to-served latency of `lots serve` (and `zola serve` when a zola binary is on PATH).

Starts the server on a corpus made by ../shared/bench/gen_corpus.py, saves one page with a new
marker word (or edits a template), and polls the page over HTTP until the marker is served.
Reports the median over RUNS edits. Standard library only.

Usage: benches/serve.py [PAGES] [RUNS]     (defaults: 10000 10)
"""
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

REPO = pathlib.Path(__file__).resolve().parent.parent
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
WORK = pathlib.Path(os.environ.get("BENCH_DIR", "/tmp/lots-bench"))
# Seconds between edits: after serving an edited page, serve rebuilds the search index
# (about a second at 10,000 pages), and an edit that arrives meanwhile waits for it.
PAUSE = float(os.environ.get("PAUSE", "2.0"))
CONFIG = """title: "Förebyggande arbete mot våldsbejakande extremism"
base_url: "https://example.org"
language: sv
taxonomies:
  - name: tags
"""


def corpus(pages):
    root = WORK / f"corpus-{pages}"
    if not (root / "zola").is_dir():
        subprocess.run([sys.executable, str(GEN), "--pages", str(pages), "--seed", "1", "--out", str(root)], check=True)
    site = WORK / f"serve-{pages}"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    shutil.copytree(root / "zola" / "content", site / "content")
    (site / "config.yaml").write_text(CONFIG, encoding="utf-8")
    return root, site


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def wait_for(url, marker, limit=60.0):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if marker in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.002)
    raise SystemExit(f"timed out waiting for {marker} at {url}")


def pick_page(content):
    for path in sorted(content.rglob("*.md")):
        if path.name != "_index.md" and path.name != "index.md":
            return path
    raise SystemExit("no page found")


def measure(cmd, cwd, base, page, runs, template=None):
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(base, "<", limit=300)
        original = page.read_text(encoding="utf-8")
        edits = []
        for i in range(runs):
            marker = f"Markord{i}x{int(time.time())}"
            page.write_text(original.replace("\n---\n", f"\n---\n\n{marker}\n", 1), encoding="utf-8")
            edits.append(wait_for(base, marker))
            time.sleep(PAUSE)
        page.write_text(original, encoding="utf-8")
        tmpl = []
        if template is not None:
            path, text = template
            for i in range(max(1, runs // 3)):
                marker = f"Mallord{i}x{int(time.time())}"
                path.write_text(text.replace("<main>", f"<main><p>{marker}</p>"), encoding="utf-8")
                tmpl.append(wait_for(base, marker))
                time.sleep(0.5)
        return edits, tmpl
    finally:
        proc.terminate()
        proc.wait()


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    lots = REPO / "target" / "release" / "lots"
    if not lots.exists():
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    root, site = corpus(pages)
    page = pick_page(site / "content")
    rel = page.relative_to(site / "content").with_suffix("")
    port = free_port()
    templates = site / "templates"
    templates.mkdir(exist_ok=True)
    # Template edits: a site template that overrides the theme's page.html for every page.
    tpl_text = (REPO / "themes" / "lots" / "templates" / "page.html").read_text(encoding="utf-8")
    tpl_text = tpl_text.replace("{% block content %}", "{% block content %}<main></main>", 1)
    (templates / "page.html").write_text(tpl_text, encoding="utf-8")
    cmd = [str(lots), "serve", "--root", str(site), "--port", str(port)]
    url = f"http://127.0.0.1:{port}/{rel.as_posix()}/"
    edits, tmpl = measure(cmd, site, url, page, runs, (templates / "page.html", tpl_text))
    print(f"| tool | pages | one-page edit → served, median ms | template edit → served, median ms |")
    print(f"|---|---:|---:|---:|")
    print(f"| lots | {pages} | {statistics.median(edits) * 1000:.0f} | {statistics.median(tmpl) * 1000:.0f} |")
    if shutil.which("zola"):
        zsite = root / "zola"
        zport = free_port()
        zpage = zsite / "content" / page.relative_to(site / "content")
        zcmd = ["zola", "serve", "--port", str(zport), "--interface", "127.0.0.1"]
        zedits, _ = measure(zcmd, zsite, f"http://127.0.0.1:{zport}/{rel.as_posix()}/", zpage, runs)
        print(f"| zola | {pages} | {statistics.median(zedits) * 1000:.0f} | |")
    else:
        print("(zola is not on PATH here, so `zola serve` was not measured side by side)")


if __name__ == "__main__":
    main()
