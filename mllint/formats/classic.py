"""Binary model formats of classic and domain-specific tools Debian ships (model-formats.md §5).

Each entry reads a fixed header and stops: Stockfish NNUE nets, tesseract ``.traineddata``,
fastText ``.bin``/``.ftz``, GNU Backgammon weights (text and binary ``.wd``), darknet
``.weights``, CMU Sphinx acoustic-model parameter files, senone dumps and binary language
models, KenLM binary LMs, zinnia handwriting SVMs, and apertium's HMM part-of-speech taggers
(``.prob``). The layouts are those the named upstream source writes; each reader cites it.

dlib ``.dat`` models, which need a parser of dlib's packed integers, are read in ``dlib.py``.
"""

from __future__ import annotations

import math
import re
import struct
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, ModelInfo, read_exact


def _head(path: Path, n: int, size: int) -> bytes:
    with path.open("rb") as f:
        return f.read(min(n, size))


# -- Stockfish NNUE ---------------------------------------------------------------------------
# src/nnue/nnue_common.h and network.cpp (read_header): u32 LE version, u32 hash, u32 description
# length, description. 0x7AF32F16 is Stockfish 12-13 (and shogi engines); 0x7AF32F20 is 14-17.
NNUE_VERSIONS = (0x7AF32F16, 0x7AF32F20)
NNUE_MAX_DESC = 1 << 20  # bytes; real descriptions are one sentence


def nnue_sniff(head: bytes, size: int, name: str) -> bool:
    if len(head) < 12:
        return False
    version, _, length = struct.unpack_from("<III", head)
    return version in NNUE_VERSIONS and length <= min(NNUE_MAX_DESC, size - 12)


def nnue_read(path: Path, head: bytes, size: int) -> ModelInfo:
    with path.open("rb") as f:
        version, net_hash, length = struct.unpack("<III", read_exact(f, 12, size, "NNUE header"))
        if length > NNUE_MAX_DESC:
            raise CorruptModelError(f"NNUE description length {length} exceeds the cap")
        desc = read_exact(f, length, size, "NNUE description").decode("utf-8", "replace")
    return ModelInfo(format="nnue", metadata={"description": desc} if desc else {},
                     extra={"version": f"0x{version:08X}", "hash": f"0x{net_hash:08X}"})


# -- tesseract --------------------------------------------------------------------------------
# src/ccutil/tessdatamanager.cpp (LoadMemBuffer) and tessdatamanager.h: u32 entry count
# (byte-swapped when over kMaxNumTessdataEntries = 1000), i64 offsets (-1: absent), then the
# entries back to back in table order; entry 23 is the VERSION string.
TESS_MAX_ENTRIES = 1000
TESS_NAMES = (
    "config", "unicharset", "unicharambigs", "inttemp", "pffmtable", "normproto", "punc-dawg",
    "word-dawg", "number-dawg", "freq-dawg", "fixed-length-dawgs", "cube-unicharset",
    "cube-word-dawg", "shapetable", "bigram-dawg", "unambig-dawg", "params-model", "lstm",
    "lstm-punc-dawg", "lstm-word-dawg", "lstm-number-dawg", "lstm-unicharset", "lstm-recoder",
    "version",
)
TESS_VERSION = 23
TESS_MAX_VERSION = 4096  # bytes of VERSION string we read


def _tess_table(head: bytes, size: int) -> tuple[list[int], str] | None:
    """The offset table, if ``head`` holds a consistent one, and the byte order."""
    # A count of at most TESS_MAX_ENTRIES has two zero bytes at one end or the other: a test
    # every file meets, so it comes first.
    if len(head) < 12 or (head[2:4] != b"\0\0" and head[:2] != b"\0\0"):
        return None
    for order in "<>":
        (n,) = struct.unpack_from(order + "I", head)
        if not 1 <= n <= TESS_MAX_ENTRIES or 4 + 8 * n > min(len(head), size):
            continue
        offsets = list(struct.unpack_from(f"{order}{n}q", head, 4))
        present = [o for o in offsets if o != -1]
        # Entries follow the table in order: the first sits right after it, none past the end.
        if (present and present[0] == 4 + 8 * n and present == sorted(set(present))
                and present[-1] <= size and all(o == -1 or o >= 0 for o in offsets)):
            return offsets, order
    return None


def tesseract_sniff(head: bytes, size: int, name: str) -> bool:
    return _tess_table(head, size) is not None


