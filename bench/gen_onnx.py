"""Write a large monolithic ONNX model by streaming raw protobuf, never holding it in memory.

    python bench/gen_onnx.py /tmp/big.onnx --gib 1
    /usr/bin/time -v python -c 'import sys; from pathlib import Path; \
        from mllint.formats import onnx as o; p = Path(sys.argv[1]); \
        h = p.open("rb").read(4096); print(o.read(p, h, p.stat().st_size).parameters)' /tmp/big.onnx

The file is a valid ModelProto (``onnx.checker`` accepts small ones written the same way): one
MatMul chain over ``count`` float32 initializers of ``tensor_mib`` MiB each, raw_data inline, so
the reader must seek past ~all of the file. Monolithic ONNX is capped at 2 GiB by protobuf.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20  # bytes in a MiB


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def key(number: int, wire: int) -> bytes:
    return varint(number << 3 | wire)


def ld(number: int, payload: bytes) -> bytes:
    """A length-delimited field."""
    return key(number, 2) + varint(len(payload)) + payload


def tensor_head(name: str, floats: int) -> bytes:
    """A TensorProto up to (and including) the key and length of raw_data (field 9)."""
    return (key(1, 0) + varint(floats) + key(2, 0) + varint(1) + ld(8, name.encode())
            + key(9, 2) + varint(floats * 4))


def write(path: Path, count: int, tensor_mib: int) -> int:
    floats = tensor_mib * CHUNK // 4
    names = [f"w{i}" for i in range(count)]
    nodes = b"".join(ld(1, ld(1, b"x" if i == 0 else f"y{i - 1}".encode()) + ld(1, n.encode())
                        + ld(2, f"y{i}".encode()) + ld(4, b"Add"))
                     for i, n in enumerate(names))
    # TypeProto.tensor_type {elem_type FLOAT, shape {dim {dim_value floats}}}
    float_type = ld(2, ld(1, key(1, 0) + varint(1) + ld(2, ld(1, key(1, 0) + varint(floats)))))
    io = ld(11, ld(1, b"x") + float_type) + ld(12, ld(1, f"y{count - 1}".encode()) + float_type)
    tensor_sizes = [len(tensor_head(n, floats)) + floats * 4 for n in names]
    graph_len = len(nodes) + len(ld(2, b"bench")) + len(io) + sum(
        len(key(5, 2)) + len(varint(s)) + s for s in tensor_sizes)
    with path.open("wb") as f:
        f.write(key(1, 0) + varint(9) + ld(2, b"mllint-bench") + ld(3, b"1"))
        f.write(key(7, 2) + varint(graph_len) + nodes + ld(2, b"bench") + io)
        for name, size in zip(names, tensor_sizes, strict=True):
            f.write(key(5, 2) + varint(size) + tensor_head(name, floats))
            _zeros(f, floats * 4)
        f.write(ld(8, key(2, 0) + varint(17)))
    return path.stat().st_size


def _zeros(f: BinaryIO, n: int) -> None:
    """Leave ``n`` zero bytes as a hole: the opset import written after extends the file, and
    the file is sparse (seconds to write, no disk for the weights)."""
    f.seek(n, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--gib", type=float, default=1.0, help="approximate size in GiB")
    parser.add_argument("--tensor-mib", type=int, default=4)
    args = parser.parse_args()
    count = max(1, int(args.gib * 1024 / args.tensor_mib))
    print(f"{args.path}: {write(args.path, count, args.tensor_mib)} bytes")


if __name__ == "__main__":
    main()
