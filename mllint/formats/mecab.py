"""MeCab dictionaries: the connection-cost matrix as text (``matrix.def``) and compiled
(``matrix.bin``), and compiled dictionaries (``sys.dic``, ``unk.dic``).

A MeCab dictionary's costs are what its trainer estimated: ``mecab-cost-train`` fits a CRF (or
HMM) on an annotated corpus with the feature template ``feature.def``, and ``mecab-dict-gen``
writes the word costs into the CSV lexicons and the bigram connection costs into
``matrix.def``. ``mecab-dict-index`` compiles those into ``sys.dic``/``unk.dic`` and
``matrix.bin``. Layouts are those of MeCab 0.996 (taku910/mecab, mecab/src):

- ``matrix.def`` (dictionary_generator.cpp ``genmatrix``, connector.cpp ``compile``): a line
  "lsize rsize", then one line "left right cost" per cell, separated by spaces or tabs;
  ``left < lsize``, ``right < rsize``, the cost a C ``short``. The generator walks both context
  id maps in their (sorted) order, outer over the first id; ids were assigned by
  context_id.cpp ``build``: 1, 2, ... in map order, then BOS/EOS inserted as 0 wherever its
  feature string sorts. So each id column reads 1, 2, 3, ... with one 0 somewhere (0, 1, 2, ...
  when BOS/EOS sorts first, as in IPAdic). That order is what tells a generated matrix from a
  weighted edge list or other "n m" + triples data; MeCab itself accepts any order, but only
  its generator writes these files in bulk.
- ``matrix.bin`` (connector.cpp ``compile``/``open``): u16 lsize, u16 rsize (host order), then
  lsize × rsize i16 costs; MeCab rejects any other file size. Nothing else is fixed, so the
  fixed file name MeCab opens (``MATRIX_FILE``) is required as well.
- ``sys.dic``/``unk.dic`` (dictionary.cpp ``compile``/``open``): ten u32 (magic = file size
  XOR 0xef718f77, version, type 0 system / 1 user / 2 unknown words, lexicon size, lsize,
  rsize, double-array size, token size, feature size, 0), a 32-byte NUL-padded charset, then
  the three sections, which end exactly at the end of the file.

Readers look at the head and the last 4 KiB, and list the matrix's directory for the files
that say how it was made (``feature.def``: CRF-trained), never reading them.
"""

from __future__ import annotations

import os
import re
import struct
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, ModelInfo

MIN_ROWS = 4  # cost lines a matrix.def head must hold (a 1×1 matrix is MeCab's empty default)
MAX_SIZE = 0xFFFF  # lsize and rsize are unsigned shorts in the Connector
COST_MIN, COST_MAX = -32768, 32767  # costs are stored as short
TAIL = 4096  # bytes at the end of a matrix.def the reader checks
MAX_LISTING = 10_000  # directory entries looked at for the dictionary's other files

HEADER = re.compile(rb"(\d{1,5})[ \t]+(\d{1,5})\r?\n")
ROW = re.compile(rb"(\d{1,5})[ \t]+(\d{1,5})[ \t]+(-?\d{1,6})\r?")
# Files of a MeCab dictionary source directory (mecab common.h file names). feature.def is the
# CRF feature template: its presence says the costs were trained with mecab-cost-train.
SOURCE_FILES = ("feature.def", "dicrc", "char.def", "unk.def", "left-id.def", "right-id.def",
                "rewrite.def", "pos-id.def")


def _rows(lines: list[bytes]) -> list[tuple[int, int, int]] | None:
    rows = []
    for line in lines:
        m = ROW.fullmatch(line)
        if m is None:
            return None
        rows.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    return rows


def _context_order(ids: list[int]) -> bool:
    """Whether ``ids`` start the order context_id.cpp gives: 1, 2, 3, ... with one 0 inserted."""
    expect, zero = 1, False
    for i in ids:
        if i == 0 and not zero:
            zero = True
        elif i == expect:
            expect += 1
        else:
            return False
    return True


def _matrix_head(text: bytes, whole: bool) -> tuple[int, int] | None:
    """(lsize, rsize) when ``text`` starts a generated matrix.def, else ``None``. ``whole``:
    ``text`` is the whole file (else its last line may be cut)."""
    m = HEADER.match(text)
    if m is None:
        return None
    lsize, rsize = int(m.group(1)), int(m.group(2))
    if not (0 < lsize <= MAX_SIZE and 0 < rsize <= MAX_SIZE) or lsize * rsize < MIN_ROWS:
        return None
    lines = text[m.end():].split(b"\n")
    if not whole or lines[-1] == b"":
        lines.pop()  # cut by the head, or the empty string after the final newline
    rows = _rows(lines)
    if rows is None or len(rows) < MIN_ROWS:
        return None
    if any(not (left < lsize and right < rsize and COST_MIN <= c <= COST_MAX) for left, right, c in rows):
        return None
    blocks = [rows[i:i + rsize] for i in range(0, len(rows), rsize)]
    if any(len({left for left, _, _ in block}) != 1 or not _context_order([r for _, r, _ in block])
           for block in blocks):
        return None
    if not _context_order([block[0][0] for block in blocks]):
        return None
    return lsize, rsize


def matrix_def_sniff(head: bytes, size: int, name: str) -> bool:
    return _matrix_head(head, size <= len(head)) is not None


