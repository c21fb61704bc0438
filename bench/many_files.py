#!/usr/bin/env python3
"""Whole-tree cost: mllint on a source tree of N small files against a plain walk that reads the
first 4 KiB of every file (the issue's yardstick: mllint should cost at most 1.5x the walk).

    bench/many_files.py [--files 50000] [--runs 3] [--keep DIR] [--checkout DIR] [--profile N]

Prints the minimum wall and CPU (user+sys) time of each command over the runs, from
``/usr/bin/time`` (bench/timed.py), and their ratios. On a loaded machine the CPU ratio is the
steadier one. ``--checkout`` runs another mllint tree (e.g. main, to measure a change).
``--profile N`` then runs mllint once more under cProfile, timed by CPU time (process_time, so
other sessions' load does not count), and prints the N biggest costs by module (self time) and
by function (cumulative), with the check visits among them.
"""

from __future__ import annotations

import argparse
import collections
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timed import ROOT, timed  # noqa: E402

WALK = """
import os, sys
n = 0
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        with open(os.path.join(d, f), "rb") as fh:
            n += len(fh.read(4096))
print(n)
"""
PROFILE = """
import cProfile, runpy, sys, time
out, tree = sys.argv[1:3]
sys.argv = ["mllint", "-L", ">=classification", tree]
prof = cProfile.Profile(time.process_time)
try:
    prof.runcall(runpy.run_module, "mllint", run_name="__main__")
except SystemExit:
    pass
prof.dump_stats(out)
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


def _module(filename: str, function: str) -> str:
    """A profile entry's owner: mllint/..., checks/..., a stdlib file, or a builtin."""
    for top in ("/mllint/", "/checks/"):
        if top in filename:
            return top[1:] + filename.rsplit(top, 1)[1]
    if filename == "~":
        return "builtin " + function
    return filename.rsplit("/", 1)[-1]


def report(stats_file: Path, top: int) -> None:
    stats = pstats.Stats(str(stats_file))
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(e[2] for e in entries.values()) or 1.0
    by_module: collections.Counter[str] = collections.Counter()
    for (filename, _, function), (_, _, self_time, _, _) in entries.items():
        by_module[_module(filename, function)] += self_time
    print(f"\nprofile (CPU s, self time by module; total {total:.2f}s):")
    for name, t in by_module.most_common(top):
        print(f"  {t:7.2f}s {100 * t / total:5.1f}%  {name}")
    cumulative = sorted(((e[3], _module(k[0], k[2]), k[2]) for k, e in entries.items()
                         if "/mllint/" in k[0] or "/checks/" in k[0]), reverse=True)
    print("cumulative by function (mllint and checks):")
    for t, name, function in cumulative[:top]:
        print(f"  {t:7.2f}s {100 * t / total:5.1f}%  {name}:{function}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--checkout", type=Path, default=ROOT, help="mllint tree on PYTHONPATH")
    ap.add_argument("--profile", type=int, metavar="N", help="print the N biggest costs")
    args = ap.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="mllint-bench-"))
    tree = tmp / "tree"
    if not tree.exists():
        make_tree(tree, args.files)
    try:
        env = {"PYTHONPATH": str(args.checkout.resolve())}
        walk = timed([sys.executable, "-c", WALK, str(tree)], runs=args.runs, env=env)
        lint = timed([sys.executable, "-m", "mllint", "-L", ">=classification", str(tree)],
                     runs=args.runs, env=env, timeout=3600)
        print(f"files={args.files} min over {args.runs} runs, {args.checkout}\n"
              f"  walk+4KiB: wall {walk.wall:.2f}s cpu {walk.cpu:.2f}s RSS {walk.rss_mib:.0f}MiB\n"
              f"  mllint:    wall {lint.wall:.2f}s cpu {lint.cpu:.2f}s RSS {lint.rss_mib:.0f}MiB\n"
              f"  ratio: wall {lint.wall / walk.wall:.2f} cpu {lint.cpu / walk.cpu:.2f} "
              f"(target <= 1.5)")
        if args.profile:
            stats = tmp / "mllint.prof"
            subprocess.run([sys.executable, "-c", PROFILE, str(stats), str(tree)], check=False,
                           stdout=subprocess.DEVNULL, env={**os.environ, **env})
            report(stats, args.profile)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
