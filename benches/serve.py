#!/usr/bin/env python3
"""Edit-to-served latency of `lots serve` beside `hugo server` (and `zola serve` when a zola
binary is on PATH), on the same generated corpus.

Starts each server on a corpus made by benches/corpus.py, times how long until the page is
first served, saves one page with a new
marker word (or edits the template every page uses), and polls the page over HTTP until the
marker is served. Reports the median over RUNS edits. Standard library only.

Usage: benches/serve.py [PAGES] [RUNS]     (defaults: 10000 10)
"""
import os
import pathlib
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

REPO = pathlib.Path(__file__).resolve().parent.parent
GEN = REPO / "benches" / "corpus.py"
# The corpora are shared with the shell scripts (benches/lib.sh): BENCH_DIR, else
# $TMPDIR/lots-bench.
WORK = pathlib.Path(os.environ.get("BENCH_DIR") or pathlib.Path(tempfile.gettempdir()) / "lots-bench")
# Seconds between edits, as a writer saves: each server finishes its work around an edit
# (lists, search) before the next one.
PAUSE = float(os.environ.get("PAUSE", "1.0"))
CONFIG = """title: "Förebyggande arbete mot våldsbejakande extremism"
base_url: "https://example.org"
language: sv
taxonomies:
  - name: tags
"""


def corpus(pages):
    root = WORK / f"corpus-{pages}"
    if not all((root / layout).is_dir() for layout in ("lots", "zola", "hugo")):
        subprocess.run([sys.executable, str(GEN), "--pages", str(pages), "--seed", "1", "--out", str(root)], check=True)
    site = WORK / f"serve-{pages}"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    shutil.copytree(root / "lots" / "content", site / "content")
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


class TimedOut(Exception):
    """A server did not serve what it was waiting for in time (at 100,000 pages `hugo server`
    has missed an edit): that edit is reported as lost, and the run goes on."""


def wait_for(url, marker, limit=60.0):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if marker in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.002)
    raise TimedOut(f"timed out waiting for {marker} at {url}")


def pick_page(content):
    for path in sorted(content.rglob("*.md")):
        if path.name != "_index.md" and path.name != "index.md":
            return path
    raise SystemExit("no page found")


def show(events_url):
    """Holds the event stream open as the reload script in a browser showing the page does
    (lots renders the pages browsers show first after a template edit)."""
    def run():
        try:
            with urllib.request.urlopen(events_url, timeout=3600) as stream:
                while stream.read(1024):
                    pass
        except Exception:
            pass
    threading.Thread(target=run, daemon=True).start()
    time.sleep(0.3)


