"""Tar archives found as files inside a package (``data/lm.arpa.tar.xz``), read as containers.

Not the upstream tarballs mllint is given as inputs (:mod:`mllint.unpack` writes those to disk):
here nothing is extracted. The archive is identified by content: ``ustar`` at offset 257 of the
(decompressed) stream, POSIX and GNU headers alike; gzip, bzip2, xz and (with the optional
``zstandard`` module, as :mod:`mllint.unpack`) zstd streams by their magic plus a tar header inside.
A bzip2 block decompresses only once whole, so a 4 KiB head of a big ``.tar.bz2`` shows no header:
such a stream is taken on its tar name and :func:`read` decides by content. Pre-POSIX (v7) tars
carry no magic and are not recognised.

The walk uses :mod:`tarfile` in stream mode (``"r|"``) over a decompressing stream this module
bounds, one forward pass: headers are parsed by tarfile, nothing is written to disk, links and
special members are never opened (only regular members are read, so names such as ``/etc/x`` or
``../x`` are mere strings). Each regular member's first 4 KiB is sniffed through
:func:`mllint.formats.identify`, as :mod:`mllint.formats.zipfmt` does for zip members, and a
model member is read by its format's reader through a forward-only view of the stream (its
first :data:`KEEP` bytes are kept, so readers may seek back within them); nested tars recurse
to :data:`MAX_DEPTH`.

Cost: reaching a member's header means decompressing every byte before it, and a big member's
data costs decompression time even when only its head is read. So the walk stops at the end of
the archive or at the first of: :data:`MAX_MODELS` model members found, :data:`MAX_MEMBERS`
headers, a header lying beyond the :data:`MAX_WALK` bytes budget (judged from the declared
member size before any of it is decompressed), or a compression ratio over :data:`MAX_RATIO`.
A model stored after 64 MiB of other members is therefore not seen; ``extra["incomplete"]``
says why a walk that found models stopped early. An archive in which no model is found is not
a model (``None``), whatever stopped the walk: source release tarballs stay silent.

Spec: POSIX.1-2017 pax "ustar Interchange Format" (header layout, magic at offset 257); GNU tar
manual "Basic Tar Format" (``ustar  \\0`` magic, long names, sparse members).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from mllint import formats, zstd
from mllint.formats._stream import Budget, MemberPath
from mllint.formats.base import (
    HEAD_SIZE,
    CorruptModelError,
    Format,
    FormatError,
    LimitExceededError,
    Member,
    ModelInfo,
)

MAGIC_AT, MAGIC = 257, b"ustar"  # POSIX "ustar\0" + "00"; GNU "ustar  \0"
MAX_MEMBERS = 10_000  # headers walked: a source release has a few thousand files, each sniffed
MAX_WALK = 64 << 20  # bytes of tar stream (decompressed) walked per top-level file, a nested
# archive's stream charged again: about 0.5 s of xz; model archives hold the model first
# (libime's lm_sc.arpa-20220810.tar.xz has one 70 MB member)
MAX_MODELS = 16  # model members found before the walk stops: each further one may cost the
# decompression of everything in between
MAX_DEPTH = 3  # archives inside archives, as zipfmt
MAX_RATIO = 200  # decompressed per compressed byte, judged past RATIO_AFTER: text ~4-10,
# tensors ~1; only runs of identical bytes (bombs, sparse images) go past it
RATIO_AFTER = 8 << 20  # bytes of output before the ratio is judged
MAX_META = 1 << 20  # bytes of a pax extended header or GNU long name (tarfile reads it whole)
KEEP = 1 << 20  # first bytes of a member kept so that its reader may seek back within them
SPOOL_MAX = 64 << 20  # bytes of a member copied to a temporary file for a path-bound reader
LEADS = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"),
         (b"\x28\xb5\x2f\xfd", "zstd"))
# Names that say tar: the fallback for a compressed head too short to show the header.
TAR_NAME = re.compile(r"\.(tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst)$", re.IGNORECASE)
CODEC_ERRORS: tuple[type[Exception], ...] = (  # gzip and bz2 report bad data as OSError
    EOFError, OSError, zlib.error, lzma.LZMAError)  # and zstd.errors(), once loaded
STREAM_ERRORS = (tarfile.TarError, ValueError, UnicodeDecodeError, *CODEC_ERRORS)
READER_BUGS = (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError,
               RecursionError, OverflowError, EOFError, MemoryError, tarfile.TarError)


_ALL_LEADS = tuple(lead for lead, _ in LEADS)


def _codec(head: bytes) -> str | None:
    if not head.startswith(_ALL_LEADS):  # one C call: most files are no compressed stream
        return None
    return next((codec for lead, codec in LEADS if head.startswith(lead)), None)


def _head_of(codec: str, head: bytes) -> tuple[bytes, bool] | None:
    """Up to 512 bytes decompressed from ``head``, and whether the stream ended there; ``None``
    when the head is no valid stream of ``codec``."""
    try:
        if codec == "gzip":
            z = zlib.decompressobj(31)
            return z.decompress(head, 512), z.eof
        if codec in ("bz2", "xz"):
            d = bz2.BZ2Decompressor() if codec == "bz2" else lzma.LZMADecompressor(
                lzma.FORMAT_XZ)
            return d.decompress(head, max_length=512), d.eof
        r = zstd.reader(io.BytesIO(head), across_frames=False)
        if r is None:
            return None
        with r:
            out = r.read(512)
        return out, len(out) < 512
    except (*STREAM_ERRORS, *zstd.errors()):
        return None


def sniff(head: bytes, size: int, name: str) -> bool:
    if head[MAGIC_AT:MAGIC_AT + 5] == MAGIC:
        return True
    codec = _codec(head)
    if codec is None:
        return False
    got = _head_of(codec, head)
    if got is None:
        return False
    out, ended = got
    if len(out) > MAGIC_AT + 5 or ended:
        return out[MAGIC_AT:MAGIC_AT + 5] == MAGIC
    return TAR_NAME.search(name) is not None  # bzip2: no output before a whole block


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    with path.open("rb") as f:
        return scan(f, head, str(path), 0, Budget(MAX_WALK))


class _Bounded(io.RawIOBase):
    """The tar stream: ``inner`` (a decompressing file, or ``raw`` itself for a plain tar) with
    every output byte charged to ``budget``, the ratio judged against the bytes read from
    ``raw``, and codec failures turned into :class:`CorruptModelError`."""

    def __init__(self, raw: BinaryIO, inner: BinaryIO, codec: str | None,
                 budget: Budget) -> None:
        super().__init__()
        self.raw, self.inner, self.codec, self.budget = raw, inner, codec, budget
        self.start = raw.tell()
        self.out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            n = self.inner.readinto(b)  # type: ignore[attr-defined]
        except (*CODEC_ERRORS, *zstd.errors()) as exc:
            raise CorruptModelError(f"{self.codec or 'tar'} stream is corrupt") from exc
        self.out += n
        self.budget.charge(n)
        if self.codec and self.out > RATIO_AFTER and (
                self.out > MAX_RATIO * max(1, self.raw.tell() - self.start)):
            raise LimitExceededError(f"{self.codec} compression ratio over {MAX_RATIO}")
        return n


def _decompressor(codec: str | None, raw: BinaryIO) -> BinaryIO:
    """As :func:`mllint.unpack._decompressor`: each wrapper reads concatenated streams."""
    if codec == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if codec == "bz2":
        return bz2.BZ2File(raw)  # type: ignore[return-value]
    if codec == "xz":
        return lzma.LZMAFile(raw)  # type: ignore[return-value]
    if codec == "zstd":
        stream = zstd.reader(raw)
        if stream is None:
            raise LimitExceededError("zstd stream not read: the zstandard module is missing")
        return stream
    return raw


class _Header(tarfile.TarInfo):
    """tarfile's header parser with caps on what it would otherwise read whole into memory.

    Overrides tarfile's (private, stable since Python 3.2) per-type dispatch: pax extended
    headers and GNU long names are read in one piece of their declared size, and a sparse map
    grows with the stream, so those are refused before being read."""

    def _proc_member(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        meta = (tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK, tarfile.XHDTYPE,
                tarfile.XGLTYPE, tarfile.SOLARIS_XHDTYPE)
        if self.type in meta and self.size > MAX_META:
            raise LimitExceededError(f"tar extended header over {MAX_META} bytes")
        if self.type == tarfile.GNUTYPE_SPARSE:
            raise LimitExceededError("sparse tar member not read")
        return super()._proc_member(tarfile_)  # type: ignore[misc, no-any-return]

    def _proc_gnusparse_10(self, next: tarfile.TarInfo, pax_headers: dict[str, str],
                           tarfile_: tarfile.TarFile) -> None:
        raise LimitExceededError("sparse tar member not read")


class _Data:
    """One member's data as tarfile streams it, read forward; the first :data:`KEEP` bytes are
    kept so that every opening (:class:`_View`) may start again from 0."""

    def __init__(self, raw: BinaryIO, size: int) -> None:
        self.raw, self.size, self.pos = raw, size, 0
        self.kept = bytearray()

    def _pull(self, n: int) -> bytes:
        data = self.raw.read(n)
        if self.pos == len(self.kept) and self.pos < KEEP:
            self.kept += data[:KEEP - self.pos]
        self.pos += len(data)
        return data

    def read_at(self, pos: int, n: int) -> bytes:
        if pos < self.pos:  # within the kept bytes, or not at all
            if pos >= len(self.kept):
                raise LimitExceededError(f"tar member read backwards past its first {KEEP} "
                                         "bytes")
            return bytes(self.kept[pos:pos + n])  # maybe short: the next read goes on from there
        while self.pos < pos:  # seeking forwards: decompress and drop
            if not self._pull(min(pos - self.pos, 1 << 16)):
                return b""
        return self._pull(n)

    def head(self) -> bytes:
        out = b""
        while len(out) < HEAD_SIZE:
            chunk = self.read_at(len(out), HEAD_SIZE - len(out))
            if not chunk:
                break
            out += chunk
        return out


class _View(io.RawIOBase):
    """A seekable-looking stream over a :class:`_Data`: forward seeks read through, backward
    ones work within the kept bytes."""

    def __init__(self, data: _Data) -> None:
        super().__init__()
        self.data, self.pos = data, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        origin = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.data.size}[whence]
        if origin + offset < 0:
            raise OSError("negative seek position")
        self.pos = origin + offset
        return self.pos

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        want = min(len(b), self.data.size - self.pos)
        if want <= 0:
            return 0
        chunk = self.data.read_at(self.pos, want)
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


def _open(data: _Data) -> BinaryIO:
    return io.BufferedReader(_View(data), 64 * 1024)  # type: ignore[return-value]


class _Walk:
    """State of one archive walk: model members, errors, and why it stopped early."""

    def __init__(self, label: str, depth: int, budget: Budget) -> None:
        self.label, self.depth, self.budget = label, depth, budget
        self.members: list[Member] = []
        self.failed: list[Member] = []  # members identified as a model whose reader failed
        self.broken: list[Member] = []  # the stream failing between members
        self.unsniffed: list[Member] = []  # members that failed before their format was known
        self.globals: list[str] = []
        self.sizes: dict[str, int] = {}  # declared size of each model member, bytes
        self.incomplete = ""

    def run(self, tf: tarfile.TarFile) -> None:
        name = ""
        for count in range(MAX_MEMBERS + 1):
            try:
                info = tf.next()
            except (FormatError, *STREAM_ERRORS, *zstd.errors()) as exc:
                self.stop(name, exc if isinstance(exc, FormatError) else CorruptModelError(
                    f"tar stream broken after this member ({type(exc).__name__})"))
                return
            if info is None:
                return
            if count == MAX_MEMBERS:
                self.incomplete = f"over {MAX_MEMBERS} members"
                return
            name = info.name
            if info.isreg() and (info.size > 0 or formats.broken_model(
                    PurePosixPath(name).name, b"", 0) is not None):  # an empty model file
                self.try_member(tf, info)
            if len(self.members) >= MAX_MODELS:
                self.incomplete = f"{MAX_MODELS} model members found"
                return
            ahead = tf.offset - tf.fileobj.tell()  # type: ignore[attr-defined]
            if ahead > self.budget.left:
                self.incomplete = f"next header beyond the {MAX_WALK >> 20} MiB walk"
                return

    def stop(self, name: str, err: FormatError) -> None:
        """The stream failed reading the header after ``name``: an error of the archive, which
        matters only if a model was found before it."""
        if isinstance(err, LimitExceededError):
            self.incomplete = err.reason
        self.broken.append(Member(name or "(first header)", None, err))

    def try_member(self, tf: tarfile.TarFile, info: tarfile.TarInfo) -> None:
        identified = [False]
        try:
            model = self.member(tf, info, identified)
        except FormatError as err:
            error = err
        except READER_BUGS as exc:
            error = CorruptModelError(f"member unreadable ({type(exc).__name__})")
        else:
            if model is not None:
                self.members.append(Member(info.name, model))
                self.sizes[info.name] = info.size
                self.globals.extend(g for g in model.pickle_globals if g not in self.globals)
            return
        (self.failed if identified[0] else self.unsniffed).append(Member(info.name, None, error))

    def member(self, tf: tarfile.TarFile, info: tarfile.TarInfo,
               identified: list[bool]) -> ModelInfo | None:
        raw = tf.extractfile(info)  # a regular member: never a link
        if raw is None:
            return None
        data = _Data(raw, info.size)  # type: ignore[arg-type]
        head = data.head()
        basename = PurePosixPath(info.name).name
        fmt = formats.identify(head, info.size, basename)
        if fmt is None:
            reason = formats.broken_model(basename, head, info.size)
            if reason is None:
                return None
            identified[0] = True  # a model by its name: its failure counts as one
            raise CorruptModelError(reason)
        identified[0] = True
        label = f"{self.label}:{info.name}"
        if fmt.id == "tar":
            if self.depth + 1 > MAX_DEPTH:
                raise LimitExceededError(f"archives nested over {MAX_DEPTH} deep")
            with _open(data) as stream:
                nested = scan(stream, head, label, self.depth + 1, self.budget)
            if nested is not None:  # the checks read one level: lift nested errors up
                self.failed.extend(Member(f"{info.name}:{m.name}", None, m.error)
                                   for m in nested.members if m.error is not None)
                nested.members = [m for m in nested.members if m.error is None]
            return nested
        if fmt.id == "zip" and info.size > KEEP:  # zip reads its directory at the end
            return self.spooled(fmt, data, info, head)
        path = MemberPath(self.label, info.name, info.size, lambda: _open(data))
        try:
            return fmt.read(path, head, info.size)  # type: ignore[arg-type]
        except (AttributeError, TypeError):  # the reader needs a real file
            return self.spooled(fmt, data, info, head)

    def spooled(self, fmt: Format, data: _Data, info: tarfile.TarInfo,
                head: bytes) -> ModelInfo | None:
        """Copy a member to a private temporary file and read that (as zipfmt does); its name
        is reduced to safe characters, so no member name reaches the file system."""
        if info.size > SPOOL_MAX:
            raise LimitExceededError(f"member over {SPOOL_MAX} bytes needs a file to be read")
        name = re.sub(r"[^\w.-]", "_", PurePosixPath(info.name).name).lstrip(".") or "member"
        with tempfile.TemporaryDirectory(prefix="mllint-member-") as tmp:
            target = Path(tmp) / name
            with _open(data) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            return fmt.read(target, head, info.size)


def _keep(member: Member, size: int) -> bool:
    """Whether a model member counts, by :mod:`mllint.inventory`'s rules for files: arrays only
    when named as weights, and a small model under a test directory or named as a test is a
    test fixture (KenLM's lm/test_nounk.arpa in libime's release tarball)."""
    from mllint import inventory  # its rules for items, applied to members' names

    model, name = member.model, member.name
    if model is None:
        return True
    if model.format in inventory.ARRAY_FORMATS:
        return bool(inventory.WEIGHT_NAME.search(PurePosixPath(name).name))
    if model.trained is False:
        return False
    test = (inventory.TEST_DIR.search(name) or inventory.TEST_CASE_DIR.search(name)
            or inventory.TEST_NAME.search(PurePosixPath(name).name))
    small = size <= inventory.FIXTURE_MAX_SIZE or (
        model.parameters is not None and model.parameters <= inventory.FIXTURE_MAX_PARAMETERS)
    return not (test and small)


def scan(raw: BinaryIO, head: bytes, label: str, depth: int, budget: Budget) -> ModelInfo | None:
    """Walk the tar stream in ``raw`` (whose first bytes are ``head``); ``None`` when no model
    member is found."""
    codec = _codec(head)
    try:
        stream = io.BufferedReader(_Bounded(raw, _decompressor(codec, raw), codec, budget),
                                   1 << 16)
        tf = tarfile.open(fileobj=stream, mode="r|", tarinfo=_Header,  # type: ignore[call-overload]
                          encoding="utf-8", errors="surrogateescape")
    except (FormatError, *STREAM_ERRORS, *zstd.errors()):
        return None  # not a tar after all (a bzip2 stream taken on its name), or unreadable
    walk = _Walk(label, depth, budget)
    with tf:
        walk.run(tf)
    members = [m for m in walk.members if _keep(m, walk.sizes[m.name])]
    if not members and not walk.failed:
        return None  # documents, source code, data: not a model container
    info = ModelInfo(format="tar", members=members + walk.failed + walk.broken + walk.unsniffed,
                     pickle_globals=walk.globals)
    if codec:
        info.extra["compression"] = codec
    if walk.incomplete:
        info.extra["incomplete"] = walk.incomplete
    return info


FORMATS = (Format("tar", sniff, read, extensions=(".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
                                                  ".tar.xz", ".txz", ".tar.zst", ".tzst"),
                  marks=((MAGIC_AT, MAGIC), *((0, lead) for lead in _ALL_LEADS))),)
