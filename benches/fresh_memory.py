#!/usr/bin/env python3
"""What this machine's kernel charges for memory a process has not used before.

A build at 100,000 pages needs about ten times the memory and writes ten times the bytes of
one at 10,000 pages. On a bare machine the kernel's share of that work grows with the bytes.
On a virtual machine whose guest gives freed memory back to its host (virtio-balloon free
page reporting: `page_reporting.page_reporting_order` on the kernel command line) it can grow
much faster: memory recently freed in the guest is cheap to take again, memory the host took
back costs a fault on the host as well. This script shows which kind of machine it runs on,
without lots, so that a build's growth from 10,000 to 100,000 pages can be read against it.

For each size it writes that many files of 22 KB (about a built page) into a folder on tmpfs,
and separately fills that many times 22 KB of anonymous memory, and reports the kernel time
of each per GB. Sizes are page counts: `benches/fresh_memory.py 10000 100000`.

Variables: TMPFS_DIR (default /dev/shm), PAGE_BYTES (default 22000), PAUSE (seconds to wait
before each measure, so the guest can give back what the one before freed; default 10).
"""

import os
import shutil
import sys
import time

PAGE_BYTES = int(os.environ.get("PAGE_BYTES", "22000"))
TMPFS_DIR = os.environ.get("TMPFS_DIR", "/dev/shm")
PAUSE = float(os.environ.get("PAUSE", "10"))


def kernel_seconds(work):
    """Runs `work` and returns (wall, kernel CPU seconds) it took in this process."""
    before, started = os.times(), time.monotonic()
    work()
    after = os.times()
    return time.monotonic() - started, after.system - before.system


def write_files(pages, folder):
    block = os.urandom(PAGE_BYTES)

    def work():
        for i in range(pages):
            if i % 1000 == 0:
                os.makedirs(f"{folder}/{i // 1000}", exist_ok=True)
            with open(f"{folder}/{i // 1000}/{i}.html", "wb") as f:
                f.write(block)

    return work


def fill_memory(pages):
    def work():
        # bytes(...) * n writes every byte, so every page of it is touched.
        filled = b"\x01" * (pages * PAGE_BYTES)
        del filled

    return work


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10000, 100000]
    folder = os.path.join(TMPFS_DIR, f"lots-fresh-memory-{os.getpid()}")
    print(f"| pages | GB | what | wall s | kernel s | kernel s per GB |")
    print(f"|---:|---:|---|---:|---:|---:|")
    try:
        for pages in sizes:
            gb = pages * PAGE_BYTES / 1e9
            for what, work in (
                ("files on tmpfs", write_files(pages, folder)),
                ("anonymous memory", fill_memory(pages)),
            ):
                time.sleep(PAUSE)
                wall, kernel = kernel_seconds(work)
                shutil.rmtree(folder, ignore_errors=True)
                print(
                    f"| {pages:,} | {gb:.2f} | {what} | {wall:.2f} | {kernel:.2f} "
                    f"| {kernel / gb:.2f} |",
                    flush=True,
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
