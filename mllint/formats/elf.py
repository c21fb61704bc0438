"""Models carried inside ELF executables and libraries (not a model format: no ``FORMATS``).

:func:`find_embedded_models` reports three kinds of evidence, each as an :class:`Embedded`:

1. **A model's own header in the data.** Read-only and data sections (``PROGBITS`` without
   ``SHF_EXECINSTR``; the whole file when there is no section table) are scanned in 1 MiB chunks
   for the NNUE header (u32 LE ``0x7AF32F20``, u32 architecture hash, u32 description length, a
   printable description; Stockfish ``src/nnue/nnue_common.h``), a TFLite FlatBuffer (``TFL3`` at
   +4 and a root table whose ``version`` field is 3; TensorFlow ``lite/schema/schema.fbs``) and
   GGUF (``GGUF``, version 1-3, sane tensor and key counts, printable first key; ggml
   ``docs/gguf.md``). Code sections are skipped: ``cmp eax, 0x7AF32F20`` holds the NNUE magic too.
   ONNX has no magic a scan can trust (a protobuf starting ``08``), so it is not searched for.
2. **Symbol names** in ``.symtab`` and ``.dynsym``: incbin (``gEmbeddedNNUEData``,
   ``incbin_<name>_start``) and ``ld -b binary`` / ``objcopy`` symbols
   (``_binary_models_x_onnx_start``) that name a model, the RNNoise model object
   (``rnnoise_model_orig``), and data objects of 1 KiB or more with a neural-network name
   (``av1_..._cnn_layer_0_kernel``, :func:`mllint.formats.c_arrays.ml_name`; largest one only).
   Debian strips ``.symtab``, so in practice only exported symbols survive.
3. **Known weights by content.** A stripped binary can hold a network with no name and no header
   (mumble 1.3 carries RNNoise's int8 GRU weights about 7 MB in, and only its UI text says
   "RNNoise"). :data:`KNOWN_WEIGHTS` holds the first 8 bytes and the SHA-256 of the first 64 bytes
   of a few arrays of published models; 4-byte aligned words of the data sections are checked
   (compilers align arrays of 4-byte values to 4, larger arrays more). Only models in the table
   are found.

Not detectable from the binary alone: weights of an arbitrary model compiled from a C array into a
stripped binary (libaom's partition CNN: 21 of its 26 float arrays are in ``libaom.so.3.6.0`` byte
for byte, and nothing names them). :func:`find_arrays` finds them when the source is at hand: it
looks for the byte images (:func:`array_patterns`) of the leading values of the source's
``c-array`` arrays with the same aligned-word search (aom + libaom3: 217 arrays of 6 of aom's 8
weight files found, in 0.8 s).

Cost: section and symbol tables are read with every offset, size and count checked against the
file first (caps below); data is scanned streaming, at most :data:`MAX_SCAN` bytes for magics and
:data:`MAX_FINGERPRINT_SCAN` for known weights and source arrays. ELF headers are parsed by hand
with ``struct`` (System V gABI, "Object Files"): pyelftools would do, but it reads whole sections
with ``stream.read(size)`` without checking the size against the file, raises several exception
families on hostile input, and we need five fields of three structures.
"""

from __future__ import annotations

import hashlib
import re
import struct
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mllint.formats.c_arrays import ml_name

ELF_MAGIC = b"\x7fELF"
MAX_SECTIONS = 4096  # section headers read at most
MAX_SYMBOLS = 1 << 20  # symbol table entries read at most, per table
MAX_STRTAB = 16 << 20  # bytes of one string table read at most
MAX_SCAN = 256 << 20  # bytes of section data searched for model magics
MAX_FINGERPRINT_SCAN = 64 << 20  # bytes of section data hashed for known weights
FEW_KEYS = 16  # up to this many search keys, bytes.find per key beats the word-set pass
CHUNK = 1 << 20  # bytes per read while scanning
MAX_HITS = 10_000  # magic candidates validated at most
MIN_DISTINCT = 4  # distinct leading values an array needs to be looked for in a binary
MIN_SYMBOL_SIZE = 1024  # bytes; a smaller ML-named object is a config struct, not weights

SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_DYNAMIC, SHT_NOBITS, SHT_DYNSYM = 1, 2, 3, 6, 8, 11
DT_NULL, DT_NEEDED = 0, 1
MAX_DYNAMIC = 4096  # .dynamic entries read at most (real files: a few dozen)
SHF_EXECINSTR = 0x4
STT_NOTYPE, STT_OBJECT = 0, 1

NNUE_MAGIC = bytes.fromhex("202ff37a")  # u32 LE 0x7AF32F20
NNUE_MIN_BODY = 16 << 10  # bytes after the header; the smallest Stockfish nets are megabytes
NNUE_NAME = re.compile(rb"nn-[0-9a-f]{12}\.nnue")  # Stockfish: nn-<12 hex of the file's SHA-256>
MAGICS = (NNUE_MAGIC, b"TFL3", b"GGUF")
MODEL_EXTS = ("nnue", "onnx", "tflite", "gguf", "pt", "pth", "ckpt", "safetensors", "pb", "h5",
              "keras", "bin")  # "bin" only counts with an ML word, see _symbol_evidence
LD_BINARY = re.compile(r"_binary_(\w+)_(?:start|end|size)")
INCBIN = re.compile(r"(?:g|incbin_?)(\w+?)_?(?:Data|data|_start|End|_end|Size|_size)")
UNSAFE = re.compile(r"[^A-Za-z0-9_.$@+-]")
KNOWN_SYMBOLS = {"rnnoise_model_orig": "rnnoise", "renamenoise_model_orig": "rnnoise"}


@dataclass(frozen=True, slots=True)
class KnownWeights:
    """A fingerprint of one array of a published model: its first 8 bytes (``anchor``, hex) and
    the SHA-256 of its first 64 bytes."""

    model: str
    array: str
    anchor: str
    sha256: str


# RNNoise (xiph/rnnoise 2017 model, src/rnn_data.c; the same values are in mumble's fork
# ReNameNoise): int8 weights. Computed from the published source, November 2026.
KNOWN_WEIGHTS = (
    KnownWeights("rnnoise", "input_dense_weights", "f600fd01f8fa03f3",
                 "a1233c96ec48bf8ea11c6f40a29eb15c9fe3dd0122715765ba980a8bfa93fe02"),
    KnownWeights("rnnoise", "noise_gru_weights", "f6f805b80737da03",
                 "92a92459cbe42b9e9ed930b07e3f7df188197e1074159f2960f687ec1cc61163"),
    KnownWeights("rnnoise", "denoise_gru_weights", "cb1aec1cc7e2b13a",
                 "26f228bfae4a19b8154821abdda3fa576b0c9800432780faa04f3ff7ba659bfe"),
)


@dataclass(frozen=True, slots=True)
class Embedded:
    """One piece of evidence. ``offset``: file offset of the blob in bytes (for symbols: of the
    symbol's data, or 0 when it has none in the file). ``detail``: a stable token for a note (a
    net file name, a symbol name, a section name), never an offset."""

    kind: str  # "nnue", "tflite", "gguf", "incbin", "ld-binary", "symbol", "known-weights"
    offset: int
    detail: str


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    type: int
    flags: int
    addr: int
    offset: int
    size: int
    link: int
    entsize: int


class ElfError(ValueError):
    """The file starts like an ELF but its tables do not fit in it."""


def is_elf(head: bytes) -> bool:
    return head[:4] == ELF_MAGIC and head[4:5] in (b"\x01", b"\x02") and head[5:6] in (b"\x01",
                                                                                       b"\x02")


def _pread(f: BinaryIO, offset: int, n: int, size: int) -> bytes:
    """``n`` bytes at ``offset``, or :class:`ElfError` if they are not all in the file."""
    if offset < 0 or n < 0 or offset + n > size:
        raise ElfError(f"{n} bytes at {offset} lie outside the file")
    f.seek(offset)
    data = f.read(n)
    if len(data) != n:
        raise ElfError("truncated")
    return data


