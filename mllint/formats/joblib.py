"""joblib dumps: a pickle whose numpy arrays follow their ``NumpyArrayWrapper`` raw, optionally
behind a compressor (joblib 1.6 ``numpy_pickle.py``, ``compressor.py``; model-formats.md §3.4).

The raw form is walked by :mod:`mllint.formats.pickle`, which skips the array blocks. Compressed
forms are recognised by joblib's own prefixes and decompressed as a stream into the same walker,
so memory stays flat; an output cap and a ratio cap stop decompression bombs.

lz4 (``compress="lz4"``: an LZ4 frame, magic ``04 22 4d 18``, written by ``lz4.frame``) is
identified from the head by a small decoder of its own (:func:`lz4_head`), so that whether a file
is a joblib dump does not depend on the optional ``lz4`` module; the whole stream is walked with
``lz4.frame`` when it is installed (Debian: python3-lz4). Without it the dump is reported as
joblib with ``extra["inspected"] = False`` and an ``"<unresolvable>"`` global for the unread rest.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

from mllint import lazy
from mllint.formats.base import CorruptModelError, Format, LimitExceededError, ModelInfo
from mllint.formats.pickle import UNRESOLVABLE, looks_like_pickle, model_info, scan_pickles

# Executed when a compressed dump is met: most pickles are not (~1.5 ms of start-up).
bz2 = lazy.module("bz2")
gzip = lazy.module("gzip")
lzma = lazy.module("lzma")

@cache
def _lz4_frame() -> ModuleType | None:
    """The optional ``lz4.frame`` module, only needed to walk lz4 dumps past their head;
    imported on first use (its import would cost every run, models or not)."""
    try:
        import lz4.frame
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return lz4.frame


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
        # python-lz4 raises RuntimeError for a malformed frame ("LZ4F_decompress failed").
        except (OSError, EOFError, RuntimeError, zlib.error, lzma.LZMAError) as exc:
            raise CorruptModelError(f"{self.codec} stream is corrupt: {exc}") from exc
        self.out += n
        if self.out > self.limit:
            raise LimitExceededError(
                f"{self.codec} stream decompresses past {self.limit} bytes")
        return n


Sniffer = Callable[[], object]  # a fresh incremental decompressor with decompress(data, max)

LZ4_MAGIC = b"\x04\x22\x4d\x18"  # LZ4 frame magic 0x184D2204, little-endian


def _lz4_length(block: bytes, i: int, nibble: int) -> tuple[int, int]:
    """A sequence length: the token's 4-bit ``nibble``, plus bytes while they are 255."""
    length = nibble
    if nibble == 15:
        while i < len(block):
            length += block[i]
            i += 1
            if block[i - 1] != 255:
                break
    return length, i


def _lz4_block(block: bytes, out: bytearray, limit: int) -> None:
    """Append the output of a compressed LZ4 block (or of the part of it that ``block`` holds)
    to ``out``, stopping at ``limit`` bytes. Sequences: token (literal length << 4 | match
    length - 4), literals, u16 LE match offset into the output so far (lz4 doc/
    lz4_Block_format.md); the last sequence has literals only."""
    i = 0
    while i < len(block) and len(out) < limit:
        token = block[i]
        literals, i = _lz4_length(block, i + 1, token >> 4)
        out += block[i:i + literals]
        i += literals
        if i + 2 > len(block):
            return  # the last sequence, or the head ends inside this block
        offset = block[i] | block[i + 1] << 8
        if not 0 < offset <= len(out):
            raise ValueError("lz4 match offset before the start of the output")
        match, i = _lz4_length(block, i + 2, token & 15)
        start = len(out) - offset
        for k in range(min(match + 4, limit - len(out))):  # copies may overlap their source
            out.append(out[start + k])