def measure(cmd, cwd, url, page, runs, template=None, events_url=None):
    """Seconds from start to the page served, and lists of edit→served and template
    edit→served seconds for one server."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        try:
            started = wait_for(url, "<", limit=600)
        except TimedOut as never:
            raise SystemExit(f"{cmd[0]} never served: {never}") from None
        if events_url:
            show(events_url)
        original = page.read_text(encoding="utf-8")
        edits = []
        for i in range(runs):
            marker = f"Markord{i}x{int(time.time())}"
            page.write_text(original.replace("\n---\n", f"\n---\n\n{marker}\n", 1), encoding="utf-8")
            try:
                edits.append(wait_for(url, marker))
            except TimedOut as lost:
                print(lost, file=sys.stderr)
                edits.append(None)
            time.sleep(PAUSE)
        page.write_text(original, encoding="utf-8")
        time.sleep(PAUSE)
        tmpl = []
        if template is not None:
            path, text, anchor = template
            for i in range(max(1, runs // 3)):
                marker = f"Mallord{i}x{int(time.time())}"
                path.write_text(text.replace(anchor, f"{anchor}<p>{marker}</p>", 1), encoding="utf-8")
                try:
                    tmpl.append(wait_for(url, marker, limit=300))
                except TimedOut as lost:
                    print(lost, file=sys.stderr)
                    tmpl.append(None)
                time.sleep(PAUSE * 2)
            path.write_text(text, encoding="utf-8")
        return started, edits, tmpl
    finally:
        proc.terminate()
        proc.wait()


def served(values):
    return [v for v in values if v is not None]


def ms(values):
    """The median in ms of the edits served, and how many were not."""
    seen = served(values)
    median = f"{statistics.median(seen) * 1000:.0f}" if seen else ""
    lost = len(values) - len(seen)
    return f"{median} ({lost} of {len(values)} never served)" if lost else median


def lots_run(pages, runs, site, page, rel):
    lots = REPO / "target" / "release" / "lots"
    if not lots.exists():
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    templates = site / "templates"
    templates.mkdir(exist_ok=True)
    # Template edits: a site template that overrides the theme's page.html for every page.
    text = (REPO / "themes" / "lots" / "templates" / "page.html").read_text(encoding="utf-8")
    text = text.replace("{% block content %}", "{% block content %}<main></main>", 1)
    (templates / "page.html").write_text(text, encoding="utf-8")
    port = free_port()
    cmd = [str(lots), "serve", "--root", str(site), "--port", str(port)]
    url = f"http://127.0.0.1:{port}/{rel.as_posix()}/"
    events = f"http://127.0.0.1:{port}/__lots/events?page=/{urllib.parse.quote(rel.as_posix())}/"
    return measure(cmd, site, url, page, runs, (templates / "page.html", text, "<main>"), events)


def hugo_run(root, pages, runs, rel, fast_render):
    """`hugo server` on a copy of the corpus's Hugo layout (renders to memory, as lots does)."""
    site = WORK / f"serve-hugo-{pages}"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(root / "hugo", site)
    page = site / "content" / rel.with_suffix(".md")
    single = site / "layouts" / "_default" / "single.html"
    port = free_port()
    cmd = ["hugo", "server", "--bind", "127.0.0.1", "--port", str(port), "--disableLiveReload",
           "--cacheDir", str(site / ".cache")]
    if not fast_render:
        cmd.append("--disableFastRender")
    url = f"http://127.0.0.1:{port}/{rel.as_posix()}/"
    return measure(cmd, site, url, page, runs, (single, single.read_text(encoding="utf-8"), "<article>"))


def zola_run(root, runs, rel, page_rel):
    zsite = root / "zola"
    port = free_port()
    cmd = ["zola", "serve", "--port", str(port), "--interface", "127.0.0.1"]
    return measure(cmd, zsite, f"http://127.0.0.1:{port}/{rel.as_posix()}/", zsite / "content" / page_rel, runs)


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    root, site = corpus(pages)
    page = pick_page(site / "content")
    page_rel = page.relative_to(site / "content")
    rel = page_rel.with_suffix("")
    rows = [("lots serve", *lots_run(pages, runs, site, page, rel))]
    if shutil.which("hugo"):
        rows.append(("hugo server (fast render: re-renders the pages a browser has open)",
                     *hugo_run(root, pages, runs, rel, True)))
        rows.append(("hugo server --disableFastRender (re-renders every page)",
                     *hugo_run(root, pages, runs, rel, False)))
    if shutil.which("zola"):
        rows.append(("zola serve", *zola_run(root, runs, rel, page_rel)))
    print(f"{pages} pages, {runs} page edits, {max(1, runs // 3)} template edits, pause {PAUSE} s")
    print("| server | start → page served, s | one-page edit → served, median ms | template edit → served, median ms |")
    print("|---|---:|---:|---:|")
    for name, started, edits, tmpl in rows:
        print(f"| {name} | {started:.1f} | {ms(edits)} | {ms(tmpl)} |")
        shown = [[None if v is None else round(v * 1000) for v in values] for values in (edits, tmpl)]
        print(f"<!-- {name}: edits {shown[0]} templates {shown[1]} (None: never served) -->")
    if served(rows[0][2]) and len(rows) > 1:
        for name, _, edits, _ in rows[1:]:
            if served(edits):
                ratio = statistics.median(served(rows[0][2])) / statistics.median(served(edits))
                print(f"lots / {name.split(' (')[0]}: {ratio:.2f} (one-page edit)")
    if not shutil.which("zola"):
        print("(zola is not on PATH here, so `zola serve` was not measured side by side)")


if __name__ == "__main__":
    main()
