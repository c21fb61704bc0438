"""Reading text model formats that may be gzipped: their sniffers look at the head decompressed,
their readers at a bounded head or tail (text_models.py, arpa.py)."""

from __future__ import annotations

import zlib
from pathlib import Path

from mllint import lazy
from mllint.formats.base import CorruptModelError

gzip = lazy.module("gzip")  # executed when a gzipped model is read

GZIP = b"\x1f\x8b"
SNIFF_OUTPUT = 16 << 10  # decompressed bytes a sniffer looks at
READ_HEAD = 64 << 10  # bytes (decompressed) a reader looks at
READ_TAIL = 1 << 20  # bytes at the end of a file a reader looks at (LightGBM, XGBoost)


def plain_head(head: bytes) -> bytes:
    """``head``, or as much of its gzip stream as ``head`` decompresses to (bounded)."""
    if not head.startswith(GZIP):
        return head
    try:
        return zlib.decompressobj(31).decompress(head, SNIFF_OUTPUT)
    except zlib.error:
        return b""


def read_text_head(path: Path, head: bytes, limit: int = READ_HEAD) -> bytes:
    """The first ``limit`` bytes of the file, decompressed when it is gzip.

    Raises :class:`CorruptModelError` when the gzip stream is."""
    try:
        if head.startswith(GZIP):
            with gzip.open(path, "rb") as f:
                return f.read(limit)
        with path.open("rb") as f:
            return f.read(limit)
    except (OSError, EOFError, zlib.error) as exc:
        raise CorruptModelError(f"gzip stream is corrupt: {exc}") from exc


def read_tail(path: Path, size: int, limit: int = READ_TAIL) -> bytes:
    """The last ``limit`` bytes of the ``size``-byte file."""
    with path.open("rb") as f:
        f.seek(max(0, size - limit))
        return f.read(limit)


def compression(head: bytes) -> dict[str, object]:
    """``ModelInfo.extra`` entries saying how the file is compressed (none when it is not)."""
    return {"compression": "gzip"} if head.startswith(GZIP) else {}
