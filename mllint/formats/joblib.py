"""joblib dumps: a pickle whose numpy arrays follow their ``NumpyArrayWrapper`` raw, optionally
behind a compressor (joblib 1.6 ``numpy_pickle.py``, ``compressor.py``; model-formats.md §3.4).

The raw form is walked by :mod:`mllint.formats.pickle`, which skips the array blocks. Compressed
forms are recognised by joblib's own prefixes and decompressed as a stream into the same walker,
so memory stays flat; an output cap and a ratio cap stop decompression bombs. lz4 (prefix
``04 22 4d 18``) needs the third-party ``lz4`` module, which mllint does not depend on, so lz4
dumps are not identified.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from mllint.formats.base import CorruptModelError, Format, LimitExceededError, ModelInfo
from mllint.formats.pickle import looks_like_pickle, model_info, scan_pickles

MARKER = b"joblib.numpy_pickle"  # module of NumpyArrayWrapper, in GLOBAL or STACK_GLOBAL form
MAX_OUTPUT = 4 << 30  # bytes of decompressed pickle we are willing to walk
MAX_RATIO = 1100  # output/input; deflate cannot pass ~1032:1, so only bombs (or freak xz) trip it
RATIO_FLOOR = 64 << 20  # bytes of output always allowed, whatever the ratio
SNIFF_OUTPUT = 4096  # decompressed bytes the sniffer looks at


class _ZlibReader(io.RawIOBase):
    """A zlib stream (joblib's ``BinaryZlibFile``: zlib header, any level) as a readable file;
    the stdlib has a gzip file object but none for bare zlib."""

    def __init__(self, f: BinaryIO) -> None:
        self.f = f
        self.d = zlib.decompressobj()
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self.pending:
            if self.d.eof:
                return 0
            data = self.d.unconsumed_tail or self.f.read(1 << 16)
            if not data:
                raise EOFError("zlib stream truncated")
            self.pending = self.d.decompress(data, 1 << 16)
        n = min(len(b), len(self.pending))
        b[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


class _Capped(io.RawIOBase):
    """Counts decompressed bytes, stops bombs, and turns codec errors into FormatErrors."""

    def __init__(self, inner: BinaryIO, compressed: int, codec: str) -> None:
        self.inner = inner
        self.codec = codec
        self.out = 0
        self.limit = min(MAX_OUTPUT, max(RATIO_FLOOR, compressed * MAX_RATIO))

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            n = self.inner.readinto(b)  # type: ignore[attr-defined]
        except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
            raise CorruptModelError(f"{self.codec} stream is corrupt: {exc}") from exc
        self.out += n
        if self.out > self.limit:
            raise LimitExceededError(
                f"{self.codec} stream decompresses past {self.limit} bytes")
        return n


Sniffer = Callable[[], object]  # a fresh incremental decompressor with decompress(data, max)

# joblib's prefixes (compressor.py) -> (codec, head decompressor)
COMPRESSORS: tuple[tuple[bytes, str, Sniffer], ...] = (
    (b"\x1f\x8b", "gzip", lambda: zlib.decompressobj(31)),
    (b"BZh", "bz2", bz2.BZ2Decompressor),
    (b"\xfd7zXZ\x00", "xz", lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ)),
    (b"\x5d\x00\x00", "lzma", lambda: lzma.LZMADecompressor(lzma.FORMAT_ALONE)),
    (b"\x78", "zlib", zlib.decompressobj),
)


def _open(codec: str, f: BinaryIO) -> BinaryIO:
    """A decompressing file object over ``f`` (closed by the caller's ``with``)."""
    if codec == "gzip":
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    if codec == "bz2":
        return bz2.BZ2File(f, "rb")  # type: ignore[return-value]
    if codec in ("xz", "lzma"):
        fmt = lzma.FORMAT_XZ if codec == "xz" else lzma.FORMAT_ALONE
        return lzma.LZMAFile(f, "rb", format=fmt)  # type: ignore[return-value]
    return _ZlibReader(f)  # type: ignore[return-value]


def _compressor(head: bytes) -> tuple[bytes, str, Sniffer] | None:
    for entry in COMPRESSORS:
        if head.startswith(entry[0]):
            return entry
    return None


def _decompressed_head(head: bytes, make: Sniffer) -> tuple[bytes, bool] | None:
    """Up to SNIFF_OUTPUT bytes decompressed from ``head``, and whether the stream ended."""
    d = make()
    try:
        if isinstance(d, bz2.BZ2Decompressor | lzma.LZMADecompressor):
            out = d.decompress(head, max_length=SNIFF_OUTPUT)
        else:
            out = d.decompress(head, SNIFF_OUTPUT)
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
        return None
    return out, bool(d.eof)


def sniff(head: bytes, size: int, name: str) -> bool:
    """A raw pickle naming joblib's wrapper in its head, or a joblib-compressed pickle."""
    if head[:1] == b"\x80":
        return MARKER in head and looks_like_pickle(head, size)
    entry = _compressor(head)
    if entry is None:
        return False
    got = _decompressed_head(head, entry[2])
    if got is None:
        return False
    out, ended = got
    return looks_like_pickle(out, len(out) if ended else len(out) + 1)


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    entry = _compressor(head) if head[:1] != b"\x80" else None
    with path.open("rb") as f:
        if entry is None:
            scan = scan_pickles(f, 0, size)
        else:
            with _open(entry[1], f) as inner:
                stream = io.BufferedReader(_Capped(inner, size, entry[1]), 1 << 16)
                scan = scan_pickles(stream, 0, None)
    info = model_info(scan, "joblib")
    if entry is not None:
        info.extra["compression"] = entry[1]
    return info


FORMATS = (
    Format("joblib", sniff, read,
           extensions=(".joblib", ".pkl", ".z", ".gz", ".bz2", ".xz", ".lzma"),
           lead=b"\x80" + bytes({entry[0][0] for entry in COMPRESSORS})),
)
