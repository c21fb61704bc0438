"""TensorFlow Lite: a FlatBuffer whose file identifier ``TFL3`` sits at offset 4.

Schema: tensorflow/compiler/mlir/lite/schema/schema.fbs (``Model`` 0 version, 1 operator_codes,
2 subgraphs, 3 description, 4 buffers, 6 metadata); FlatBuffers binary layout:
https://flatbuffers.dev/internals/ (tables reach their vtable through a signed 32-bit offset,
vtables list u16 field offsets, references are unsigned 32-bit offsets forward from where they are
stored). We walk it by hand rather than with the ``tflite``/``flatbuffers`` packages: those trust
every offset (a hostile file indexes past the buffer) and want the whole file in memory; here
every read is bounds-checked against the file and only tables, never buffer data, are read.

``TFLITE_METADATA`` (tflite-support metadata_schema.fbs, identifier ``M001``): ModelMetadata
0 name, 1 description, 2 version, 4 author, 5 license, 7 min_parser_version (**unverified** on
real files: no TFLite model with metadata in the dev set).
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from mllint.formats.base import CorruptModelError, Format, LimitExceededError, ModelInfo, Provenance

IDENTIFIER = b"TFL3"
METADATA_IDENTIFIER = b"M001"
MAX_STRING = 65536  # bytes kept of a string
MAX_TABLES = 2_000_000  # tables visited per file (tensors, operators, buffers)
MAX_LISTED = 1000  # metadata names and custom op names kept
WINDOW = 4096  # random access: small reads
# TensorType, schema.fbs.
TENSOR_TYPES = {0: "FLOAT32", 1: "FLOAT16", 2: "INT32", 3: "UINT8", 4: "INT64", 5: "STRING",
                6: "BOOL", 7: "INT16", 8: "COMPLEX64", 9: "INT8", 10: "FLOAT64",
                11: "COMPLEX128", 12: "UINT64", 13: "RESOURCE", 14: "VARIANT", 15: "UINT32",
                16: "UINT16", 17: "INT4", 18: "BFLOAT16"}


class FlatBuffer:
    """Bounds-checked access to a FlatBuffer stored at ``[base, end)`` of a file."""

    def __init__(self, f: BinaryIO, base: int, end: int) -> None:
        self.f, self.base, self.end = f, base, end
        self.tables = 0
        self._start, self._buf = 0, b""

    def read(self, pos: int, n: int) -> bytes:
        if pos < self.base or n > self.end - pos:
            raise CorruptModelError(f"FlatBuffer offset {pos} points outside the buffer")
        rel = pos - self._start
        if rel < 0 or rel + n > len(self._buf):
            self.f.seek(pos)
            self._buf, self._start, rel = self.f.read(max(n, WINDOW)), pos, 0
        data = self._buf[rel:rel + n]
        if len(data) != n:
            raise CorruptModelError("truncated FlatBuffer")
        return data

    def u(self, pos: int, fmt: str) -> int:
        return struct.unpack(fmt, self.read(pos, struct.calcsize(fmt)))[0]

    def ref(self, pos: int) -> int:
        """Follow the unsigned offset stored at ``pos``."""
        return pos + self.u(pos, "<I")

    def root(self) -> int:
        return self.table(self.ref(self.base))

    def table(self, pos: int) -> int:
        """Check a table's vtable and count it against the cap; return ``pos``."""
        self.tables += 1
        if self.tables > MAX_TABLES:
            raise LimitExceededError(f"more than {MAX_TABLES} FlatBuffer tables")
        vtable = pos - self.u(pos, "<i")
        size = self.u(vtable, "<H")
        if size < 4 or size % 2:
            raise CorruptModelError(f"FlatBuffer vtable of size {size}")
        self.read(vtable, size)
        return pos

    def field(self, table: int, index: int) -> int | None:
        """Position of field ``index`` of ``table``, or ``None`` if it is absent."""
        vtable = table - self.u(table, "<i")
        slot = 4 + 2 * index
        if slot + 2 > self.u(vtable, "<H"):
            return None
        offset = self.u(vtable + slot, "<H")
        return table + offset if offset else None

    def scalar(self, table: int, index: int, fmt: str, default: int = 0) -> int:
        pos = self.field(table, index)
        return default if pos is None else self.u(pos, fmt)

    def string(self, table: int, index: int) -> str | None:
        raw = self.blob(table, index, MAX_STRING)
        return None if raw is None else raw.decode("utf-8", "replace")

    def blob(self, table: int, index: int, cap: int) -> bytes | None:
        """A string or [ubyte] field, at most ``cap`` bytes of it."""
        vec = self.vector(table, index, 1)
        if vec is None:
            return None
        start, count = vec
        return self.read(start, min(count, cap))

    def vector(self, table: int, index: int, item: int) -> tuple[int, int] | None:
        """``(first_item_position, count)`` of a vector field with ``item``-byte elements."""
        pos = self.field(table, index)
        if pos is None:
            return None
        vec = self.ref(pos)
        count = self.u(vec, "<I")
        if count * item > self.end - vec - 4:
            raise CorruptModelError(f"FlatBuffer vector of {count} items runs past the buffer")
        return vec + 4, count

    def tables_of(self, table: int, index: int) -> list[int]:
        """The tables of a vector-of-tables field."""
        vec = self.vector(table, index, 4)
        if vec is None:
            return []
        start, count = vec
        if count > MAX_TABLES:
            raise LimitExceededError(f"FlatBuffer vector of {count} tables")
        return [self.table(self.ref(start + 4 * i)) for i in range(count)]