def tesseract_read(path: Path, head: bytes, size: int) -> ModelInfo:
    table = _tess_table(head, size)
    if table is None:  # the head was too short for the table; sniff would have refused
        raise CorruptModelError("tesseract offset table does not fit the file")
    offsets, _ = table
    names = [TESS_NAMES[i] if i < len(TESS_NAMES) else f"entry-{i}"
             for i, o in enumerate(offsets) if o >= 0]
    info = ModelInfo(format="tesseract", tensors=None,
                     extra={"entries": names, "lstm": "lstm" in names})
    if len(offsets) > TESS_VERSION and offsets[TESS_VERSION] >= 0:
        start = offsets[TESS_VERSION]
        later = [o for o in offsets[TESS_VERSION + 1:] if o >= 0]
        length = (later[0] if later else size) - start
        if 0 < length <= TESS_MAX_VERSION:
            with path.open("rb") as f:
                f.seek(start)
                raw = read_exact(f, length, size, "tesseract VERSION entry")
            info.metadata["version"] = raw.decode("utf-8", "replace").rstrip("\0")
    return info


# -- fastText ---------------------------------------------------------------------------------
# src/fasttext.cc (checkModel, FASTTEXT_FILEFORMAT_MAGIC_INT32, FASTTEXT_VERSION = 12) and
# src/args.cc (Args::save): 12 i32 fields then the f64 sampling threshold t.
FASTTEXT_MAGIC = 793712314
FASTTEXT_VERSION = 12
FASTTEXT_ARGS = ("dim", "ws", "epoch", "minCount", "neg", "wordNgrams", "loss", "model",
                 "bucket", "minn", "maxn", "lrUpdateRate")
FASTTEXT_LOSS = {1: "hs", 2: "ns", 3: "softmax", 4: "ova"}
FASTTEXT_MODEL = {1: "cbow", 2: "sg", 3: "sup"}


def fasttext_sniff(head: bytes, size: int, name: str) -> bool:
    if len(head) < 8:
        return False
    magic, version = struct.unpack_from("<ii", head)
    return magic == FASTTEXT_MAGIC and 1 <= version <= FASTTEXT_VERSION


def fasttext_read(path: Path, head: bytes, size: int) -> ModelInfo:
    with path.open("rb") as f:
        raw = read_exact(f, 8 + 4 * len(FASTTEXT_ARGS) + 8, size, "fastText header")
    _, version = struct.unpack_from("<ii", raw)
    values = struct.unpack_from(f"<{len(FASTTEXT_ARGS)}id", raw, 8)
    args: dict[str, object] = dict(zip(FASTTEXT_ARGS, values[:-1]))
    args["t"] = values[-1]
    if not 0 < args["dim"] <= 1 << 20:  # type: ignore[operator]
        raise CorruptModelError(f"fastText dim {args['dim']} is implausible")
    args["loss"] = FASTTEXT_LOSS.get(args["loss"], args["loss"])  # type: ignore[arg-type]
    args["model"] = FASTTEXT_MODEL.get(args["model"], args["model"])  # type: ignore[arg-type]
    return ModelInfo(format="fasttext", extra={"version": version, "args": args})


# -- GNU Backgammon ---------------------------------------------------------------------------
# eval.h (WEIGHTS_MAGIC_BINARY 472.3782f, WEIGHTS_VERSION[_BINARY]) and lib/neuralnet.c
# (NeuralNetLoad: "GNU Backgammon <version>\n" then "cInput cHidden cOutput nTrained betaH betaO";
# NeuralNetLoadBinary: f32 magic, f32 version, then i32 cInput, cHidden, cOutput, nTrained).
GNUBG_MAGIC = 472.3782
GNUBG_TEXT = re.compile(rb"GNU Backgammon (\S{1,15})\n(\d+) (\d+) (\d+) ")


def _gnubg_lead() -> bytes:
    """The text header's "G" and the first (least significant) byte of every float32 that
    gnubg_sniff's isclose() accepts as the magic: its neighbours a few units in the last place
    away, enumerated rather than guessed."""
    (bits,) = struct.unpack("<I", struct.pack("<f", GNUBG_MAGIC))
    near = (struct.pack("<I", b) for b in range(bits - 8, bits + 9))
    return b"G" + bytes(sorted({raw[0] for raw in near if math.isclose(
        struct.unpack("<f", raw)[0], GNUBG_MAGIC, rel_tol=1e-7)}))


