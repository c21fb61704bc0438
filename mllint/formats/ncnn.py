"""ncnn: ``<model>.param`` (text: magic line ``7767517``, then ``<layers> <blobs>``, then one
``<type> <name> <inputs> <outputs> …`` line per layer) or ``.param.bin`` (int32 LE 7767517,
layer and blob counts), weights in the sibling ``<model>.bin`` (Tencent/ncnn docs,
"param and model file structure").
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, ModelInfo

MAGIC = 7767517
TEXT_MAGIC = re.compile(rb"\A7767517\r?\n\s*(\d+)\s+(\d+)\s*\r?\n")
MAX_READ = 1 << 20  # bytes of a text .param read for layer types; real ones are KB
MAX_COUNT = 10_000_000


def sniff(head: bytes, size: int, name: str) -> bool:
    if TEXT_MAGIC.match(head):
        return True
    if len(head) < 12:
        return False
    magic, layers, blobs = struct.unpack_from("<iii", head)
    return magic == MAGIC and 0 < layers <= MAX_COUNT and 0 < blobs <= MAX_COUNT


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    match = TEXT_MAGIC.match(head)
    if match is None:
        _, layers, blobs = struct.unpack_from("<iii", head)
        return ModelInfo(format="ncnn", parts=(_weights(path),),
                         extra={"layers": layers, "blobs": blobs, "binary": True})
    layers, blobs = int(match.group(1)), int(match.group(2))
    if not 0 < layers <= MAX_COUNT or blobs > MAX_COUNT:
        raise CorruptModelError(f"ncnn layer count {layers} or blob count {blobs} is implausible")
    with path.open("rb") as f:
        text = f.read(MAX_READ)
    lines = text.splitlines()[2:]
    if len(text) == MAX_READ:
        lines = lines[:-1]  # the last line may be cut
    types = sorted({line.split()[0].decode("ascii", "replace") for line in lines if line.split()})
    if len(text) < MAX_READ and len(lines) < layers:
        raise CorruptModelError(f"ncnn param declares {layers} layers but has {len(lines)}")
    return ModelInfo(format="ncnn", parts=(_weights(path),),
                     extra={"layers": layers, "blobs": blobs, "binary": False,
                            "layer_types": types})


def _weights(path: Path) -> str:
    name = path.name
    for suffix in (".param.bin", ".param"):
        if name.endswith(suffix):
            return name[: -len(suffix)] + ".bin"
    return path.stem + ".bin"


# The .param stands for the model: its trained weights are the sibling .bin
# (its ``parts``), which has no header of its own to identify.
FORMATS = (Format("ncnn", sniff, read, extensions=(".param",),
                  lead=b"7" + struct.pack("<i", MAGIC)[:1]),)
