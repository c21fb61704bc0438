"""GGUF (llama.cpp, whisper.cpp): magic, version, counts, key/value metadata, tensor infos, data.

Spec: ggml ``docs/gguf.md``. Layout: ``GGUF``, u32 version (1-3), tensor count and KV count (u32 in
v1, u64 after), then KVs (string key, u32 type 0-12, value), tensor infos (name, u32 n_dims, dims,
u32 ggml type, u64 offset), padding to ``general.alignment`` (default 32) and the tensor data.
Strings and array lengths are u32 in v1 and u64 after. v3 files may be big-endian; the version
word tells (a byte-swapped 1-3).

Hand-written, not ``gguf.GGUFReader``: that reader loops with growing memory on a 43-byte file
whose array declares 2**63 elements (model-formats.md §6). Here every length is checked against the
bytes that remain before anything is read or skipped, and tensor data is never touched.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from mllint.formats.base import (
    CorruptModelError,
    Format,
    LimitExceededError,
    ModelInfo,
    Provenance,
)

MAGIC = b"GGUF"
MAX_KEY = 65_536  # bytes; real keys are dotted identifiers under 100 bytes
MAX_KEPT_STRING = 1 << 20  # bytes of a string value kept; longer values are skipped, not kept
MAX_KEPT_ARRAY = 256  # elements of an array value kept (general.tags, general.languages)
MAX_KEPT_KEYS = 4096  # general.* values kept; real files have a few dozen
MAX_ELEMENTS = 50_000_000  # array elements walked in the whole file (vocabularies are ~10**5)
MAX_DEPTH = 8  # nesting of arrays in arrays
MAX_TENSORS = 1_000_000  # tensor infos read for the parameter count
MAX_DIMS = 4  # GGML_MAX_DIMS
CHUNK = 1 << 16  # bytes read at a time when skipping string arrays

# type id -> (struct code, size in bytes); 8 (string) and 9 (array) are variable
SCALARS = {0: ("B", 1), 1: ("b", 1), 2: ("H", 2), 3: ("h", 2), 4: ("I", 4), 5: ("i", 4),
           6: ("f", 4), 7: ("?", 1), 10: ("Q", 8), 11: ("q", 8), 12: ("d", 8)}
STRING, ARRAY = 8, 9
# ggml_type names for the dtypes field (ggml/include/ggml.h); unknown ids print as "type<N>"
GGML_TYPES = {0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0",
              9: "Q8_1", 10: "Q2_K", 11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K",
              24: "I8", 25: "I16", 26: "I32", 27: "I64", 28: "F64", 30: "BF16"}

LICENSE_KEYS = ("general.license", "general.license.name", "general.license.link")
AUTHOR_KEYS = ("general.author", "general.organization")


def sniff(head: bytes, size: int, name: str) -> bool:
    return head.startswith(MAGIC) and len(head) >= 8


class _Reader:
    """Bounds-checked little- or big-endian reads over ``f`` of ``size`` bytes."""

    def __init__(self, f: BinaryIO, size: int, version: int, order: str) -> None:
        self.f, self.size, self.order = f, size, order
        self.len_code = "I" if version == 1 else "Q"  # strings, array and count lengths
        self.len_size = 4 if version == 1 else 8
        self.elements = 0

    def left(self) -> int:
        return self.size - self.f.tell()

    def take(self, n: int, what: str) -> bytes:
        if n > self.left():
            raise CorruptModelError(f"GGUF {what} length {n} exceeds the file")
        data = self.f.read(n)
        if len(data) != n:
            raise CorruptModelError(f"GGUF {what} is truncated")
        return data

    def skip(self, n: int, what: str) -> None:
        if n > self.left():
            raise CorruptModelError(f"GGUF {what} length {n} exceeds the file")
        self.f.seek(n, 1)

    def skip_strings(self, count: int, what: str) -> None:
        """Skip ``count`` strings (a vocabulary) by parsing their lengths from 64 KiB chunks:
        one read call per string made a 150 000-token vocabulary cost 0.9 s, this loop 0.1 s."""
        length_of = struct.Struct(self.order + self.len_code).unpack_from
        n, size, f = self.len_size, self.size, self.f
        buf, pos, base = b"", 0, f.tell()  # base: file offset of buf[0]
        end = -1  # len(buf) - n: the last offset a length can start at
        for _ in range(count):
            if pos > end:
                base += pos
                f.seek(base)
                buf, pos = f.read(CHUNK), 0
                end = len(buf) - n
                if end < 0:
                    raise CorruptModelError(f"GGUF {what} is truncated")
            pos += n + length_of(buf, pos)[0]
            if base + pos > size:
                raise CorruptModelError(f"GGUF {what} string runs past the end of the file")
        f.seek(base + pos)

    def scalar(self, code: str, size: int, what: str) -> int | float | bool:
        return struct.unpack(self.order + code, self.take(size, what))[0]

    def length(self, what: str) -> int:
        return int(self.scalar(self.len_code, self.len_size, what))

    def string(self, what: str, keep: int) -> str | None:
        """Read a string; return it if at most ``keep`` bytes, else skip it and return None."""
        n = self.length(what)
        if n > keep:
            self.skip(n, what)
            return None
        return self.take(n, what).decode("utf-8", "replace")

    def value(self, vtype: int, key: str, depth: int, keep: bool) -> object:
        """Read one value of type ``vtype``; big or unkept values come back as None."""
        if vtype in SCALARS:
            code, size = SCALARS[vtype]
            return self.scalar(code, size, f"value of {key}")
        if vtype == STRING:
            return self.string(f"value of {key}", MAX_KEPT_STRING if keep else -1)
        if vtype != ARRAY:
            raise CorruptModelError(f"GGUF key {key} has unknown value type {vtype}")
        if depth >= MAX_DEPTH:
            raise LimitExceededError(f"GGUF arrays nested over {MAX_DEPTH} deep in {key}")
        etype = int(self.scalar("I", 4, f"array type of {key}"))
        count = self.length(f"array count of {key}")
        smallest = (SCALARS[etype][1] if etype in SCALARS
                    else self.len_size if etype == STRING else 4 + self.len_size)
        if count * smallest > self.left():
            raise CorruptModelError(f"GGUF array {key} of {count} elements exceeds the file")
        self.elements += count
        if self.elements > MAX_ELEMENTS:
            raise LimitExceededError(f"GGUF arrays hold over {MAX_ELEMENTS} elements")
        keep = keep and count <= MAX_KEPT_ARRAY
        if etype in SCALARS and not keep:
            self.skip(count * smallest, f"array {key}")  # vocab scores, token types
            return None
        if keep:
            return [self.value(etype, key, depth + 1, True) for _ in range(count)]
        if etype == STRING:
            self.skip_strings(count, f"array {key}")
            return None
        for _ in range(count):
            self.value(etype, key, depth + 1, False)
        return None


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    with path.open("rb") as f:
        return read_gguf(f, size)


def read_gguf(f: BinaryIO, size: int) -> ModelInfo:
    """Read the KVs and tensor infos of the GGUF file ``f`` of ``size`` bytes."""
    if size < 16:
        raise CorruptModelError("GGUF file is shorter than its fixed header")
    f.seek(0)
    magic, raw_version = f.read(4), f.read(4)
    if magic != MAGIC or len(raw_version) != 4:
        raise CorruptModelError("GGUF magic missing")
    order = "<"
    (version,) = struct.unpack("<I", raw_version)
    if version not in (1, 2, 3):
        (swapped,) = struct.unpack(">I", raw_version)
        if swapped not in (2, 3):
            raise CorruptModelError(f"GGUF version {version} is unknown")
        order, version = ">", swapped
    r = _Reader(f, size, version, order)
    n_tensors = r.length("tensor count")
    n_kv = r.length("KV count")
    # each KV needs a key length, a type and at least one byte; each tensor info 24 bytes
    if n_kv * (r.len_size + 5) > r.left():
        raise CorruptModelError(f"GGUF KV count {n_kv} exceeds the file")
    if n_tensors * (r.len_size + 16) > r.left():
        raise CorruptModelError(f"GGUF tensor count {n_tensors} exceeds the file")

    kv: dict[str, object] = {}
    chat_template: int | None = None
    for _ in range(n_kv):
        key = r.string("key", MAX_KEY)
        if key is None:
            raise LimitExceededError(f"GGUF key longer than {MAX_KEY} bytes")
        vtype = int(r.scalar("I", 4, f"type of {key}"))
        if key == "tokenizer.chat_template" and vtype == STRING:
            chat_template = r.length(f"value of {key}")
            r.skip(chat_template, f"value of {key}")
            continue
        keep = key.startswith("general.") and len(kv) < MAX_KEPT_KEYS
        value = r.value(vtype, key, 0, keep)
        if value is not None:
            kv[key] = value

    info = _model_info(kv, version, n_tensors)
    if chat_template is not None:
        info.extra["chat_template"] = True
        info.extra["chat_template_bytes"] = chat_template
    if n_tensors <= MAX_TENSORS:
        _tensor_infos(r, n_tensors, kv, info)
    return info


def _tensor_infos(r: _Reader, n_tensors: int, kv: dict[str, object], info: ModelInfo) -> None:
    """Count parameters from the tensor infos and check each offset lies in the data region."""
    parameters = 0
    types: set[str] = set()
    offsets: list[int] = []
    for i in range(n_tensors):
        name = r.string(f"tensor {i} name", MAX_KEY)
        if name is None:
            raise LimitExceededError(f"GGUF tensor {i} name longer than {MAX_KEY} bytes")
        n_dims = int(r.scalar("I", 4, f"tensor {name} rank"))
        if n_dims > MAX_DIMS:
            raise CorruptModelError(f"GGUF tensor {name} has {n_dims} dimensions")
        count = 1
        for _ in range(n_dims):
            count *= r.length(f"tensor {name} dimension")
        ggml_type = int(r.scalar("I", 4, f"tensor {name} type"))
        offsets.append(int(r.scalar("Q", 8, f"tensor {name} offset")))
        parameters += count
        types.add(GGML_TYPES.get(ggml_type, f"type{ggml_type}"))
    alignment = kv.get("general.alignment", 32)
    if not isinstance(alignment, int) or isinstance(alignment, bool) or alignment <= 0:
        raise CorruptModelError("GGUF general.alignment is not a positive integer")
    data_start = -(-r.f.tell() // alignment) * alignment
    if n_tensors and data_start > r.size:
        raise CorruptModelError("GGUF tensor data starts past the end of the file")
    if any(o > r.size - data_start for o in offsets):
        raise CorruptModelError("GGUF tensor data offset lies past the end of the file")
    info.parameters = parameters
    info.dtypes = tuple(sorted(types))


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _indexed(kv: dict[str, object], prefix: str) -> list[dict[str, str]]:
    """``general.<prefix>.count`` and ``general.<prefix>.{i}.*`` as one dict per entry."""
    count = kv.get(f"general.{prefix}.count")
    if not isinstance(count, int) or isinstance(count, bool):
        return []
    entries = []
    for i in range(min(count, MAX_KEPT_ARRAY)):
        stem = f"general.{prefix}.{i}."
        entry = {k[len(stem):]: _text(v) for k, v in kv.items() if k.startswith(stem)}
        if entry:
            entries.append(entry)
    return entries


def _model_info(kv: dict[str, object], version: int, n_tensors: int) -> ModelInfo:
    metadata = {k: _text(v) for k, v in kv.items() if k.startswith("general.")}
    prov = Provenance()
    prov.license.extend(metadata[k] for k in LICENSE_KEYS if metadata.get(k))
    prov.authors.extend(metadata[k] for k in AUTHOR_KEYS if metadata.get(k))
    base_models = _indexed(kv, "base_model")
    datasets = _indexed(kv, "dataset")
    for entries, target in ((base_models, prov.base_models), (datasets, prov.datasets)):
        for e in entries:
            ident = e.get("repo_url") or e.get("url") or e.get("name")
            if ident:
                target.append(ident)
    info = ModelInfo(format="gguf", tensors=n_tensors, metadata=metadata, provenance=prov,
                     extra={"version": version})
    if base_models:
        info.extra["base_models"] = base_models
    if datasets:
        info.extra["datasets"] = datasets
    if "general.source.url" in metadata:
        info.extra["source_url"] = metadata["general.source.url"]
    return info


FORMATS = (Format("gguf", sniff, read, extensions=(".gguf",), lead=MAGIC[:1]),)
