#!/usr/bin/env python3
"""Write the benchmark models of issue 3 into a directory, one model per sub-directory.

    python bench/gen_models.py /tmp/mllint-bench-models [--only small|big] [--force]

Big set: a 4 GiB safetensors, a 4 GiB GGUF v3, a 1 GiB monolithic ONNX, a 1 GiB raw pickle
(protocol 4, one BINBYTES8 payload) and a 1 GiB torch-zip style archive. Small set: the same
formats at about 1 MiB. Each file lives alone in ``<dir>/<label>/`` so that a tool taking a
directory (mllint) and a tool taking a file see exactly one model. ``<dir>/manifest.json`` lists
label, format, path and size for bench/readers.py and bench/compare_scanners.py.

Tensor data is all zeros and, except inside the zip (whose CRC needs every byte), is written by
seeking past it, so the files are sparse: generation takes seconds and memory stays flat. Every
byte that is not tensor data is written by hand from the format's spec; no ML library is needed.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_onnx  # noqa: E402  (sibling script, not a package)

GIB = 1 << 30
MIB = 1 << 20
CHUNK = MIB  # bytes written at a time where zeros must really be written (zip CRC)


def _skip(f: BinaryIO, n: int) -> None:
    """Leave ``n`` zero bytes by seeking (a hole); the caller writes or truncates after."""
    f.seek(n, 1)


def _finish(f: BinaryIO) -> None:
    """Make a trailing hole part of the file (seeking alone does not extend it)."""
    f.truncate(f.tell())


# --- safetensors (huggingface/safetensors README "Format") ------------------------------------

def write_safetensors(path: Path, size: int) -> None:
    """u64 LE header length, JSON header (padded with spaces to 8 bytes), tensor data."""
    count = 16
    floats = max(1, (size // count) // 4)
    header: dict[str, object] = {"__metadata__": {"format": "pt", "license": "apache-2.0"}}
    for i in range(count):
        begin = i * floats * 4
        header[f"model.layers.{i}.weight"] = {
            "dtype": "F32", "shape": [floats], "data_offsets": [begin, begin + floats * 4]}
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with path.open("wb") as f:
        f.write(struct.pack("<Q", len(raw)) + raw)
        _skip(f, count * floats * 4)
        _finish(f)


# --- GGUF v3 (ggml docs/gguf.md) -----------------------------------------------------------

GGUF_U32, GGUF_STRING, GGUF_ARRAY = 4, 8, 9


def _gstr(s: str) -> bytes:
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def _kv_str(key: str, value: str) -> bytes:
    return _gstr(key) + struct.pack("<I", GGUF_STRING) + _gstr(value)


def _kv_u32(key: str, value: int) -> bytes:
    return _gstr(key) + struct.pack("<II", GGUF_U32, value)


def _kv_str_array(key: str, values: list[str]) -> bytes:
    return (_gstr(key) + struct.pack("<IIQ", GGUF_ARRAY, GGUF_STRING, len(values))
            + b"".join(_gstr(v) for v in values))


def write_gguf(path: Path, size: int) -> None:
    """Magic, version 3, counts, KVs (incl. general.license and a 32k-token vocabulary as real
    files carry), tensor infos (F32, 2-D), padding to general.alignment, tensor data."""
    alignment = 32
    count = 16
    floats = max(alignment, (size // count) // 4 // alignment * alignment)
    rows = 1024 if floats % 1024 == 0 else 1
    kvs = [
        _kv_str("general.architecture", "llama"),
        _kv_str("general.name", "mllint bench"),
        _kv_str("general.license", "mit"),
        _kv_str("general.author", "mllint"),
        _kv_u32("general.alignment", alignment),
        _kv_str("tokenizer.ggml.model", "llama"),
        _kv_str_array("tokenizer.ggml.tokens", [f"tok{i}" for i in range(32_000)]),
    ]
    infos = b"".join(
        _gstr(f"blk.{i}.weight") + struct.pack("<I", 2) + struct.pack("<QQ", floats // rows, rows)
        + struct.pack("<IQ", 0, i * floats * 4)  # ggml type 0 = F32, offset into the data
        for i in range(count))
    head = b"GGUF" + struct.pack("<IQQ", 3, count, len(kvs)) + b"".join(kvs) + infos
    head += b"\x00" * (-len(head) % alignment)
    with path.open("wb") as f:
        f.write(head)
        _skip(f, count * floats * 4)
        _finish(f)


# --- ONNX (bench/gen_onnx.py) ----------------------------------------------------------------

def write_onnx(path: Path, size: int) -> None:
    tensor_mib = 4 if size >= 64 * MIB else 1
    gen_onnx.write(path, max(1, size // (tensor_mib * MIB)), tensor_mib)


# --- raw pickle, protocol 4 (CPython Lib/pickletools.py opcode table) ------------------------

def _short_unicode(s: str) -> bytes:
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b  # SHORT_BINUNICODE


def _stack_global(module: str, name: str) -> bytes:
    return _short_unicode(module) + _short_unicode(name) + b"\x93\x94"  # STACK_GLOBAL, MEMOIZE


def write_pickle(path: Path, size: int) -> None:
    """OrderedDict({"meta": {"epoch": 3, "arch": "mlp"}, "weight": bytearray(<payload>)}).

    The payload is one BINBYTES8 (outside any frame, as CPython writes large bytes); the globals
    are collections.OrderedDict and builtins.bytearray, both on every scanner's safe list.
    """
    payload = max(1, size - 256)
    with path.open("wb") as f:
        f.write(b"\x80\x04"  # PROTO 4
                + _stack_global("collections", "OrderedDict") + b")R\x94"  # EMPTY_TUPLE REDUCE
                + b"("  # MARK
                + _short_unicode("meta") + b"}\x94("  # EMPTY_DICT MEMOIZE MARK
                + _short_unicode("epoch") + b"K\x03"  # BININT1
                + _short_unicode("arch") + _short_unicode("mlp") + b"u"  # SETITEMS
                + _short_unicode("weight") + _stack_global("builtins", "bytearray")
                + b"\x8e" + struct.pack("<Q", payload))  # BINBYTES8 + length
        _skip(f, payload)
        f.write(b"\x85R\x94u.")  # TUPLE1 REDUCE MEMOIZE SETITEMS STOP


# --- torch-zip style archive (torch/serialization.py layout, written by hand) -----------------

def _torch_data_pkl(elements: int) -> bytes:
    """Protocol 2 pickle of OrderedDict({"weight": _rebuild_tensor_v2(storage, 0, (n,), (1,),
    False, OrderedDict())}) with the storage as a persistent id ("storage", FloatStorage, "0",
    "cpu", n), as torch.save writes a state_dict."""

    def uni(s: str) -> bytes:
        b = s.encode()
        return b"X" + struct.pack("<I", len(b)) + b  # BINUNICODE

    def glob(module: str, name: str) -> bytes:
        return b"c" + module.encode() + b"\n" + name.encode() + b"\n"  # GLOBAL

    n = struct.pack("<i", elements)
    return (b"\x80\x02" + glob("collections", "OrderedDict") + b")R" + uni("weight")
            + glob("torch._utils", "_rebuild_tensor_v2") + b"("  # MARK
            + b"(" + uni("storage") + glob("torch", "FloatStorage") + uni("0") + uni("cpu")
            + b"J" + n + b"tQ"  # BININT TUPLE BINPERSID
            + b"K\x00" + b"J" + n + b"\x85" + b"K\x01\x85" + b"\x89"  # offset size stride False
            + glob("collections", "OrderedDict") + b")R" + b"tRs.")  # TUPLE REDUCE SETITEM STOP


def write_torch_zip(path: Path, size: int) -> None:
    """archive/data.pkl, archive/byteorder, archive/data/0 (``size`` bytes of float32 zeros,
    streamed through zipfile so the CRC is right), archive/version; all ZIP_STORED."""
    elements = max(1, size // 4)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", _torch_data_pkl(elements))
        z.writestr("archive/byteorder", "little")
        with z.open("archive/data/0", "w", force_zip64=elements * 4 >= 0xFFFFFFFF) as out:
            block = bytes(CHUNK)
            left = elements * 4
            while left > 0:
                out.write(block[:min(left, CHUNK)])
                left -= CHUNK
        z.writestr("archive/version", "3\n")


WRITERS: dict[str, tuple[str, Callable[[Path, int], None]]] = {
    "safetensors": ("model.safetensors", write_safetensors),
    "gguf": ("model.gguf", write_gguf),
    "onnx": ("model.onnx", write_onnx),
    "pickle": ("model.pkl", write_pickle),
    "torch-zip": ("model.pt", write_torch_zip),
}
BIG = {"safetensors": 4 * GIB, "gguf": 4 * GIB, "onnx": GIB, "pickle": GIB, "torch-zip": GIB}
SMALL = MIB


def _label(fmt: str, size: int) -> str:
    return f"{fmt}-{size // GIB}g" if size >= GIB else f"{fmt}-{size // MIB}m"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--only", choices=("small", "big"))
    ap.add_argument("--force", action="store_true", help="rewrite files that already exist")
    args = ap.parse_args()
    plan = []
    if args.only != "big":
        plan += [(fmt, SMALL) for fmt in WRITERS]
    if args.only != "small":
        plan += list(BIG.items())
    manifest_path = args.dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else []
    manifest = [m for m in manifest if Path(m["path"]).exists()]
    for fmt, size in plan:
        name, writer = WRITERS[fmt]
        label = _label(fmt, size)
        path = args.dir / label / name
        if args.force or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            writer(path, size)
        manifest = [m for m in manifest if m["label"] != label]
        manifest.append({"label": label, "format": fmt, "path": str(path.resolve()),
                         "size": path.stat().st_size})
        print(f"{label:16} {path.stat().st_size:>12} bytes  {path}")
    manifest.sort(key=lambda m: (m["size"], m["label"]))
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
