#!/usr/bin/env python3
"""A save from the browser editor (`lots serve --edit`) beside a save from a text editor, on
the same generated corpus: how long from the save until the new text is served.

Starts `lots serve --edit` on a corpus made by benches/corpus.py (the set-up of
benches/serve.py), then alternates, RUNS times each: (1) the page's file is written with a new
marker word, as a text editor saves; (2) the editor's save request (`POST
/__lots/edit/api/save`, with the token and origin the editor page sends) carries a new marker.
Each is timed until the marker is served over HTTP. The editor's preview request is timed too.
Reports medians. Standard library only.

Usage: benches/edit_save.py [PAGES] [RUNS]     (defaults: 10000 10)
"""
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
import serve as common  # noqa: E402  (the corpus and HTTP helpers of benches/serve.py)


def editor_data(base, key):
    page = common.fetch(f"{base}/__lots/edit/page?key={urllib.parse.quote(key)}")
    token = re.search(r'name="lots-edit-token" content="([^"]+)"', page)
    data = re.search(r'<script type="application/json" id="lots-edit-data">(.*?)</script>', page, re.S)
    if not token or not data:
        raise SystemExit("the editor page has no token or data: is --edit on?")
    return token.group(1), json.loads(data.group(1))


def post(base, path, token, payload):
    request = urllib.request.Request(
        f"{base}{path}",
        data=json.dumps(payload).encode("utf-8"),
        headers={"Content-Type": "application/json", "X-Lots-Token": token, "Origin": base},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8"))


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    _, site = common.corpus(pages)
    page = common.pick_page(site / "content")
    key = page.relative_to(site / "content").as_posix()
    lots = common.REPO / "target" / "release" / "lots"
    if not lots.exists():
        subprocess.run(["cargo", "build", "--release"], cwd=common.REPO, check=True)
    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [str(lots), "serve", "--edit", "--root", str(site), "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        token, data = None, None
        common.wait_for(f"{base}/", "<", limit=600)
        token, data = editor_data(base, key)
        url = f"{base}{data['url']}"
        common.show(f"{base}/__lots/events?page={urllib.parse.quote(data['url'])}")
        original = page.read_text(encoding="utf-8")
        text_editor, browser, preview = [], [], []
        for i in range(runs):
            marker = f"Filord{i}x{int(time.time())}"
            page.write_text(original.replace("\n---\n", f"\n---\n\n{marker}\n", 1), encoding="utf-8")
            text_editor.append(common.wait_for(url, marker))
            time.sleep(common.PAUSE)
            token, data = editor_data(base, key)
            marker = f"Formord{i}x{int(time.time())}"
            payload = {"key": key, "section": data["section"], "values": data["values"],
                       "body": f"{marker}\n\n{data['body']}", "version": data["version"]}
            start = time.perf_counter()
            post(base, "/__lots/edit/api/preview", token, payload)
            preview.append(time.perf_counter() - start)
            start = time.perf_counter()
            post(base, "/__lots/edit/api/save", token, payload)
            common.wait_for(url, marker)
            browser.append(time.perf_counter() - start)
            time.sleep(common.PAUSE)
        page.write_text(original, encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait()
    print(f"{pages} pages, {runs} saves of each kind, pause {common.PAUSE} s")
    print("| save | save → served, median ms |")
    print("|---|---:|")
    print(f"| file written (a text editor) | {common.ms(text_editor)} |")
    print(f"| editor's save request (checks the page, then writes it) | {common.ms(browser)} |")
    print(f"| editor's preview request (answered, not served) | {common.ms(preview)} |")
    print(f"<!-- file {[round(t * 1000) for t in text_editor]} editor {[round(t * 1000) for t in browser]} "
          f"preview {[round(t * 1000) for t in preview]} -->")
    ratio = statistics.median(browser) / statistics.median(text_editor)
    print(f"editor save / text-editor save: {ratio:.2f}")


if __name__ == "__main__":
    main()