def gnubg_sniff(head: bytes, size: int, name: str) -> bool:
    if GNUBG_TEXT.match(head):
        return True
    if len(head) < 24:
        return False
    magic, version = struct.unpack_from("<ff", head)
    return math.isclose(magic, GNUBG_MAGIC, rel_tol=1e-7) and 0.0 <= version < 100.0


def gnubg_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = GNUBG_TEXT.match(head)
    if m:
        version = m.group(1).decode("ascii", "replace")
        sizes = [int(x) for x in m.group(2, 3, 4)]
        encoding = "text"
    else:
        if len(head) < 24:
            raise CorruptModelError("gnubg binary weights shorter than their header")
        version = f"{struct.unpack_from('<f', head, 4)[0]:.2f}"
        sizes = list(struct.unpack_from("<3i", head, 8))
        encoding = "binary"
    if not all(0 < s <= 1 << 16 for s in sizes):
        raise CorruptModelError(f"gnubg layer sizes {sizes} are implausible")
    return ModelInfo(format="gnubg", extra={"version": version, "encoding": encoding,
                                            "inputs": sizes[0], "hidden": sizes[1],
                                            "outputs": sizes[2]})


# -- darknet ----------------------------------------------------------------------------------
# src/parser.c (load_weights_upto): i32 major, minor, revision, then "seen" as size_t when
# major*10+minor >= 2 (else i32), then float32 weights. No magic: we require the conventional
# extension in the sniffer and a sibling .cfg (the network definition) in the reader.
DARKNET_MAX_LISTING = 1000  # directory entries looked at for a sibling .cfg
DARKNET_MAX_MAJOR = 9


def _darknet_header(head: bytes) -> tuple[int, int, int, int] | None:
    if len(head) < 20:
        return None
    major, minor, revision = struct.unpack_from("<3i", head)
    if not (0 <= major <= DARKNET_MAX_MAJOR and 0 <= minor < 100 and 0 <= revision < 100_000):
        return None
    return major, minor, revision, 20 if major * 10 + minor >= 2 else 16


def darknet_sniff(head: bytes, size: int, name: str) -> bool:
    hdr = _darknet_header(head)
    return (name.lower().endswith(".weights") and hdr is not None and size > hdr[3]
            and (size - hdr[3]) % 4 == 0)


def darknet_read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    hdr = _darknet_header(head)
    if hdr is None:
        raise CorruptModelError("darknet header is implausible")
    cfgs = []
    for i, sibling in enumerate(path.parent.iterdir()):
        if i >= DARKNET_MAX_LISTING:
            break
        if sibling.suffix.lower() == ".cfg":
            cfgs.append(sibling.name)
    if not cfgs:
        return None  # a .weights file with no network definition beside it: not darknet
    major, minor, revision, data_at = hdr
    return ModelInfo(format="darknet", parameters=(size - data_at) // 4, dtypes=("F32",),
                     extra={"version": f"{major}.{minor}.{revision}", "cfg": sorted(cfgs)})


# -- CMU Sphinx -------------------------------------------------------------------------------
# sphinxbase/SphinxTrain s3io: "s3\n", "key value" lines, "endhdr\n", then the byte-order word
# 0x11223344 (means, variances, mixture_weights, transition_matrices, ...). pocketsphinx
# bin_mdef.c: binary model definition "BMDF"; text mdef: "0.3\n" then "<n> n_base" lines.
# ngram_model_dmp.c: i32 length then "Darpa Trigram LM\0"; lm_trie.c: "Trie Language Model".
S3_MAX_HEADER = 64 << 10  # bytes
S3_BYTE_ORDER = 0x11223344
SPHINX_LM = (b"\x11\x00\x00\x00Darpa Trigram LM\x00", b"\x00\x00\x00\x11Darpa Trigram LM\x00",
             b"Trie Language Model")
MDEF_TEXT = re.compile(rb"0\.3\n\d+ n_base\n")
# pocketsphinx s2_semi_mgau.c and ptm_mgau.c (read_sendump), written by SphinxTrain's
# mk_s2sendump: "sendump", the senone mixture weights of a semi-continuous or phonetically-tied
# model. i32 lengths (1-999 for the title, else the file is byte-swapped) and strings: a
# NUL-terminated title and header, then "key value" strings up to a zero length, then, when
# cluster_count is 0, i32 rows (densities) and columns (senones); then feature_count x rows x
# columns weight bytes (4-bit when cluster_bits is 4, after a 16-byte codebook). The header
# must lie in the 4 KiB head (the en-us and tidigits ones are under 700 bytes).
SENDUMP_MAX_STRING = 999  # bytes; pocketsphinx reads each string into a 1000-byte line
SENDUMP_KEYS = ("feature_count", "mixture_count", "model_count", "cluster_count",
                "codebook_count", "cluster_bits")
