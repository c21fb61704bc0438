#!/usr/bin/env python3
"""Whole-tree cost: mllint on a source tree of N small files against a plain walk that reads the
first 4 KiB of every file (the issue's yardstick: mllint should cost at most 1.5x the walk).

    bench/many_files.py [--files 50000] [--runs 3] [--keep DIR]

Prints the minimum wall time of each command over the runs and their ratio. Uses only the
standard library and /usr/bin/time-free timing (time.perf_counter around subprocesses).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WALK = """
import os, sys
n = 0
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        with open(os.path.join(d, f), "rb") as fh:
            n += len(fh.read(4096))
print(n)
"""
KINDS = [
    ("src/mod{}.py", "import os\n\ndef f{0}(x):\n    return x + {0}\n"),
    ("src/c/file{}.c", "#include <stdio.h>\nint f{0}(void) {{ return {0}; }}\n"),
    ("doc/page{}.md", "# Page {0}\n\nSome text about page {0}.\n"),
    ("data/blob{}.bin", None),
]


def make_tree(root: Path, count: int) -> None:
    (root / "debian" / "source").mkdir(parents=True)
    (root / "debian" / "control").write_text("Source: bench\n\nPackage: bench\nArchitecture: all\n")
    (root / "debian" / "changelog").write_text(
        "bench (1.0-1) unstable; urgency=medium\n\n  * Bench.\n\n"
        " -- B <b@example.org>  Mon, 30 Nov 2026 12:00:00 +0000\n")
    for i in range(count):
        pattern, text = KINDS[i % len(KINDS)]
        path = root / pattern.format(i)
        path = path.parent / f"d{i // 500}" / path.name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.write_bytes(os.urandom(64) + bytes(i % 300))
        else:
            path.write_text(text.format(i))


def best(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="mllint-bench-"))
    tree = tmp / "tree"
    if not tree.exists():
        make_tree(tree, args.files)
    try:
        walk = best([sys.executable, "-c", WALK, str(tree)], args.runs)
        lint = best([sys.executable, "-m", "mllint", "-L", ">=classification", str(tree)],
                    args.runs)
        print(f"files={args.files} walk+4KiB={walk:.2f}s mllint={lint:.2f}s "
              f"ratio={lint / walk:.2f}")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
