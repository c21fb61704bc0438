"""Zip containers: Keras ``.keras``, PyTorch zips, TorchScript, torch.package archives, ``.npz``,
and zips holding models.

Read by hand, as leniently as PyTorch's miniz reader (model-formats.md §3.3 row 10, §3.4), not
with :mod:`zipfile`: zipfile refuses what torch loads (names that differ between the central directory
and the local header, the encryption flag) and checks CRCs, so a file torch accepts could escape
the scan. We read the end-of-central-directory record (zip64 too), every central entry, and each
local header for its name and data offset; CRCs and flag bits 0x1/0x20/0x40 are ignored. Local
headers are also walked from offset 0, so a member that only the local view shows is scanned too.

Every member is sniffed by content through :func:`mllint.formats.identify` and read with the
format's own reader through a bounded stream (:mod:`mllint.formats._stream`); pickles are walked
opcode by opcode wherever they are; nested archives recurse to :data:`MAX_DEPTH`. One member's
error is recorded on that member and the scan goes on (§3.3 row 11); a nested archive that cannot
be read does not by itself make a model of the zip holding it. Once the decompression budget of
the file is spent, nothing more is read and the budget is reported once, if the zip is a model.

Spec: PKWARE APPNOTE.TXT 6.3.10, sections 4.3.7 (local header), 4.3.12 (central directory),
4.3.14-16 (zip64 and end records), 4.5.3 (zip64 extra field).
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

from mllint import formats, lazy
from mllint.formats import _keras
from mllint.formats._stream import Budget, Inflate, MemberPath, Window
from mllint.formats.base import (
    HEAD_SIZE,
    CorruptModelError,
    Format,
    FormatError,
    LimitExceededError,
    Member,
    ModelInfo,
    Provenance,
)

if TYPE_CHECKING:
    from mllint.formats.pickle import PickleScan

# Executed when a member must be spooled to a file (read_spooled): rare, and their imports
# (bz2, lzma, random) were a twentieth of a run on one torch zip.
shutil = lazy.module("shutil")
tempfile = lazy.module("tempfile")

LOCAL_SIG, CENTRAL_SIG, END_SIG = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
ZIP64_END_SIG, ZIP64_LOCATOR_SIG, DESCRIPTOR_SIG = b"PK\x06\x06", b"PK\x06\x07", b"PK\x07\x08"
END_SEARCH = 22 + 65_535  # end record plus the longest comment
MAX_MEMBERS = 100_000  # entries in one archive
MAX_CENTRAL = 64 << 20  # bytes of central directory
MAX_DEPTH = 3  # archives inside archives
MAX_SMALL = 4096  # bytes read from tiny text members (torch "version", "byteorder")
STORED, DEFLATED = 0, 8
READER_BUGS = (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError,
               RecursionError, OverflowError, EOFError, MemoryError, struct.error)
SPOOL_MAX = 64 << 20  # bytes of a member copied to a temporary file for a path-bound reader
PICKLE_NAMES = ("data.pkl", "constants.pkl")  # unpickled by torch.load / torch.jit.load
# Where each pickle's storages are stored: torch.save writes data/<key>; TorchScript writes the
# tensors of constants.pkl under constants/ (torch/csrc/jit/serialization/export_module.cpp).
STORAGE_DIRS = {"data.pkl": "data/", "constants.pkl": "constants/"}


@dataclass(slots=True)
class Entry:
    """One member as the central directory (or, for hidden members, the local header) has it."""

    name: str
    raw_name: bytes
    method: int
    flags: int
    csize: int
    usize: int
    local: int  # offset of the local header
    version_needed: int
    data: int = -1  # offset of the member's bytes, from the local header
    local_name: bytes = b""

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")


def sniff(head: bytes, size: int, name: str) -> bool:
    return head.startswith(LOCAL_SIG)


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    budget = Budget()
    with path.open("rb") as f:
        info = scan(f, size, str(path), 0, budget)
    if info is not None and budget.spent_in is not None:
        # One hint for the whole file, at the member where the budget ran out: every member
        # after it is skipped unread, and it is named only when the archive is a model (a
        # plain zip of text that outgrows the budget is nothing to report).
        info.members.append(Member(budget.spent_in, None,
                                   LimitExceededError("decompression budget exhausted")))
    return info


def _u(fmt: str, data: bytes, offset: int = 0) -> tuple[int, ...]:
    return struct.unpack_from("<" + fmt, data, offset)


def _end_record(f: BinaryIO, size: int) -> tuple[int, int, int]:
    """Return ``(entries, central size, central offset)`` from the (zip64) end record."""
    tail_start = max(0, size - END_SEARCH)
    f.seek(tail_start)
    tail = f.read(size - tail_start)
    at = tail.rfind(END_SIG)
    while at >= 0 and at + 22 > len(tail):
        at = tail.rfind(END_SIG, 0, at)
    if at < 0:
        raise CorruptModelError("zip end-of-central-directory record missing")
    _, _, _, entries, cd_size, cd_offset, _ = _u("HHHHIIH", tail, at + 4)
    if 0xFFFF in (entries,) or 0xFFFFFFFF in (cd_size, cd_offset):
        loc = at - 20
        if loc < 0 or tail[loc:loc + 4] != ZIP64_LOCATOR_SIG:
            raise CorruptModelError("zip64 end-record locator missing")
        (z64,) = _u("Q", tail, loc + 8)
        if z64 + 56 > size:
            raise CorruptModelError("zip64 end record lies outside the file")
        f.seek(z64)
        rec = f.read(56)
        if len(rec) < 56 or rec[:4] != ZIP64_END_SIG:
            raise CorruptModelError("zip64 end record missing")
        entries, cd_size, cd_offset = _u("QQQ", rec, 32)
    if cd_offset + cd_size > size:
        raise CorruptModelError("zip central directory lies outside the file")
    if cd_size > MAX_CENTRAL:
        raise LimitExceededError(f"zip central directory over {MAX_CENTRAL} bytes")
    if entries > MAX_MEMBERS:
        raise LimitExceededError(f"zip declares over {MAX_MEMBERS} members")
    return entries, cd_size, cd_offset


def _zip64_extra(extra: bytes, usize: int, csize: int, local: int) -> tuple[int, int, int]:
    """Replace 0xFFFFFFFF fields by the zip64 extra field's values (APPNOTE 4.5.3)."""
    pos = 0
    while pos + 4 <= len(extra):
        tag, n = _u("HH", extra, pos)
        body = extra[pos + 4:pos + 4 + n]
        if tag == 1:
            values = [v for (v,) in struct.iter_unpack("<Q", body[: len(body) // 8 * 8])]
            fields = [usize, csize, local]
            for i, v in enumerate(fields):
                if v == 0xFFFFFFFF:
                    if not values:
                        raise CorruptModelError("zip64 extra field is short")
                    fields[i] = values.pop(0)
            return fields[0], fields[1], fields[2]
        pos += 4 + n
    return usize, csize, local


def _central(f: BinaryIO, size: int) -> list[Entry]:
    count, cd_size, cd_offset = _end_record(f, size)
    f.seek(cd_offset)
    cd = f.read(cd_size)
    if len(cd) != cd_size:
        raise CorruptModelError("zip central directory is truncated")
    entries: list[Entry] = []
    pos = 0
    for _ in range(count):
        if cd[pos:pos + 4] != CENTRAL_SIG or pos + 46 > len(cd):
            raise CorruptModelError("zip central directory entry is malformed")
        (_, needed, flags, method, _, _, _, csize, usize, n, m, k, _, _, _,
         local) = _u("HHHHHHIIIHHHHHII", cd, pos + 4)
        raw = cd[pos + 46:pos + 46 + n]
        extra = cd[pos + 46 + n:pos + 46 + n + m]
        if pos + 46 + n + m + k > len(cd):
            raise CorruptModelError("zip central directory entry overruns the directory")
        usize, csize, local = _zip64_extra(extra, usize, csize, local)
        name = raw.decode("utf-8" if flags & 0x800 else "cp437", "replace")
        entries.append(Entry(name, raw, method, flags, csize, usize, local, needed))
        pos += 46 + n + m + k
    return entries


def _local(f: BinaryIO, size: int, entry: Entry) -> None:
    """Fill ``entry.data`` and ``entry.local_name`` from its local header."""
    if entry.local + 30 > size:
        raise CorruptModelError("local header lies outside the file")
    f.seek(entry.local)
    hdr = f.read(30)
    if hdr[:4] != LOCAL_SIG:
        raise CorruptModelError("local header signature missing")
    n, m = _u("HH", hdr, 26)
    entry.local_name = f.read(n)
    entry.data = entry.local + 30 + n + m
    if entry.data + entry.csize > size:
        raise CorruptModelError("member data runs past the end of the file")


def _hidden(f: BinaryIO, size: int, known: dict[int, Entry]) -> list[Entry]:
    """Walk local headers from offset 0; return members the central directory does not list."""
    hidden: list[Entry] = []
    pos = 0
    for _ in range(MAX_MEMBERS):
        if pos + 30 > size:
            break
        f.seek(pos)
        hdr = f.read(30)
        if hdr[:4] != LOCAL_SIG:
            break
        needed, flags, method, _, _, _, csize, usize, n, m = _u("HHHHHIIIHH", hdr, 4)
        raw = f.read(n)
        data = pos + 30 + n + m
        entry = known.get(pos)
        if entry is not None:
            csize = entry.csize
        elif flags & 0x8 or 0xFFFFFFFF in (csize, usize) or data + csize > size:
            break  # its size is only in a descriptor or zip64 field: the walk cannot go on
        else:
            name = raw.decode("utf-8" if flags & 0x800 else "cp437", "replace")
            hidden.append(Entry(name, raw, method, flags, csize, usize, pos, needed, data, raw))
        pos = data + csize
        if flags & 0x8:  # data descriptor: optional signature, crc, sizes (8 or 16 bytes)
            f.seek(pos)
            pos += 4 if f.read(4) == DESCRIPTOR_SIG else 0
            wide = entry is not None and max(entry.csize, entry.usize) >= 0xFFFFFFFF
            pos += 20 if wide else 12
    return hidden


def _check_overlap(entries: list[Entry]) -> None:
    """Members whose data overlap are how non-recursive zip bombs reuse one compressed block."""
    spans = sorted((e.local, e.data + e.csize, e.name) for e in entries if e.data >= 0)
    for (_, end, name), (start, _, _) in zip(spans, spans[1:]):
        if start < end:
            raise LimitExceededError(f"zip members overlap at {name}, a zip bomb construction")


class _Scan:
    """State of one archive scan: members found, pickle globals, errors."""

    def __init__(self, f: BinaryIO, size: int, label: str, depth: int, budget: Budget,
                 within: str) -> None:
        self.f, self.size, self.label, self.depth, self.budget = f, size, label, depth, budget
        self.within = within  # path of this archive inside the top-level file ("a.zip:"), or ""
        self.members: list[Member] = []
        self.errors: list[Member] = []  # members that are models or pickles, or break the zip
        self.unsniffed: list[Member] = []  # members that failed before their format was known
        # Nested archives that could not be read (depth cap, broken directory): what they hold
        # is unknown, which makes no model of a zip of documents (reported only if it is one).
        self.archives: list[Member] = []
        self.structure: list[Member] = []  # local headers that disagree with the directory
        self.globals: list[str] = []
        # format id of the current member once known; "model-named": no reader took it, and its
        # name says model (formats.broken_model)
        self.kind: str | None = None
        self.last_pickle: PickleScan | None = None  # the walk of the last pickle member

    def open(self, e: Entry) -> BinaryIO:
        if e.method == STORED:
            raw: io.RawIOBase = Window(self.f, e.data, e.csize)
        elif e.method == DEFLATED:
            raw = Inflate(self.f, e.data, e.csize, e.usize, self.budget)
        else:
            raise FormatError(f"compression method {e.method} not read")
        return io.BufferedReader(raw, 64 * 1024)  # type: ignore[return-value]

    def add_globals(self, names: list[str]) -> None:
        self.globals.extend(g for g in names if g not in self.globals)

    def fail(self, e: Entry, err: FormatError, bucket: list[Member] | None = None) -> None:
        """Record ``err`` on member ``e`` (in ``errors`` unless another ``bucket`` is given).

        Once the file's decompression budget is spent, every later read fails for that reason
        alone: only the first such member is remembered, on the budget, for :func:`read`.
        """
        if self.budget.left < 0:
            if self.budget.spent_in is None:
                self.budget.spent_in = self.within + e.name
            return
        (self.errors if bucket is None else bucket).append(Member(e.name, None, err))

    def small(self, e: Entry, limit: int) -> bytes:
        """The whole of a small member (JSON, version text), or a FormatError."""
        if e.usize > limit:
            raise LimitExceededError(f"member over {limit} bytes")
        try:
            with self.open(e) as s:
                return s.read(limit + 1)[:limit]
        except READER_BUGS as exc:
            raise CorruptModelError(f"member unreadable ({type(exc).__name__})") from exc

    def walk_pickle(self, e: Entry, stream: BinaryIO) -> ModelInfo:
        """Walk a pickle member; a truncated walk still reports what it found (§3.1)."""
        from mllint.formats.pickle import model_info, scan_pickles  # a sibling reader

        result = scan_pickles(stream, 0, e.usize)
        self.last_pickle = result
        self.add_globals(result.globals)
        try:
            return model_info(result, "pickle")
        except FormatError as err:
            self.fail(e, err)
            return err.partial  # type: ignore[attr-defined, no-any-return]

    def member(self, e: Entry, pickle_named: bool, storage: bool) -> ModelInfo | None:
        """Sniff one member by content and read it; pickles are walked, archives recursed."""
        from mllint.formats.pickle import looks_like_pickle

        self.kind = "pickle" if pickle_named else None
        with self.open(e) as stream:
            head = stream.read(HEAD_SIZE)
            stream.seek(0)
            if pickle_named or (not storage and looks_like_pickle(head, e.usize)):
                self.kind = "pickle"
                return self.walk_pickle(e, stream)
            basename = PurePosixPath(e.name).name
            fmt = formats.identify(head, e.usize, basename)
            if fmt is None:
                reason = formats.broken_model(basename, head, e.usize)
                if reason is None:
                    return None
                self.kind = "model-named"  # a model by its name: its failure counts as one
                raise CorruptModelError(reason)
            self.kind = fmt.id
            if fmt.id == "zip":
                if self.depth + 1 > MAX_DEPTH:
                    raise LimitExceededError(f"archives nested over {MAX_DEPTH} deep")
                info = scan(stream, e.usize, f"{self.label}:{e.name}", self.depth + 1,
                            self.budget, f"{self.within}{e.name}:")
                if info is not None:  # the checks read one level: lift nested errors up
                    self.errors.extend(Member(f"{e.name}:{m.name}", None, m.error)
                                       for m in info.members if m.error is not None)
                    info.members = [m for m in info.members if m.error is None]
            else:
                path = MemberPath(self.label, e.name, e.usize, lambda: self.open(e))
                try:
                    info = fmt.read(path, head, e.usize)  # type: ignore[arg-type]
                except (AttributeError, TypeError):  # the reader needs a real file
                    info = self.read_spooled(fmt, e, head)
        if info is not None:
            self.add_globals(info.pickle_globals)
        return info

    def read_spooled(self, fmt: Format, e: Entry, head: bytes) -> ModelInfo | None:
        """Copy a member to a private temporary file and read that: for readers that look at
        siblings (``path.parent``) or hand the path to a library (``gzip.open``). Siblings of a
        member are not copied, so such readers see it alone."""
        if e.usize > SPOOL_MAX:
            raise LimitExceededError(f"member over {SPOOL_MAX} bytes needs a file to be read")
        name = re.sub(r"[^\w.-]", "_", PurePosixPath(e.name).name).lstrip(".") or "member"
        with tempfile.TemporaryDirectory(prefix="mllint-member-") as tmp:
            target = Path(tmp) / name
            with self.open(e) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            return fmt.read(target, head, e.usize)

    def try_member(self, e: Entry, pickle_named: bool = False,
                   storage: bool = False) -> ModelInfo | None:
        if self.budget.left < 0:
            return None  # the budget is spent: nothing more of this file is read
        try:
            return self.member(e, pickle_named, storage)
        except FormatError as err:
            error = err
        except READER_BUGS as exc:
            error = CorruptModelError(f"member unreadable ({type(exc).__name__})")
        bucket = (self.unsniffed if self.kind is None
                  else self.archives if self.kind == "zip" else self.errors)
        self.fail(e, error, bucket)
        return None


def scan(f: BinaryIO, size: int, label: str, depth: int, budget: Budget,
         within: str = "") -> ModelInfo | None:
    """Scan the archive in ``f`` (``size`` bytes); ``None`` when it holds no model.
    ``within``: the archive's path inside the top-level file, ``"outer.zip:"``, for names."""
    entries = _central(f, size)
    s = _Scan(f, size, label, depth, budget, within)
    readable: list[Entry] = []
    for e in entries:
        try:
            _local(f, size, e)
        except CorruptModelError as err:
            s.structure.append(Member(e.name, None, err))
            continue
        if e.local_name != e.raw_name:
            local = e.local_name.decode("utf-8", "replace")
            s.structure.append(Member(e.name, None, CorruptModelError(
                f"named {local} in its local header")))
        readable.append(e)
    _check_overlap(readable)
    for e in _hidden(f, size, {e.local: e for e in readable}):
        s.structure.append(Member(e.name, None, CorruptModelError(
            "missing from the central directory")))
        readable.append(e)
    files = [e for e in readable if not e.is_dir]
    names = {e.name for e in files}

    if "metadata.json" in names and "config.json" in names:
        info = _read_keras(s, files)
    elif (prefix := _torch_prefix(names, files)) is not None:
        info = _read_torch(s, files, prefix)
    elif (prefix := _package_prefix(names, files)) is not None:
        info = _read_torch_package(s, files, prefix)
    else:
        info = _read_generic(s, files)
    if info is None:
        return None
    info.pickle_globals = s.globals
    info.members.extend(s.structure + s.errors + s.archives + s.unsniffed)
    versions = sorted({e.version_needed for e in files})
    info.extra["zip_versions"] = [f"{v // 10}.{v % 10}" for v in versions]
    return info


def _torch_prefix(names: set[str], files: list[Entry]) -> str | None:
    """The directory of a torch zip (``archive/``) if ``data.pkl`` and ``version`` sit in it.

    torch.load takes the prefix from the first record (``caffe2/serialize/inline_container.cc``).
    """
    if not files or "/" not in files[0].name:
        return None
    prefix = files[0].name.split("/", 1)[0] + "/"
    has_version = prefix + "version" in names or prefix + ".data/version" in names
    return prefix if prefix + "data.pkl" in names and has_version else None


def _read_torch(s: _Scan, files: list[Entry], prefix: str) -> ModelInfo:
    script = any(e.name.startswith(prefix + "code/") for e in files) or (
        prefix + "constants.pkl" in {e.name for e in files})
    info = ModelInfo(format="torchscript" if script else "torch-zip", extra={"prefix": prefix})
    records = {e.name: e.usize for e in files}
    for e in files:
        rel = e.name[len(prefix):] if e.name.startswith(prefix) else e.name
        if rel in ("version", ".data/version", "byteorder"):
            try:
                info.extra[rel.lstrip(".").replace("/", "_")] = (
                    s.small(e, MAX_SMALL).decode("ascii", "replace").strip())
            except FormatError as err:
                s.fail(e, err)
            continue
        # data/<n> are raw tensor storages that torch never unpickles; sniffing them as pickles
        # would only turn float noise into false "corrupt pickle" reports.
        storage = rel.startswith("data/") and rel[5:].isdigit()
        pickle_named = rel in PICKLE_NAMES or rel.endswith(".debug_pkl")
        s.last_pickle = None
        model = s.try_member(e, pickle_named, storage)
        if rel in PICKLE_NAMES and s.last_pickle is not None:
            _count_tensors(info, s.last_pickle, records, prefix + STORAGE_DIRS[rel])
        if model is not None and model.format not in ("pickle", "joblib"):
            s.members.append(Member(e.name, model))
    info.members = s.members
    return info


def _package_prefix(names: set[str], files: list[Entry]) -> str | None:
    """The directory of a torch.package archive: ``PackageExporter`` always writes
    ``.data/extern_modules`` (torch/package/package_exporter.py), beside pickles saved under
    module paths (``model/model.pkl``), module sources, and storages ``.data/<id>.storage``."""
    if not files or "/" not in files[0].name:
        return None
    prefix = files[0].name.split("/", 1)[0] + "/"
    return prefix if prefix + ".data/extern_modules" in names else None


def _read_torch_package(s: _Scan, files: list[Entry], prefix: str) -> ModelInfo:
    """Every ``.pkl`` is a pickle (``save_pickle``) whose tensors are stored in
    ``.data/<key>.storage``; ``extern_modules`` lists, a line each, the modules the package
    imports from the loading environment rather than carrying them."""
    info = ModelInfo(format="torch-package", extra={"prefix": prefix})
    records = {e.name: e.usize for e in files}
    for e in files:
        rel = e.name[len(prefix):] if e.name.startswith(prefix) else e.name
        if rel in (".data/version", ".data/python_version", ".data/extern_modules"):
            try:
                text = s.small(e, MAX_SMALL).decode("utf-8", "replace")
            except FormatError as err:
                s.fail(e, err)
                continue
            key = rel.removeprefix(".data/")
            info.extra[key] = text.split() if key == "extern_modules" else text.strip()
            continue
        storage = rel.startswith(".data/") and rel.endswith(".storage")
        pickle_named = rel.endswith(".pkl")
        s.last_pickle = None
        model = s.try_member(e, pickle_named, storage)
        if pickle_named and s.last_pickle is not None:
            _count_tensors(info, s.last_pickle, records, prefix + ".data/", ".storage")
        if model is not None and model.format not in ("pickle", "joblib"):
            s.members.append(Member(e.name, model))
    info.members = s.members
    return info


def _count_tensors(info: ModelInfo, walked: PickleScan, records: dict[str, int],
                   directory: str, suffix: str = "") -> None:
    """Add a torch pickle's tensors to ``info``: their count, dtypes, and elements, each
    storage counting at most what its record ``directory + key + suffix`` holds (the id's
    declared count is not trusted: torch sizes a storage by its record). No record, no
    elements."""
    info.tensors = (info.tensors or 0) + walked.tensors
    elements = 0
    for storage in walked.storages:
        stored = records.get(directory + storage.key + suffix, 0) // storage.itemsize
        elements += min(storage.elements, stored)
    info.parameters = (info.parameters or 0) + elements
    info.dtypes = tuple(sorted({*info.dtypes, *walked.dtypes}))


def _read_keras(s: _Scan, files: list[Entry]) -> ModelInfo:
    info = ModelInfo(format="keras")
    by_name = {e.name: e for e in files}
    for doc in ("metadata.json", "config.json"):
        try:
            parsed = _keras.load_json(s.small(by_name[doc], _keras.MAX_JSON), doc)
        except FormatError as err:
            s.fail(by_name[doc], err)
            continue
        if not isinstance(parsed, dict):
            s.fail(by_name[doc], CorruptModelError(f"{doc} is not a JSON object"))
        elif doc == "metadata.json":
            for key in ("keras_version", "date_saved"):
                if isinstance(parsed.get(key), str):
                    info.extra[key] = parsed[key]
        else:
            info.extra["model_config"] = parsed
            try:
                info.extra["class_names"] = _keras.class_names(parsed)
            except FormatError as err:
                s.fail(by_name[doc], err)
    if "keras_version" in info.extra:
        info.provenance = Provenance(producer=[f"keras {info.extra['keras_version']}"])
    for e in files:
        if e.name in ("metadata.json", "config.json"):
            continue
        model = s.try_member(e)
        if model is None:
            continue
        if e.name.startswith("model.weights."):  # the weights; arrays here are a model's
            info.tensors, info.parameters = model.tensors, model.parameters
            info.dtypes = model.dtypes
        else:
            s.members.append(Member(e.name, model))
    info.members = s.members
    return info


def _read_generic(s: _Scan, files: list[Entry]) -> ModelInfo | None:
    for e in files:
        model = s.try_member(e)
        if model is not None:
            s.members.append(Member(e.name, model))
    if not s.members and not s.globals and not s.errors:
        # documents, images, source code, archives of them or unreadable archives: not a model
        # container
        return None
    return _generic_info(s)


def _generic_info(s: _Scan) -> ModelInfo:
    # A member that is itself an npz counts as arrays too (pytorch's caffe2 serialized tests
    # zip an inout.npz).
    arrays = [m.model for m in s.members
              if m.model is not None and m.model.format in ("npy", "npz")]
    if s.members and len(arrays) == len(s.members):
        # .npy members beside documents: np.load opens any zip as an npz; data unless context
        # says model (numpy.py)
        info = ModelInfo(format="npz", tensors=len(arrays),
                         parameters=sum(a.parameters or 0 for a in arrays),
                         dtypes=tuple(sorted({d for a in arrays for d in a.dtypes})))
        if any(a.extra.get("object_dtype") for a in arrays):
            info.extra["object_dtype"] = True
        return info
    return ModelInfo(format="zip", members=s.members)


FORMATS = (Format("zip", sniff, read, extensions=(".zip", ".pt", ".pth", ".keras", ".npz",
                                                  ".ckpt"), lead=LOCAL_SIG[:1]),)