def lz4_head(head: bytes, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes decoded from the start of the LZ4 frame in ``head``, and whether
    the frame's end mark was seen; ``ValueError`` if it is no valid frame start.

    Hand-written rather than ``lz4.frame`` so that identification is the same with and without
    the optional module; it decodes the head only (``limit`` is :data:`SNIFF_OUTPUT`). Frame
    layout (lz4 doc/lz4_Frame_format.md): magic, FLG (version 01, block-independence, block
    checksum, content size, content checksum, reserved 0, dictionary id), BD (block maximum
    size 4-7, reserved bits 0), optional u64 content size, optional u32 dictionary id, a
    header checksum byte; then blocks of u32 LE size (high bit: stored uncompressed; 0: end
    mark), data and an optional u32 checksum. Frames with a dictionary are refused: their
    matches point into data we do not have.
    """
    if len(head) < 7 or not head.startswith(LZ4_MAGIC):
        raise ValueError("no lz4 frame header")
    flg, bd = head[4], head[5]
    if flg >> 6 != 1 or flg & 0x03 or bd & 0x8F or (bd >> 4) < 4:
        raise ValueError("bad lz4 frame descriptor")
    pos = 7 + (8 if flg & 0x08 else 0)
    checksum = 4 if flg & 0x10 else 0
    out = bytearray()
    while len(out) < limit and pos + 4 <= len(head):
        (word,) = struct.unpack_from("<I", head, pos)
        pos += 4
        if word == 0:
            return bytes(out), True
        length = word & 0x7FFFFFFF
        block = head[pos:pos + length]
        if word & 0x80000000:
            out += block
        else:
            _lz4_block(block, out, limit)
        pos += length + checksum
    return bytes(out[:limit]), False


class _Lz4Head:
    """The head decoder behind the incremental-decompressor interface the sniffer uses."""

    def __init__(self) -> None:
        self.eof = False

    def decompress(self, data: bytes, max_length: int) -> bytes:
        out, self.eof = lz4_head(data, max_length)
        return out


# joblib's prefixes (compressor.py) -> (codec, head decompressor)
COMPRESSORS: tuple[tuple[bytes, str, Sniffer], ...] = (
    (b"\x1f\x8b", "gzip", lambda: zlib.decompressobj(31)),
    (b"BZh", "bz2", lambda: bz2.BZ2Decompressor()),
    (b"\xfd7zXZ\x00", "xz", lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ)),
    (b"\x5d\x00\x00", "lzma", lambda: lzma.LZMADecompressor(lzma.FORMAT_ALONE)),
    (b"\x78", "zlib", zlib.decompressobj),
    (LZ4_MAGIC, "lz4", _Lz4Head),
)


def _open(codec: str, f: BinaryIO) -> BinaryIO:
    """A decompressing file object over ``f`` (closed by the caller's ``with``)."""
    if codec == "gzip":
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    if codec == "bz2":
        return bz2.BZ2File(f, "rb")  # type: ignore[return-value]
    if codec == "lz4":
        return _lz4_frame().LZ4FrameFile(f, "rb")  # type: ignore[no-any-return, union-attr]
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


def _unwalked_lz4(head: bytes) -> ModelInfo:
    """An lz4 dump when ``lz4.frame`` is missing: the globals of the decoded head, and
    ``"<unresolvable>"`` for the rest, which could import anything."""
    out, _ = lz4_head(head, SNIFF_OUTPUT)
    found = scan_pickles(io.BytesIO(out), 0, None).globals
    if UNRESOLVABLE not in found:
        found.append(UNRESOLVABLE)
    return ModelInfo(format="joblib", pickle_globals=found,
                     extra={"compression": "lz4", "inspected": False,
                            "note": "lz4 module missing; head only"})


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    entry = _compressor(head) if head[:1] != b"\x80" else None
    if entry is not None and entry[1] == "lz4" and _lz4_frame() is None:
        return _unwalked_lz4(head)
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
           extensions=(".joblib", ".pkl", ".z", ".gz", ".bz2", ".xz", ".lzma", ".lz4"),
           lead=b"\x80" + bytes({entry[0][0] for entry in COMPRESSORS})),
)
