"""Statistical language models of Chinese and Japanese input methods: libkkc's sorted n-gram
files, sunpinyin's threaded back-off model (``.t3g``) and libpinyin's system tables
(``table.conf`` with ``bigram.db`` and the phrase indexes).

Each is an n-gram model estimated from a corpus and quantized; none has a magic string, so each
reader checks the arithmetic its loader relies on (record sizes, level sizes adding up to the
file size) and the files that must sit beside it. Layouts:

- libkkc 0.3 (ueno/libkkc, ``data/templates/libkkc-data/tools/sortlm.py`` writes them,
  ``libkkc/sorted-{bigram,trigram}-language-model.vala`` maps them): ``<prefix>.1gram`` holds
  one 6-byte record per vocabulary word (u16 quantized cost, u16 quantized back-off, u16 0),
  ``.2gram`` 12-byte records (u32 word id, u32 unigram offset, u16 cost, u16 back-off),
  ``.3gram`` 10-byte records (u32 word id, u32 bigram offset, u16 cost), all in host order
  (x86: little-endian); ``.1gram.index`` and ``.input`` are MARISA tries of the vocabulary and
  readings, ``.2gram.filter``/``.3gram.filter`` Bloom filters. The model is reported at the
  ``.1gram`` file, the others are its parts.
- sunpinyin 2.0 (sunpinyin/sunpinyin, ``src/slm/thread/slmthread.cpp`` writes,
  ``src/slm/slm.cpp`` ``CThreadSlm::load`` reads): u32 order N, u32 use-log-pr flag, N+1 u32
  level sizes, 65536 f32 probabilities and 16384 f32 back-off weights (index tables), then the
  nodes of levels 0..N-1 (12 bytes each) and the leaves of level N (8 bytes each), nothing
  after. ``tslmendian`` writes the same layout big-endian.
- libpinyin 2.x (libpinyin/libpinyin, ``src/storage/table_info.cpp``
  ``SystemTableInfo2::load``): ``table.conf`` starts with the lines ``binary format
  version:%d``, ``model data version:%d``, ``lambda parameter:%f`` (the interpolation weight
  estimated with the model), then the phrase-index tables it names; the bigram counts are the
  database ``bigram.db`` beside it (``SYSTEM_BIGRAM``, pinyin_internal.h). The user-side
  ``user.conf`` has no lambda line: it is not a model.
"""

from __future__ import annotations

import math
import re
import stat
import struct
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, ModelInfo

# -- libkkc -----------------------------------------------------------------------------------
KKC_RECORD = {1: 6, 2: 12, 3: 10}  # bytes per n-gram record of each order (sortlm.py)
KKC_VALUES = {1: 2, 2: 2, 3: 1}  # u16 values per record: cost and back-off, trigrams cost only
KKC_MIN_UNIGRAMS = 4  # <s>, </s>, <UNK> and one word
MARISA_MAGIC = b"We love Marisa.\0"  # the 16-byte header of every MARISA trie file
KKC_CHECK = 4096  # bytes of each n-gram file whose records are range-checked


def _kkc_unigram_records(head: bytes, size: int) -> int | None:
    """Whole 6-byte records in ``head`` when each has its reserved u16 zero and one cost is
    not, else ``None``."""
    if size < KKC_MIN_UNIGRAMS * 6 or size % 6:
        return None
    n = min(len(head), size) // 6
    end = n * 6
    if n < KKC_MIN_UNIGRAMS or head[4:end:6].count(0) != n or head[5:end:6].count(0) != n:
        return None
    return n if head[:end].count(0) < end else None


def kkc_sniff(head: bytes, size: int, name: str) -> bool:
    return name.endswith(".1gram") and _kkc_unigram_records(head, size) is not None