def _listing(directory: Path) -> tuple[list[str], bool]:
    """The dictionary source files beside the matrix, and whether a CSV lexicon is there.
    Names only: nothing is opened, symlinks are not followed."""
    found: set[str] = set()
    csv = False
    try:
        with os.scandir(directory) as entries:
            for n, entry in enumerate(entries):
                if n >= MAX_LISTING:
                    break
                if entry.name in SOURCE_FILES:
                    found.add(entry.name)
                elif entry.name.lower().endswith(".csv") and entry.is_file(follow_symlinks=False):
                    csv = True
    except OSError:
        pass
    return sorted(found, key=SOURCE_FILES.index), csv


def matrix_def_read(path: Path, head: bytes, size: int) -> ModelInfo:
    dims = _matrix_head(head, size <= len(head))
    if dims is None:
        raise CorruptModelError("mecab matrix.def header or first rows are malformed")
    lsize, rsize = dims
    tail = head
    if size > len(head):  # the head was checked; the end tells a cut or damaged file
        with path.open("rb") as f:
            f.seek(max(0, size - TAIL))
            tail = f.read(TAIL)
    lines = tail.split(b"\n")[1:]  # the first is the header or may be partial
    if lines and lines[-1] == b"":
        lines.pop()
    rows = _rows(lines)
    if not rows or any(not (left < lsize and right < rsize and COST_MIN <= c <= COST_MAX)
                       for left, right, c in rows):
        raise CorruptModelError("mecab matrix.def has a malformed row near its end")
    last_l, last_r, _ = rows[-1]
    # The generator's last cell pairs the last id of each map: n, or 0 if BOS/EOS sorts last.
    if last_l not in (lsize - 1, 0) or last_r not in (rsize - 1, 0):
        raise CorruptModelError(f"mecab matrix.def is truncated: last row {last_l} {last_r} "
                                f"of {lsize}x{rsize}")
    siblings, csv = _listing(path.parent)
    return ModelInfo(format="mecab", parameters=lsize * rsize,
                     extra={"kind": "connection-matrix", "lsize": lsize, "rsize": rsize,
                            "feature_template": "feature.def" in siblings,
                            "dictionary_files": siblings, "csv_lexicon": csv})


def _matrix_bin_dims(head: bytes, size: int) -> tuple[int, int, str] | None:
    if len(head) < 4:
        return None
    for order, label in (("<", "little"), (">", "big")):
        lsize, rsize = struct.unpack_from(order + "HH", head)
        if lsize and rsize and size == 4 + 2 * lsize * rsize:
            return lsize, rsize, label
    return None


def matrix_bin_sniff(head: bytes, size: int, name: str) -> bool:
    return name == "matrix.bin" and _matrix_bin_dims(head, size) is not None


def matrix_bin_read(path: Path, head: bytes, size: int) -> ModelInfo:
    dims = _matrix_bin_dims(head, size)
    if dims is None:
        raise CorruptModelError("mecab matrix.bin size disagrees with its dimensions")
    lsize, rsize, order = dims
    return ModelInfo(format="mecab", parameters=lsize * rsize, dtypes=("int16",),
                     extra={"kind": "connection-matrix", "lsize": lsize, "rsize": rsize,
                            "compiled": True, "byte_order": order})


DIC_MAGIC = 0xEF718F77
DIC_HEADER = struct.Struct("<10I32s")  # 72 bytes
DIC_MIN_SIZE = 100  # Dictionary::open refuses smaller files
DIC_TYPES = {0: "system-dictionary", 1: "user-dictionary", 2: "unknown-word-dictionary"}


def _dic_header(head: bytes, size: int) -> tuple[int, ...] | None:
    if len(head) < DIC_HEADER.size or size < DIC_MIN_SIZE:
        return None
    magic, version, kind, lexsize, lsize, rsize, dsize, tsize, fsize, _, _ = \
        DIC_HEADER.unpack_from(head)
    if magic ^ DIC_MAGIC != size or kind not in DIC_TYPES:
        return None
    if DIC_HEADER.size + dsize + tsize + fsize != size or lsize > MAX_SIZE or rsize > MAX_SIZE:
        return None
    return version, kind, lexsize, lsize, rsize


def dic_sniff(head: bytes, size: int, name: str) -> bool:
    return _dic_header(head, size) is not None


def dic_read(path: Path, head: bytes, size: int) -> ModelInfo:
    found = _dic_header(head, size)
    if found is None:
        raise CorruptModelError("mecab dictionary header disagrees with the file size")
    version, kind, lexsize, lsize, rsize = found
    charset = head[40:72].split(b"\0", 1)[0].decode("ascii", "replace")
    return ModelInfo(format="mecab", parameters=lexsize,
                     extra={"kind": DIC_TYPES[kind], "version": version, "entries": lexsize,
                            "lsize": lsize, "rsize": rsize, "charset": charset,
                            "compiled": True})


FORMATS = (
    Format("mecab", dic_sniff, dic_read, extensions=("sys.dic", "unk.dic"),
           binary=True),  # the dictionary type, a u32 of 0-2 at offset 8
    Format("mecab", matrix_def_sniff, matrix_def_read, extensions=("matrix.def",), magic=False,
           lead=b"0123456789"),
    Format("mecab", matrix_bin_sniff, matrix_bin_read, extensions=("matrix.bin",),
           magic=False, named=True),
)