class ElfFile:
    """Section table and symbols of one ELF file, every read bounded by the file size."""

    def __init__(self, f: BinaryIO, size: int) -> None:
        self.f = f
        self.size = size
        ident = _pread(f, 0, 16, size)
        self.is64 = ident[4] == 2
        self.end = "<" if ident[5] == 1 else ">"
        if self.is64:
            shoff, = struct.unpack(self.end + "Q", _pread(f, 0x28, 8, size))
            shentsize, shnum, shstrndx = struct.unpack(self.end + "HHH", _pread(f, 0x3A, 6, size))
            want = 64
        else:
            shoff, = struct.unpack(self.end + "I", _pread(f, 0x20, 4, size))
            shentsize, shnum, shstrndx = struct.unpack(self.end + "HHH", _pread(f, 0x2E, 6, size))
            want = 40
        self.sections: list[Section] = []
        if shoff == 0 or shnum == 0:
            return  # no section table (sstrip, some firmware): callers scan the whole file
        if shentsize != want:
            raise ElfError(f"section header size {shentsize}, expected {want}")
        if shnum > MAX_SECTIONS:
            raise ElfError(f"{shnum} sections exceed the cap of {MAX_SECTIONS}")
        table = _pread(f, shoff, shnum * shentsize, size)
        fmt = self.end + ("IIQQQQIIQQ" if self.is64 else "IIIIIIIIII")  # same field order
        raw = [struct.unpack_from(fmt, table, i * shentsize) for i in range(shnum)]
        names = b""
        if shstrndx < shnum and raw[shstrndx][1] != SHT_NOBITS:
            off, sz = raw[shstrndx][4:6]
            names = _pread(f, off, min(sz, MAX_STRTAB), size)
        for name_off, stype, flags, addr, off, sz, link, _info, _align, entsize in raw:
            self.sections.append(Section(_token(_cstr(names, name_off)), stype, flags, addr, off,
                                         sz, link, entsize))

    def data_sections(self) -> list[Section]:
        """Sections whose bytes may hold a blob: in the file, not code, not debug info."""
        return [s for s in self.sections
                if s.type == SHT_PROGBITS and not s.flags & SHF_EXECINSTR and s.size
                and not s.name.startswith((".debug", ".zdebug", ".comment", ".note"))
                and s.offset + s.size <= self.size]

    def needed(self) -> list[str]:
        """The ``DT_NEEDED`` sonames of the ``SHT_DYNAMIC`` section, in order (gABI "Dynamic
        Section"); ``[]`` for a static file."""
        entsize = 16 if self.is64 else 8
        for sec in self.sections:
            if sec.type != SHT_DYNAMIC or sec.link >= len(self.sections):
                continue
            strsec = self.sections[sec.link]
            strtab = _pread(self.f, strsec.offset, min(strsec.size, MAX_STRTAB), self.size)
            count = min(sec.size // entsize, MAX_DYNAMIC)
            table = _pread(self.f, sec.offset, count * entsize, self.size)
            names = []
            for tag, value in struct.iter_unpack(self.end + ("qQ" if self.is64 else "iI"), table):
                if tag == DT_NULL:
                    break
                if tag == DT_NEEDED:
                    names.append(_token(_cstr(strtab, value)))
            return names
        return []

    def imports(self) -> set[str]:
        """Names of the undefined (imported) symbols of ``.dynsym``, without version."""
        return {name for name, _type, defined, _size, _offset in self._symbols((SHT_DYNSYM,))
                if not defined}

    def symbols(self) -> Iterator[tuple[str, int, int, int]]:
        """``(name, type, size, file_offset)`` of defined symbols of .symtab and .dynsym."""
        for name, stype, defined, size, offset in self._symbols((SHT_SYMTAB, SHT_DYNSYM)):
            if defined:
                yield name, stype, size, offset

    def _symbols(self, types: tuple[int, ...]) -> Iterator[tuple[str, int, bool, int, int]]:
        """``(name, type, defined, size, file_offset)`` of the named entries of the symbol
        tables of the given section ``types``."""
        entsize = 24 if self.is64 else 16
        for sec in self.sections:
            if sec.type not in types or sec.link >= len(self.sections):
                continue
            strsec = self.sections[sec.link]
            strtab = _pread(self.f, strsec.offset, min(strsec.size, MAX_STRTAB), self.size)
            count = min(sec.size // entsize, MAX_SYMBOLS)
            for start in range(0, count, 4096):  # stream the table in 4096-entry pieces
                n = min(4096, count - start)
                block = _pread(self.f, sec.offset + start * entsize, n * entsize, self.size)
                for i in range(n):
                    if self.is64:
                        name, info, _other, shndx, value, sz = struct.unpack_from(
                            self.end + "IBBHQQ", block, i * entsize)
                    else:
                        name, value, sz, info, _other, shndx = struct.unpack_from(
                            self.end + "IIIBBH", block, i * entsize)
                    if not name:
                        continue
                    yield (_token(_cstr(strtab, name)), info & 0xF, shndx != 0, sz,
                           self._file_offset(shndx, value) if shndx else 0)

    def _file_offset(self, shndx: int, value: int) -> int:
        if shndx >= len(self.sections):
            return 0  # SHN_ABS, SHN_COMMON, ...
        sec = self.sections[shndx]
        if sec.type == SHT_NOBITS or not sec.addr <= value < sec.addr + sec.size:
            return 0
        return sec.offset + value - sec.addr


def _cstr(table: bytes, offset: int) -> str:
    if offset >= len(table):
        return ""
    end = table.find(b"\0", offset, offset + 4096)
    return table[offset:end if end >= 0 else offset + 4096].decode("ascii", "replace")


def _token(name: str) -> str:
    """``name`` with anything but ``[A-Za-z0-9_.$@+-]`` turned into ``?``: details become hint
    notes, which must stay one token without ``[`` (a hostile file chooses its own names)."""
    return UNSAFE.sub("?", name)[:200]


def find_embedded_models(path: Path, size: int) -> list[Embedded]:
    """Evidence that the ELF file at ``path`` (``size`` bytes) carries a model, in file order.

    Returns ``[]`` for a file that is not ELF. Raises :class:`ElfError` (a ``ValueError``) when
    its section or symbol tables do not fit in the file.
    """
    found: list[Embedded] = []
    with path.open("rb") as f:
        if size < 64 or not is_elf(f.read(16)):
            return []
        elf = ElfFile(f, size)
        regions = ([(s.offset, s.size, s.name) for s in elf.data_sections()]
                   if elf.sections else [(0, size, "file")])
        found.extend(_scan_magics(f, size, regions))
        found.extend(_scan_known_weights(f, regions))
        found.extend(_symbol_evidence(elf))
    seen: set[tuple[str, str]] = set()
    unique = []
    for e in sorted(found, key=lambda e: (e.offset, e.kind, e.detail)):
        if (e.kind, e.detail) not in seen:
            seen.add((e.kind, e.detail))
            unique.append(e)
    return unique


def chunks(f: BinaryIO, regions: list[tuple[int, int, str]], budget: int,
           overlap: int) -> Iterator[tuple[int, bytes, int, str, int]]:
    """``(file_offset, data, n, section, section_end)`` pieces of the regions: ``data`` is ``n``
    new bytes plus up to ``overlap`` bytes of the next piece, so that a match across a boundary
    is seen (report only matches starting before ``n``); ``budget`` bytes at most in all, read
    :data:`CHUNK` bytes at a time. Also used by :mod:`mllint.downloads.elf`."""
    for start, length, name in regions:
        pos, end = start, start + length
        while pos < end and budget > 0:
            n = min(CHUNK, end - pos, budget)
            f.seek(pos)
            data = f.read(n + min(overlap, end - pos - n))
            if not data:
                break
            yield pos, data, n, name, end
            budget -= n
            pos += n


def _scan_magics(f: BinaryIO, size: int, regions: list[tuple[int, int, str]]) -> list[Embedded]:
    hits: list[tuple[int, bytes, str, int]] = []
    names: list[str] = []
    for base, data, n, section, end in chunks(f, regions, MAX_SCAN, 23):
        # One bytes.find per magic: memory speed, unlike a regex alternation.
        for magic in MAGICS:
            i = 0
            while len(hits) < MAX_HITS and (i := data.find(magic, i, n + 3)) >= 0:
                hits.append((base + i, magic, section, end))
                i += 1
        if b"nn-" in data:
            names.extend(m.group().decode() for m in NNUE_NAME.finditer(data) if m.start() < n)
    found: list[Embedded] = []
    nnue: list[tuple[int, int]] = []
    for offset, magic, section, end in hits:
        if magic == NNUE_MAGIC:
            arch = _nnue_header(f, offset, end)
            if arch is not None:
                nnue.append((offset, arch))
        elif magic == b"TFL3":
            if offset >= 4 and _tflite_root(f, offset - 4, end):
                found.append(Embedded("tflite", offset - 4, section))
        elif _gguf_header(f, offset, end):
            found.append(Embedded("gguf", offset, section))
    distinct = sorted(set(names))
    for offset, arch in nnue:
        # The net's file name is only known for sure when there is one net and one name.
        detail = distinct[0] if len(nnue) == 1 and len(distinct) == 1 else f"hash-{arch:08x}"
        found.append(Embedded("nnue", offset, detail))
    return found


def _nnue_header(f: BinaryIO, offset: int, end: int) -> int | None:
    """The architecture hash if a plausible NNUE header starts at ``offset``, else ``None``."""
    if end - offset < 12 + NNUE_MIN_BODY:
        return None
    f.seek(offset + 4)
    arch, length = struct.unpack("<II", f.read(8))
    if not 8 <= length <= 4096 or end - offset - 12 - length < NNUE_MIN_BODY:
        return None
    desc = f.read(length)
    if len(desc) != length or not all(0x20 <= b < 0x7F for b in desc):
        return None
    return arch


def _tflite_root(f: BinaryIO, start: int, end: int) -> bool:
    """Is there a FlatBuffer at ``start`` whose root table has ``version`` (field 0) == 3?"""
    f.seek(start)
    head = f.read(8)
    if len(head) < 8:
        return False
    root, = struct.unpack_from("<I", head)
    table = start + root
    if root < 8 or root % 4 or table + 4 > end:
        return False
    f.seek(table)
    soffset, = struct.unpack("<i", f.read(4))
    vtable = table - soffset
    if not start + 8 <= vtable <= end - 6:
        return False
    f.seek(vtable)
    vt_size, _table_size, version_at = struct.unpack("<HHH", f.read(6))
    if vt_size < 6 or vt_size % 2 or version_at == 0 or table + version_at + 4 > end:
        return False
    f.seek(table + version_at)
    return struct.unpack("<I", f.read(4))[0] == 3


def _gguf_header(f: BinaryIO, offset: int, end: int) -> bool:
    """GGUF v2/v3 header: version, u64 tensor count, u64 KV count, then a printable first key."""
    if end - offset < 32:
        return False
    f.seek(offset + 4)
    version, tensors, kvs, key_len = struct.unpack("<IQQQ", f.read(28))
    if version not in (2, 3) or tensors > 1 << 20 or not 0 < kvs <= 1 << 16:
        return False  # v1 (u32 counts, 2023) files are obsolete; not worth a separate parser
    if not 0 < key_len <= 256 or offset + 32 + key_len > end:
        return False
    key = f.read(key_len)
    return len(key) == key_len and all(0x21 <= b < 0x7F for b in key)


def _aligned_hits(data: bytes, n: int, base: int, keys: dict[bytes, object]) -> Iterator[int]:
    """Offsets ``i < n`` of ``data`` (read from file offset ``base``) where one of ``keys``
    (8 bytes each) starts at a 4-byte aligned file offset.

    Every aligned 8-byte word becomes one u64 (``array`` does that in C) and a set intersection
    picks the words that are keys, so thousands of keys cost one pass; ``bytes.find`` then
    locates each hit. Arrays of 4-byte values are 4-aligned, larger arrays more.
    """
    if len(keys) <= FEW_KEYS:
        # A few keys (the known-weights anchors): one bytes.find per key runs at memory speed,
        # 30 times faster than turning 1 MiB into 128k Python ints (stockfish: 2 s -> 0.07 s).
        for key in keys:
            i = data.find(key, 0, n + 7)
            while i >= 0:
                if (base + i) % 4 == 0:
                    yield i
                i = data.find(key, i + 1, n + 7)
        return
    values = {int.from_bytes(k, "little"): k for k in keys}
    for shift in (0, 4):
        first = (shift - base) % 8
        count = max(0, (min(len(data), n + 7) - first) // 8)
        words = array("Q")
        words.frombytes(data[first:first + count * 8])
        if sys.byteorder != "little":
            words.byteswap()
        for value in values.keys() & words:  # C-level; no 128k-element set is built
            key = values[value]
            i = data.find(key, 0, n + 7)
            while i >= 0:
                if (base + i) % 8 == shift:
                    yield i
                i = data.find(key, i + 1, n + 7)


def _scan_known_weights(f: BinaryIO, regions: list[tuple[int, int, str]]) -> list[Embedded]:
    anchors = {bytes.fromhex(k.anchor): k for k in KNOWN_WEIGHTS}
    found: list[Embedded] = []
    for base, data, n, _section, _end in chunks(f, regions, MAX_FINGERPRINT_SCAN, 64):
        for i in _aligned_hits(data, n, base, anchors):
            known = anchors[data[i:i + 8]]
            if hashlib.sha256(data[i:i + 64]).hexdigest() == known.sha256:
                found.append(Embedded("known-weights", base + i, known.model))
    return found


def array_patterns(values: list[int | float]) -> list[bytes]:
    """Byte images an array starting with ``values`` may have in a little-endian binary: int8,
    int16, int32, float32 for integer literals (a float array may be written ``0, 1, 2``);
    float32 and float64 for float literals. Too few distinct values (zeros, padding) give []."""
    if len(set(values)) < MIN_DISTINCT:
        return []
    n = len(values)
    images: list[bytes] = []
    if all(isinstance(v, int) for v in values):
        ints = [int(v) for v in values]
        if all(-128 <= v <= 255 for v in ints) and len(set(ints)) >= 2 * MIN_DISTINCT:
            images.append(bytes(v & 0xFF for v in ints))  # 16 bytes: wants more variety
        for fmt in ("h", "i"):  # int16, int32; unsigned when no value is negative
            try:
                images.append(struct.pack(f"<{n}{fmt.upper() if min(ints) >= 0 else fmt}",
                                          *ints))
            except struct.error:
                pass  # out of range for this width
    try:
        images.append(struct.pack(f"<{n}f", *values))
        images.append(struct.pack(f"<{n}d", *values))
    except (OverflowError, struct.error):
        pass
    return images


def find_arrays(path: Path, size: int, patterns: dict[bytes, str]) -> list[Embedded]:
    """Where byte images of source arrays (:func:`array_patterns`) occur in the data sections
    of the ELF file at ``path``: one :class:`Embedded` of kind ``c-array`` per hit, ``detail``
    the label the caller gave the pattern (the source file's name). Bounded like the
    known-weights scan; raises :class:`ElfError` for tables that do not fit in the file."""
    by_anchor: dict[bytes, list[bytes]] = {}
    for pattern in patterns:
        if len(pattern) >= 16:
            by_anchor.setdefault(pattern[:8], []).append(pattern)
    found: list[Embedded] = []
    with path.open("rb") as f:
        if size < 64 or not is_elf(f.read(16)) or not by_anchor:
            return []
        elf = ElfFile(f, size)
        regions = ([(s.offset, s.size, s.name) for s in elf.data_sections()]
                   if elf.sections else [(0, size, "file")])
        for base, data, n, _section, _end in chunks(f, regions, MAX_FINGERPRINT_SCAN, 128):
            for i in _aligned_hits(data, n, base, by_anchor):
                for pattern in by_anchor[data[i:i + 8]]:
                    if data.startswith(pattern, i):
                        found.append(Embedded("c-array", base + i, patterns[pattern]))
    return found


def _symbol_evidence(elf: ElfFile) -> list[Embedded]:
    found: list[Embedded] = []
    largest: tuple[int, str, int] | None = None
    for name, stype, size, offset in elf.symbols():
        if stype not in (STT_NOTYPE, STT_OBJECT):
            continue
        if name in KNOWN_SYMBOLS:
            found.append(Embedded("known-weights", offset, KNOWN_SYMBOLS[name]))
            continue
        m = LD_BINARY.fullmatch(name)
        if m is not None:
            if _names_model(m.group(1)):
                found.append(Embedded("ld-binary", offset, f"_binary_{m.group(1)}_start"))
            continue
        m = INCBIN.fullmatch(name)
        if m is not None and _names_model(m.group(1)):
            found.append(Embedded("incbin", offset, m.group(1)))
            continue
        if (stype == STT_OBJECT and size >= MIN_SYMBOL_SIZE and not name.startswith("_Z")
                and ml_name(name) and (largest is None or size > largest[0])):
            largest = (size, name, offset)
    if largest is not None:
        found.append(Embedded("symbol", largest[2], largest[1]))
    return found


def _names_model(stem: str) -> bool:
    """Does an incbin/ld symbol stem name a model: ``EmbeddedNNUE``, ``models_enc_onnx``?"""
    parts = stem.lower().split("_")
    if parts[-1] in MODEL_EXTS and (parts[-1] != "bin" or ml_name(stem)):
        return True
    return ml_name(stem)