def _first_bytes(path: Path, n: int) -> bytes | None:
    """The first ``n`` bytes of ``path`` if it is a regular file (never a FIFO or device that
    could block or never end), else ``None``."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        with path.open("rb") as f:
            return f.read(n)
    except OSError:
        return None


def _check_links(path: Path, record: int, words: int, parents: int, what: str) -> int:
    """Records in ``path`` (an n-gram file of ``record``-byte records) after checking that
    the records in its first :data:`KKC_CHECK` bytes name a word below ``words`` and a parent
    (the offset of their history one order down) below ``parents``."""
    try:
        size = path.stat().st_size
    except OSError:
        raise CorruptModelError(f"libkkc {what} is unreadable") from None
    if size % record:
        raise CorruptModelError(f"libkkc {what} size {size} is not a multiple of {record}")
    data = _first_bytes(path, KKC_CHECK)
    if data is None:
        raise CorruptModelError(f"libkkc {what} is unreadable")
    for i in range(0, len(data) // record * record, record):
        word, parent = struct.unpack_from("<II", data, i)
        if word >= words or parent >= parents:
            raise CorruptModelError(f"libkkc {what} record {i // record} links past its "
                                    "lower order")
    return size // record


def kkc_read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    if _kkc_unigram_records(head, size) is None:
        raise CorruptModelError("libkkc unigram records are malformed")
    prefix = path.name[:-len(".1gram")]
    sibling = path.parent / prefix
    # records alone are no libkkc model: the vocabulary trie beside them names the words
    if _first_bytes(Path(f"{sibling}.1gram.index"), len(MARISA_MAGIC)) != MARISA_MAGIC:
        return None
    n1 = size // 6
    counts = [n1]
    parts = [f"{prefix}.1gram.index", f"{prefix}.input"]
    for order in (2, 3):
        ngrams = Path(f"{sibling}.{order}gram")
        if not ngrams.is_file():
            break
        counts.append(_check_links(ngrams, KKC_RECORD[order], n1, counts[-1],
                                   f"{order}-gram file"))
        parts += [ngrams.name, f"{ngrams.name}.filter"]
    values = sum(c * KKC_VALUES[order] for order, c in enumerate(counts, 1))
    return ModelInfo(format="libkkc", parameters=values, dtypes=("uint16",), parts=tuple(parts),
                     extra={"kind": "sorted-ngram", "order": len(counts),
                            "ngrams": counts, "quantized": True})


# -- sunpinyin --------------------------------------------------------------------------------
SLM_MAX_ORDER = 8  # slmbuild builds 1- to 3-gram models; larger orders are not in use
SLM_TABLES = 4 * ((1 << 16) + (1 << 14))  # BITS_PR and BITS_BOW float tables (slm.h)
SLM_NODE, SLM_LEAF = 12, 8  # sizeof TNode, TLeaf (slm.h bit fields)
SLM_FLOATS_CHECKED = 64  # probabilities at the head's table start checked for sanity


def _slm_header(head: bytes, size: int) -> tuple[str, int, bool, tuple[int, ...], bool] | None:
    """(byte order, N, log flag, level sizes, whether they add up to ``size``) when ``head``
    starts like a threaded model, else ``None``."""
    if len(head) < 8:
        return None
    found = None
    for order, label in (("<", "little"), (">", "big")):
        n, use_log = struct.unpack_from(order + "II", head)
        if not 1 <= n <= SLM_MAX_ORDER or use_log > 1:
            continue
        start = 8 + 4 * (n + 1)
        if len(head) < start + 4 * SLM_FLOATS_CHECKED:
            continue
        levels = struct.unpack_from(f"{order}{n + 1}I", head, 8)
        if not all(levels):
            continue
        # probabilities (or -log probabilities) are finite and non-negative; padding is 0.0
        table = struct.unpack_from(f"{order}{SLM_FLOATS_CHECKED}f", head, start)
        if not (all(math.isfinite(p) and p >= 0 for p in table) and any(table)):
            continue
        whole = start + SLM_TABLES + SLM_NODE * sum(levels[:-1]) + SLM_LEAF * levels[-1] == size
        if whole:
            return label, n, bool(use_log), levels, True
        found = found or (label, n, bool(use_log), levels, False)
    return found


def slm_sniff(head: bytes, size: int, name: str) -> bool:
    """Level sizes adding up to the file size decide; under sunpinyin's extension a header
    that only starts right is a damaged model (the reader says so)."""
    found = _slm_header(head, size)
    return found is not None and (found[4] or name.lower().endswith(".t3g"))


def slm_read(path: Path, head: bytes, size: int) -> ModelInfo:
    found = _slm_header(head, size)
    if found is None:
        raise CorruptModelError("sunpinyin model header is malformed")
    byte_order, n, use_log, levels, whole = found
    if not whole:
        sizes = " ".join(map(str, levels))
        raise CorruptModelError(f"sunpinyin model level sizes {sizes} disagree with the file "
                                f"size {size}")
    # inner nodes hold a probability and a back-off weight index, leaves a probability index
    values = 2 * sum(levels[1:-1]) + levels[-1]
    return ModelInfo(format="sunpinyin", parameters=values, dtypes=("float32",),
                     extra={"kind": "threaded-backoff-ngram", "order": n,
                            "ngrams": list(levels[1:]), "log_pr": use_log,
                            "byte_order": byte_order, "quantized": True})


# -- libpinyin --------------------------------------------------------------------------------
PINYIN_HEAD = re.compile(rb"binary format version:(\d{1,9})\r?\nmodel data version:(\d{1,9})\r?\n"
                         rb"lambda parameter:([0-9.eE+-]{1,32})\r?\n")
# A table line (SystemTableInfo2::load reads six words): default|addon, dictionary name or
# index, table, system file, user file, file type.
PINYIN_TABLE = re.compile(rb"^(default|addon)[ \t]+\S+[ \t]+\S+[ \t]+(\S+)[ \t]+\S+[ \t]+\S+[ \t]*\r?$",
                          re.MULTILINE)
PINYIN_BIGRAM = "bigram.db"


def pinyin_sniff(head: bytes, size: int, name: str) -> bool:
    return PINYIN_HEAD.match(head) is not None


def pinyin_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = PINYIN_HEAD.match(head)
    if m is None:
        raise CorruptModelError("libpinyin table.conf header is malformed")
    try:
        lam = float(m.group(3))
    except ValueError:
        raise CorruptModelError("libpinyin lambda parameter is not a number") from None
    if not 0.0 <= lam <= 1.0:  # an interpolation weight
        raise CorruptModelError(f"libpinyin lambda parameter {lam} is outside [0, 1]")
    # table.conf is a few lines; what lies past the 4 KiB head is not looked at
    tables = [t[1].decode("utf-8", "replace") for t in PINYIN_TABLE.findall(head, m.end())
              if t[1] != b"NULL"]
    return ModelInfo(format="libpinyin", parts=(PINYIN_BIGRAM, *tables),
                     extra={"kind": "interpolated-bigram", "binary_format_version": int(m.group(1)),
                            "model_data_version": int(m.group(2)), "lambda": lam,
                            "phrase_tables": len(tables)})


FORMATS = (
    Format("libkkc", kkc_sniff, kkc_read, extensions=(".1gram",), magic=False, named=True),
    # u32 order 1-8 (little-endian) or its first byte 0 (big-endian): a NUL in the first bytes
    Format("sunpinyin", slm_sniff, slm_read, extensions=(".t3g",), magic=False,
           lead=bytes(range(SLM_MAX_ORDER + 1)), binary=True),
    Format("libpinyin", pinyin_sniff, pinyin_read, extensions=("table.conf",), magic=False,
           lead=b"b"),
)
