"""Write sparse multi-GB model files and measure each header reader on them.

    python bench/gen_big.py [DIR]          # writes DIR/big.safetensors, big.gguf, big.pt, big.npy
    python bench/gen_big.py DIR --measure  # then runs each reader under /usr/bin/time -v

Tensor data is never written: we seek past it, so a 4 GiB file costs a few MB of disk (sparse)
and seconds to make. The headers are realistic: a GGUF with a 150 000-token vocabulary (the part
gguf's own reader is slow on, model-formats.md §6), a safetensors header with 1 000 tensors,
a zip64 torch archive with one 4 GiB stored storage, and an npy with a 4 GiB payload.
"""

from __future__ import annotations

import json
import pickle
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

SIZE = 4 << 30  # bytes of tensor data per file
ROOT = Path(__file__).resolve().parent.parent


def gstr(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def write_sparse(path: Path, header: bytes, total: int, trailer: bytes = b"") -> None:
    with path.open("wb") as f:
        f.write(header)
        f.seek(total - len(trailer))
        f.write(trailer)
        f.truncate(total)


def safetensors(path: Path) -> None:
    n = 1000
    each = SIZE // n // 4 * 4
    header = {f"layer.{i}.weight": {"dtype": "F32", "shape": [each // 4],
                                    "data_offsets": [i * each, (i + 1) * each]} for i in range(n)}
    header["__metadata__"] = {"format": "pt", "license": "apache-2.0"}
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    write_sparse(path, struct.pack("<Q", len(raw)) + raw, 8 + len(raw) + n * each)


def gguf(path: Path) -> None:
    vocab = 150_000
    kvs = [gstr("general.architecture") + struct.pack("<I", 8) + gstr("llama"),
           gstr("general.license") + struct.pack("<I", 8) + gstr("mit"),
           gstr("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, vocab)
           + b"".join(gstr(f"tok{i}") for i in range(vocab)),
           gstr("tokenizer.ggml.scores") + struct.pack("<IIQ", 9, 6, vocab) + b"\0" * 4 * vocab]
    n = 200
    each = SIZE // n // 32 * 32
    infos = b"".join(gstr(f"blk.{i}.weight") + struct.pack("<IQIQ", 1, each // 4, 0, i * each)
                     for i in range(n))
    body = b"GGUF" + struct.pack("<IQQ", 3, n, len(kvs)) + b"".join(kvs) + infos
    body += b"\0" * (-len(body) % 32)
    write_sparse(path, body, len(body) + n * each)


def torch_zip(path: Path) -> None:
    """A stored zip64 archive: archive/data.pkl, archive/version, a 4 GiB archive/data/0."""
    pkl = pickle.dumps({"w": 1}, protocol=2)
    members = [("archive/data.pkl", pkl), ("archive/version", b"3\n"), ("archive/data/0", None)]
    central = bytearray()
    offsets = []
    with path.open("wb") as f:
        for name, data in members:
            size = SIZE if data is None else len(data)
            crc = 0 if data is None else zlib.crc32(data)
            raw = name.encode()
            offsets.append(f.tell())
            extra = struct.pack("<HHQQ", 1, 16, size, size)
            f.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 45, 0, 0, 0, 0, crc,
                                0xFFFFFFFF, 0xFFFFFFFF, len(raw), len(extra)) + raw + extra)
            if data is None:
                f.seek(size, 1)
            else:
                f.write(data)
            cextra = struct.pack("<HHQQQ", 1, 24, size, size, offsets[-1])
            central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 45, 45, 0, 0, 0, 0, crc,
                                   0xFFFFFFFF, 0xFFFFFFFF, len(raw), len(cextra), 0, 0, 0, 0,
                                   0xFFFFFFFF) + raw + cextra
        cd_offset = f.tell()
        f.write(central)
        z64 = f.tell()
        f.write(struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, len(members),
                            len(members), len(central), cd_offset))
        f.write(struct.pack("<4sIQI", b"PK\x06\x07", 0, z64, 1))
        f.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                            0xFFFFFFFF, 0))


def npy(path: Path) -> None:
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d,), }" % (SIZE // 4)
    header += " " * (-(len(header) + 11) % 64) + "\n"
    prefix = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode()
    write_sparse(path, prefix, len(prefix) + SIZE)


MAKERS = {"big.safetensors": safetensors, "big.gguf": gguf, "big.pt": torch_zip, "big.npy": npy}
READ_ONE = (
    "import sys; from pathlib import Path; from mllint import formats; "
    "p = Path(sys.argv[1]); h = p.open('rb').read(4096); "
    "i = formats.read(p, h, p.stat().st_size, p.name); "
    "print(i.format, i.tensors, i.parameters)"
)


def measure(path: Path) -> str:
    cmd = ["/usr/bin/time", "-v", sys.executable, "-c", READ_ONE, str(path)]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", run.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    return (f"{path.name:18} {path.stat().st_size / 2**30:5.2f} GiB  wall {wall and wall[1]}  "
            f"max RSS {int(rss[1]) / 1024 if rss else 0:6.1f} MB  -> {run.stdout.strip()}")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mllint-bench")
    out.mkdir(parents=True, exist_ok=True)
    for name, make in MAKERS.items():
        if not (out / name).exists():
            make(out / name)
    if "--measure" in sys.argv:
        baseline = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-c", "import mllint"],
                                  capture_output=True, text=True, cwd=ROOT, check=True).stderr
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", baseline)
        print(f"interpreter + import mllint: max RSS {int(rss[1]) / 1024 if rss else 0:.1f} MB")
        for name in MAKERS:
            print(measure(out / name))


if __name__ == "__main__":
    main()
