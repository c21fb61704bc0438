"""Write large pickles by streaming opcodes, then walk them and report time and peak RSS.

    python bench/pickle_walk.py /tmp/bench-pickles --gib 1

Two shapes: ``arrays`` (a state-dict-like pickle whose bulk is BINBYTES8 arguments, the shape
of numpy/torch pickles: the walker must seek past nearly all of it) and ``small`` (a list of
small dicts: one opcode every few bytes, the walker's worst case for time). Each walk runs in a
fresh subprocess so that peak RSS is the walker's own. Nothing here unpickles anything.
"""

from __future__ import annotations

import argparse
import struct
import subprocess
import sys
from pathlib import Path

CHUNK = 1 << 20  # bytes per BINBYTES8 argument in the arrays shape


def s(text: str) -> bytes:
    return b"\x8c" + bytes([len(text)]) + text.encode()


def write_arrays(path: Path, size: int) -> None:
    with path.open("wb") as out:
        out.write(b"\x80\x04}(")
        for i in range(size // CHUNK):
            out.write(s(f"layer{i}.weight") + b"\x8e" + struct.pack("<Q", CHUNK))
            out.write(bytes(CHUNK))
        out.write(b"u" + s("collections") + s("OrderedDict") + b"\x93)R.")


def write_small(path: Path, size: int) -> None:
    item = b"}(" + s("w") + b"G?\xe0\0\0\0\0\0\0" + s("name") + s("x" * 10) + b"ua"
    with path.open("wb") as out:
        out.write(b"\x80\x04]")
        for _ in range(size // len(item)):
            out.write(item)
        out.write(b".")


WALK = """
import resource, sys, time
from mllint.formats.pickle import scan_pickles
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    f.seek(0, 2)
    r = scan_pickles(f, 0, f.tell())
dt = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{dt:.2f} s, peak RSS +{(peak - base) // 1024} MiB, globals {r.globals}, error {r.error}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--gib", type=float, default=1.0, help="size of the arrays pickle")
    parser.add_argument("--small-mib", type=float, default=32.0, help="size of the small pickle")
    args = parser.parse_args()
    args.directory.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parents[1]
    for name, writer, size in (("arrays", write_arrays, int(args.gib * (1 << 30))),
                               ("small", write_small, int(args.small_mib * (1 << 20)))):
        path = args.directory / f"{name}.pkl"
        writer(path, size)
        out = subprocess.run([sys.executable, "-c", WALK, str(path)], cwd=root, check=True,
                             capture_output=True, text=True).stdout.strip()
        print(f"{name}: {path.stat().st_size / (1 << 20):.0f} MiB: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