SENDUMP_MAX_COUNT = 1 << 24  # any of the counts above


def _sendump_header(data: bytes) -> tuple[dict[str, int], int, str] | None:
    """The counts of a sendump header held in ``data``, where its weights start, and the byte
    order; ``None`` if ``data`` does not hold a whole, well-formed header."""
    # A first length of at most 999 has two zero bytes at one end: tested first, every file
    # meets this (sphinx has no lead because of sendump).
    if len(data) < 8 or (data[2:4] != b"\0\0" and data[:2] != b"\0\0"):
        return None
    for order in "<>":
        (n,) = struct.unpack_from(order + "i", data)
        if 1 <= n <= SENDUMP_MAX_STRING:
            break
    else:
        return None
    counts: dict[str, int] = {}
    pos = strings = 0
    while True:
        if pos + 4 > len(data):
            return None
        (n,) = struct.unpack_from(order + "i", data, pos)
        pos += 4
        if n == 0:
            break
        text = data[pos:pos + n]
        if not 1 <= n <= SENDUMP_MAX_STRING or len(text) != n:
            return None
        if strings < 2 and (text[-1] != 0 or not text[:-1].isascii()):
            return None  # pocketsphinx insists on the NUL of title and header
        key, _, value = text.rstrip(b"\0").decode("latin-1").partition(" ")
        if key in SENDUMP_KEYS and value.isdigit() and int(value) <= SENDUMP_MAX_COUNT:
            counts[key] = int(value)
        pos += n
        strings += 1
    if strings < 3 or not counts:
        return None
    if counts.get("cluster_count", 0) == 0:
        if pos + 8 > len(data):
            return None
        rows, cols = struct.unpack_from(order + "ii", data, pos)
        if not (0 < rows <= SENDUMP_MAX_COUNT and 0 < cols <= SENDUMP_MAX_COUNT):
            return None
        counts.update(mixture_count=rows, model_count=cols)
        pos += 8
    return counts, pos, "little" if order == "<" else "big"


def _sendump_read(head: bytes, size: int) -> ModelInfo:
    parsed = _sendump_header(head)
    if parsed is None:  # sniff saw a whole header in this head
        raise CorruptModelError("sendump header is incomplete")
    counts, start, order = parsed
    info = ModelInfo(format="sphinx", extra={"kind": "sendump", "byte_order": order, **counts})
    feats, rows, cols = (counts.get(k) for k in ("feature_count", "mixture_count", "model_count"))
    if feats and rows and cols:
        clusters = counts.get("cluster_count", 0)
        step = (cols + 1) // 2 if counts.get("cluster_bits") == 4 else cols
        # pocketsphinx pads a 15-entry cluster codebook to 16 bytes (read_sendump).
        need = feats * rows * step + (16 if clusters == 15 else clusters)
        if size - start < need:
            raise CorruptModelError(f"sendump weights are {size - start} bytes, the header "
                                    f"needs {need}")
        info.parameters = feats * rows * cols
    return info


def _s3_header(data: bytes) -> dict[str, str] | None:
    if not data.startswith(b"s3\n"):
        return None
    end = data.find(b"endhdr\n")
    if end < 0 or len(data) < end + 11:
        return None
    (order,) = struct.unpack_from("<I", data, end + 7)
    if order not in (S3_BYTE_ORDER, 0x44332211):
        return None
    fields: dict[str, str] = {}
    for line in data[3:end].decode("latin-1").splitlines():
        key, _, value = line.partition(" ")
        if key:
            fields[key] = value
    return fields


def sphinx_sniff(head: bytes, size: int, name: str) -> bool:
    """The forms with a magic; sendump, which has none, is :func:`sendump_sniff`."""
    return (head.startswith(b"BMDF") or head.startswith(SPHINX_LM) or bool(MDEF_TEXT.match(head))
            or _s3_header(head) is not None)


def sendump_sniff(head: bytes, size: int, name: str) -> bool:
    return _sendump_header(head) is not None


# The files of an acoustic model directory beside its mdef (pocketsphinx acmod.c): the mdef is
# the model, they are its parts (one model, not seven, in pocketsphinx-en-us).
ACOUSTIC_PARTS = ("means", "variances", "mixture_weights", "transition_matrices", "sendump",
                  "feature_transform", "feat.params", "noisedict")