def sniff(head: bytes, size: int, name: str) -> bool:
    if len(head) < 12 or head[4:8] != IDENTIFIER:
        return False
    (root,) = struct.unpack_from("<I", head)
    return 8 <= root <= size - 4


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    with path.open("rb") as f:
        fb = FlatBuffer(f, 0, size)
        model = fb.root()
        version = fb.scalar(model, 0, "<I")
        description = fb.string(model, 3) or ""
        custom_ops: list[str] = []
        for code in fb.tables_of(model, 1):
            custom = fb.string(code, 1)
            if custom and custom not in custom_ops and len(custom_ops) < MAX_LISTED:
                custom_ops.append(custom)
        buffers = fb.tables_of(model, 4)
        subgraphs = fb.tables_of(model, 2)
        tensors = operators = parameters = 0
        dtypes: set[str] = set()
        for graph in subgraphs:
            for tensor in fb.tables_of(graph, 0):
                tensors += 1
                index = fb.scalar(tensor, 2, "<I")
                if 0 < index < len(buffers) and _buffer_extent(fb, buffers[index])[1]:
                    count = 1
                    shape = fb.vector(tensor, 0, 4)
                    for i in range(shape[1] if shape else 0):
                        count *= max(fb.u(shape[0] + 4 * i, "<i"), 0)
                    parameters += count
                    kind = fb.scalar(tensor, 1, "<b")
                    dtypes.add(TENSOR_TYPES.get(kind, str(kind)))
            ops = fb.vector(graph, 3, 4)
            operators += ops[1] if ops else 0
        names: list[str] = []
        metadata: dict[str, str] = {}
        prov = Provenance()
        extra: dict[str, object] = {}
        for entry in fb.tables_of(model, 6):
            mname = fb.string(entry, 0) or ""
            if len(names) < MAX_LISTED:
                names.append(mname)
            index = fb.scalar(entry, 1, "<I")
            if not 0 <= index < len(buffers):
                raise CorruptModelError(f"metadata {mname!r} names buffer {index} of "
                                        f"{len(buffers)}")
            start, length = _buffer_extent(fb, buffers[index])
            if mname == "min_runtime_version":
                raw = fb.read(start, min(length, 64))
                extra["min_runtime_version"] = raw.split(b"\0")[0].decode("ascii", "replace")
            elif mname == "TFLITE_METADATA" and length >= 8:
                _model_metadata(FlatBuffer(f, start, start + length), metadata, prov)
    return ModelInfo(
        format="tflite", tensors=tensors, parameters=parameters, dtypes=tuple(sorted(dtypes)),
        metadata=metadata, provenance=prov, trained=parameters > 0,
        extra={"version": version, "description": description, "subgraphs": len(subgraphs),
               "operators": operators, "buffers": len(buffers), "metadata_names": names,
               "custom_ops": custom_ops, **extra},
    )


def _buffer_extent(fb: FlatBuffer, buffer: int) -> tuple[int, int]:
    """``(file_offset, length)`` of a Buffer's bytes: inline ``data`` (0), or ``offset``/``size``
    (1, 2; u64 from the start of the file, used by models over 2 GB)."""
    vec = fb.vector(buffer, 0, 1)
    if vec is not None:
        return vec
    offset, length = fb.scalar(buffer, 1, "<Q"), fb.scalar(buffer, 2, "<Q")
    if length and (offset < 1 or length > fb.end - offset):
        raise CorruptModelError("TFLite buffer offset and size lie outside the file")
    return offset, length


def _model_metadata(meta: FlatBuffer, metadata: dict[str, str], prov: Provenance) -> None:
    """TFLITE_METADATA: a nested FlatBuffer ``M001`` ModelMetadata; fills name, description,
    version, author, license and min_parser_version."""
    if meta.read(meta.base + 4, 4) != METADATA_IDENTIFIER:
        return
    root = meta.root()
    for index, key in ((0, "name"), (1, "description"), (2, "version"), (4, "author"),
                       (5, "license"), (7, "min_parser_version")):
        value = meta.string(root, index)
        if value:
            metadata[key] = value
    if metadata.get("author"):
        prov.authors.append(metadata["author"])
    if metadata.get("license"):
        prov.license.append(metadata["license"])


FORMATS = (Format("tflite", sniff, read, extensions=(".tflite", ".tfl", ".lite", ".bin"),
                  marks=((4, IDENTIFIER),)),)