def sphinx_read(path: Path, head: bytes, size: int) -> ModelInfo:
    if head.startswith(b"BMDF"):
        return ModelInfo(format="sphinx", parts=ACOUSTIC_PARTS,
                         extra={"kind": "mdef", "encoding": "binary"})
    if MDEF_TEXT.match(head):
        return ModelInfo(format="sphinx", parts=ACOUSTIC_PARTS,
                         extra={"kind": "mdef", "encoding": "text"})
    if head.startswith(SPHINX_LM):
        kind = "lm-trie" if head.startswith(b"Trie") else "lm-dmp"
        return ModelInfo(format="sphinx", extra={"kind": kind})
    if not head.startswith(b"s3\n"):
        return _sendump_read(head, size)
    fields = _s3_header(_head(path, S3_MAX_HEADER, size))
    if fields is None:
        raise CorruptModelError(f"s3 header not closed within {S3_MAX_HEADER} bytes")
    return ModelInfo(format="sphinx", metadata=fields, extra={"kind": "s3"})


# -- KenLM ------------------------------------------------------------------------------------
# lm/binary_format.cc: kMagicBytes "mmap lm http://kheafield.com/code format version 5\n\0".
KENLM_MAGIC = re.compile(rb"mmap lm http://kheafield\.com/code format version (\d+)\n\0")


def kenlm_sniff(head: bytes, size: int, name: str) -> bool:
    return KENLM_MAGIC.match(head) is not None


def kenlm_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = KENLM_MAGIC.match(head)
    if m is None:
        raise CorruptModelError("KenLM magic is incomplete (an unfinished build writes a prefix)")
    return ModelInfo(format="kenlm", extra={"version": int(m.group(1))})


# -- apertium HMM tagger ----------------------------------------------------------------------
# apertium/tagger_data_hmm.cc (TaggerDataHMM::write/read) with lttoolbox compression.cc
# (multibyte ints: 1-4 bytes, the top two bits of the first byte give the length; strings are a
# multibyte length and multibyte code points). No magic: open_class, forbid_rules, then
# array_tags, which the .tsx compiler always starts with the same seven tags (tsx_reader.cc,
# TSXReader constructor), then tag_index, enforce and prefer rules, constants, the ambiguity
# classes and the N x N / N x M matrices.
APERTIUM_FIRST_TAGS = ("TAG_LPAR", "TAG_RPAR", "TAG_LQUEST", "TAG_CM", "TAG_SENT", "TAG_kEOF",
                       "TAG_kUNDEF")
APERTIUM_MAX_PARSE = 4 << 20  # bytes of the file parsed for the header sections
APERTIUM_MAX_COUNT = 1 << 20  # any list length
APERTIUM_MAX_STRING = 4096  # code points


class _MB:
    """A cursor over lttoolbox's multibyte encoding; IndexError at the end of the data."""

    def __init__(self, data: bytes) -> None:
        self.data, self.i = data, 0

    def int(self) -> int:
        first = self.data[self.i]
        n = first >> 6
        value = first & 0x3F
        for k in range(n):
            value = value << 8 | self.data[self.i + 1 + k]
        self.i += 1 + n
        return value

    def count(self) -> int:
        n = self.int()
        if n > APERTIUM_MAX_COUNT:
            raise ValueError("count")
        return n

    def string(self) -> str:
        n = self.int()
        if n > APERTIUM_MAX_STRING:
            raise ValueError("string")
        return "".join(chr(self.int()) for _ in range(n))


def _apertium_tags(data: bytes) -> tuple[_MB, int] | None:
    """Parse up to the start of array_tags and check its fixed first seven names; returns the
    cursor after them and the number of tags."""
    mb = _MB(data)
    try:
        for _ in range(mb.count()):  # open_class (deltas)
            mb.int()
        for _ in range(mb.count()):  # forbid_rules (pairs)
            mb.int(), mb.int()
        n = mb.count()
        if n < len(APERTIUM_FIRST_TAGS):
            return None
        if tuple(mb.string() for _ in APERTIUM_FIRST_TAGS) != APERTIUM_FIRST_TAGS:
            return None
    except (IndexError, ValueError):
        return None
    return mb, n


def _mb_string(text: str) -> bytes:
    """``text`` in lttoolbox's multibyte encoding (its length, then each code point)."""
    def mb(n: int) -> bytes:
        width = 0 if n < 0x40 else 1 if n < 0x4000 else 2 if n < 0x400000 else 3
        return bytes([(width << 6) | (n >> (8 * width))]) + n.to_bytes(4, "big")[4 - width:]
    return mb(len(text)) + b"".join(mb(ord(c)) for c in text)


# The first fixed tag name, encoded: a substring test throws out every other file before the
# (slow, pure-Python) multibyte parse, which sniffing would otherwise run on every file's head.
APERTIUM_SIGNATURE = _mb_string(APERTIUM_FIRST_TAGS[0])


def apertium_sniff(head: bytes, size: int, name: str) -> bool:
    return APERTIUM_SIGNATURE in head and _apertium_tags(head) is not None


def apertium_read(path: Path, head: bytes, size: int) -> ModelInfo:
    parsed = _apertium_tags(_head(path, APERTIUM_MAX_PARSE, size))
    if parsed is None:
        raise CorruptModelError("apertium tagger tag list is malformed")
    mb, tags = parsed
    info = ModelInfo(format="apertium-tagger", extra={"tags": tags, "model": "hmm"})
    try:
        for _ in range(tags - len(APERTIUM_FIRST_TAGS)):
            mb.string()
        index = {mb.string(): mb.int() for _ in range(mb.count())}  # tag_index
        for _ in range(mb.count()):  # enforce_rules
            mb.int()
            for _ in range(mb.count()):
                mb.int()
        for _ in range(mb.count()):  # prefer_rules
            mb.string()
        for _ in range(mb.count()):  # constants
            mb.string(), mb.int()
        for _ in range(mb.count()):  # output: ambiguity classes
            for _ in range(mb.count()):
                mb.int()
        n_states, n_classes = mb.int(), mb.int()
    except (IndexError, ValueError):
        return info  # header sections longer than we parse; the tags already identify it
    if "TAG_kEOF" not in index or n_states != len(index):
        raise CorruptModelError("apertium tagger dimensions disagree with its tag list")
    info.extra.update(states=n_states, ambiguity_classes=n_classes)
    info.parameters = n_states * n_states + n_states * n_classes
    return info


# -- zinnia ---------------------------------------------------------------------------------
# zinnia trainer.cpp / recognizer.cpp (RecognizerImpl::open): u32 magic = file size XOR
# DIC_MAGIC_ID 0x0EF71821, u32 version 1, u32 class count, then per class a 16-byte label, f32
# bias and (i32 index, f32 value) pairs ending at index -1: an SVM per character.
ZINNIA_MAGIC = 0x0EF71821


def zinnia_sniff(head: bytes, size: int, name: str) -> bool:
    if len(head) < 12:
        return False
    magic, version, classes = struct.unpack_from("<III", head)
    return magic ^ ZINNIA_MAGIC == size and version == 1 and 0 < classes <= size // 28


def zinnia_read(path: Path, head: bytes, size: int) -> ModelInfo:
    _, version, classes = struct.unpack_from("<III", head)
    return ModelInfo(format="zinnia", extra={"version": version, "classes": classes})


FORMATS = (
    Format("nnue", nnue_sniff, nnue_read, extensions=(".nnue",),
           lead=bytes({v & 0xFF for v in NNUE_VERSIONS})),
    Format("tesseract", tesseract_sniff, tesseract_read, extensions=(".traineddata",),
           magic=False, binary=True),  # an entry count of at most TESS_MAX_ENTRIES, a u32
    Format("fasttext", fasttext_sniff, fasttext_read, extensions=(".bin", ".ftz"),
           lead=struct.pack("<i", FASTTEXT_MAGIC)[:1]),
    Format("gnubg", gnubg_sniff, gnubg_read, extensions=(".wd", ".weights"), lead=_gnubg_lead()),
    Format("darknet", darknet_sniff, darknet_read, extensions=(".weights",), magic=False,
           named=True, lead=bytes(range(DARKNET_MAX_MAJOR + 1))),
    Format("sphinx", sphinx_sniff, sphinx_read, extensions=(".dmp", ".lm.bin"),
           lead=b"Bs0" + bytes({m[0] for m in SPHINX_LM})),
    # sendump: a first i32 length of 1-999 (either byte order) has two NUL bytes.
    Format("sphinx", sendump_sniff, sphinx_read, binary=True),
    Format("kenlm", kenlm_sniff, kenlm_read, extensions=(".binary", ".bin", ".klm"), lead=b"m"),
    Format("zinnia", zinnia_sniff, zinnia_read, extensions=(".model",),
           binary=True),  # version 1 as a little-endian u32 at offset 4
    Format("apertium-tagger", apertium_sniff, apertium_read, extensions=(".prob",), magic=False),
)
