"""Safe extraction of upstream archives into a private temporary directory.

``mllint foo-1.2.tar.gz`` (and ``.tgz``, ``.tar.xz``, ``.tar.bz2``, ``.tar.zst``, ``.tar``, ``.zip``,
``foo_1.2.orig.tar.*`` with its ``orig-COMPONENT`` tarballs) is unpacked here, scanned from the
temporary copy, and the copy is removed, also on error, Ctrl-C and SIGTERM.

The archive is hostile until proven otherwise. Python's ``tarfile.data_filter`` (3.11.4+) is the
base for tar members; where this module goes further it says so in a comment. The rules:

* no member is written outside the temporary directory: absolute names and names with ``..`` are
  refused (``data_filter`` would strip a leading ``/`` and extract; we refuse and report, as the issue
  asks), nothing is ever written through a symlink, hard links must name a regular file extracted
  earlier from the same archive, and after extraction every symlink is resolved component by
  component and removed if it leads out (``data_filter`` checks links one at a time with
  ``os.path.realpath`` when they are created: order-dependent, and bypassable on Pythons before
  3.11.13 through paths longer than PATH_MAX, CVE-2025-4517);
* device files, fifos and unknown member types are refused;
* the total bytes written, the member count and the expansion ratio are capped while streaming, so
  a decompression bomb stops after :attr:`Limits.ratio_floor` bytes, not after it fills the disk;
* names that are not UTF-8 are kept byte for byte (``surrogateescape``), as ``dpkg-source`` and tar
  would create them, and shown escaped in messages.

Refused members do not stop the run; they are listed in :attr:`Unpacked.refused` for the caller to
report. A cap that trips, or an archive that cannot be read, raises :class:`UnpackError`.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import lzma
import os
import posixpath
import re
import shutil
import signal
import stat
import sys
import tarfile
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from mllint import zstd
from mllint.upstream import TAR_SUFFIXES

CHUNK = 1 << 20
"""Bytes copied per step (1 MiB); every step checks the caps."""

MAX_LINK_HOPS = 40
"""Symlinks followed while resolving one path, the kernel's own limit (MAXSYMLINKS)."""


# dpkg-source's component names (Dpkg::Source::Package::V2): orig-COMPONENT.tar.EXT.
_ORIG = re.compile(r"^(?P<stem>.+_[^_]+)\.orig\.tar\.[^.]+$")
_COMPONENT = r"\.orig-(?P<component>[A-Za-z0-9-]+)\.tar\.[^.]+$"


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on one input (all its archives together). Sizes in bytes."""

    max_bytes: int = 16 << 30
    """Total bytes written. Upstream releases with model weights reach several GiB."""
    max_members: int = 250_000
    """Members of all kinds. A Linux kernel tarball has about 90,000; a tar with 100,000 empty
    members unpacks in a few seconds, so the cap is there for millions, not for big projects."""
    max_ratio: int = 200
    """Bytes expanded per compressed byte. Source text compresses 4-10 times, model weights barely;
    gzip of zeros reaches about 1,000, xz and bzip2 far more."""
    ratio_floor: int = 64 << 20
    """The ratio is enforced only once this many bytes were expanded, so small archives of very
    compressible text (a 5 MiB log of repeated lines) are never refused."""
    max_link_target: int = 4096
    """Longest symlink target in a zip, where the target is the member's content (PATH_MAX)."""


REMOVE_DEPTH = 100_000  # directory levels remove_tree removes (frames, not C stack)
MAX_DEPTH = 256
"""Directories a member may be nested in. The unpacked copy is removed with shutil.rmtree, which
recurses once per level: a hostile archive 1,500 levels deep exceeded Python's recursion limit
and left its copy behind (newcomer trial). Real sources nest ~20 levels."""


def too_deep(name: str) -> bool:
    """Whether member ``name`` is nested deeper than :data:`MAX_DEPTH` directories."""
    return name.strip("/").count("/") >= MAX_DEPTH


def deep_refusal(names: list[str]) -> tuple[str, str]:
    """One warning for all members that were :func:`too_deep` (a hostile tree has thousands):
    (member text, reason)."""
    more = f" and {len(names) - 1} more" if len(names) > 1 else ""
    return names[0] + more, f"nested deeper than {MAX_DEPTH} directories"


class UnpackError(Exception):
    """The archive cannot be unpacked at all; ``reason`` is one line for ``Skipping X: reason``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnpackLimitError(UnpackError):
    """A cap of :class:`Limits` tripped (decompression bomb, too many members, too large)."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """A member that was not extracted (or was removed afterwards), and why."""

    archive: str  # base name of the archive file
    member: str  # the member's name as written, non-printable and non-UTF-8 bytes escaped
    reason: str  # short, lower case, e.g. "absolute path", "symlink to /etc leaves the tree"

    def __str__(self) -> str:
        return f"{self.archive}: {self.member}: {self.reason}"


@dataclass(slots=True)
class Unpacked:
    """The outcome of :func:`unpacked`: where the tree is and what was left out."""

    root: Path  # the source tree (a single top-level directory is entered, as dpkg-source does)
    archives: list[Path]  # the main archive first, then orig-COMPONENT tarballs by component name
    members: int = 0
    bytes: int = 0  # bytes written
    refused: list[Refusal] = field(default_factory=list)


def orig_components(orig: Path) -> dict[str, Path]:
    """The ``orig-COMPONENT`` tarballs next to ``foo_1.2.orig.tar.EXT``, by component name.

    Like dpkg-source, any compression is accepted for a component; signatures (``.asc``) do not
    match. A component that exists with two compressions is ambiguous: the first name wins.
    """
    m = _ORIG.match(orig.name)
    if m is None:
        return {}
    pattern = re.compile(re.escape(m["stem"]) + _COMPONENT)
    found: dict[str, Path] = {}
    try:
        names = sorted(os.listdir(orig.parent or "."))
    except OSError:
        return {}
    for name in names:
        c = pattern.match(name)
        if c and c["component"] not in found and name.lower().endswith(TAR_SUFFIXES):
            found[c["component"]] = orig.parent / name
    return dict(sorted(found.items()))


def display_name(name: str) -> str:
    """``name`` for a one-line message: undecodable bytes as ``\\xNN``, controls escaped."""
    raw = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in raw)


@contextmanager
def unpacked(archive: Path, limits: Limits = Limits()) -> Iterator[Unpacked]:
    """Unpack ``archive`` (and its orig components) into a fresh private directory; yield the
    result; remove the directory when the block ends, however it ends.

    Raises :class:`UnpackError` (the directory already removed) when the archive cannot be read
    or a cap trips. While the block runs, SIGTERM raises ``SystemExit(143)`` so that the removal
    runs on ``kill`` as it does on Ctrl-C (only in the main thread, and only when SIGTERM still has
    its default action).
    """
    tmp = Path(tempfile.mkdtemp(prefix="mllint-"))  # mode 0700: private to this user
    try:
        with _sigterm_as_exit():
            yield _unpack_all(archive, tmp, limits)
    finally:
        remove_tree(tmp)


def remove_tree(path: Path) -> None:
    """Remove ``path`` with SIGINT and SIGTERM held back, so a second Ctrl-C cannot leave half a
    tree behind; a signal that arrived meanwhile is delivered when removal is done.

    shutil.rmtree recurses once per directory level: the recursion limit is raised meanwhile,
    so that a tree that dpkg-source unpacked thousands of levels deep goes too. (Since Python
    3.11 a call from Python to Python takes no C stack, so the limit only counts frames.)"""
    held = {signal.SIGINT, signal.SIGTERM}
    in_main = threading.current_thread() is threading.main_thread()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held) if in_main else None
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, REMOVE_DEPTH))
    try:
        shutil.rmtree(path, onerror=_make_writable)
    except FileNotFoundError:
        pass
    finally:
        sys.setrecursionlimit(limit)
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _make_writable(func: Callable[..., object], path: str, exc_info: object) -> None:
    """rmtree's error hook: a directory without write permission cannot lose its entries; we
    normalise modes on extraction, so this only matters if a check changed one."""
    parent = os.path.dirname(path)
    try:
        os.chmod(parent, 0o700)
        func(path)
    except FileNotFoundError:
        pass


@contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL):
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _unpack_all(archive: Path, tmp: Path, limits: Limits) -> Unpacked:
    components = orig_components(archive)
    budget = _Budget(limits)
    result = Unpacked(root=tmp, archives=[archive, *components.values()])
    main = tmp / "main"
    _unpack_one(archive, main, budget, result)
    result.root = _enter_single_directory(main)
    # dpkg-source -x: each component goes to <root>/<component>/, replacing what the main
    # tarball had there (an empty directory silently, anything else with a warning).
    for component, path in components.items():
        stage = tmp / f"component-{component}"
        _unpack_one(path, stage, budget, result)
        dest = result.root / component
        try:
            st = os.lstat(dest)
        except FileNotFoundError:
            st = None
        if st is not None:
            if stat.S_ISDIR(st.st_mode):
                try:
                    os.rmdir(dest)
                except OSError:
                    shutil.rmtree(dest)
                    result.refused.append(Refusal(archive.name, component + "/",
                                                  f"replaced by {path.name}"))
            else:
                os.unlink(dest)
                result.refused.append(Refusal(archive.name, component,
                                              f"replaced by {path.name}"))
        os.rename(_enter_single_directory(stage), dest)
    if budget.links:  # most archives have none: spare the walk over every entry
        _remove_escaping_links(tmp, result)
    result.members, result.bytes = budget.members, budget.written
    return result


def _enter_single_directory(stage: Path) -> Path:
    """The tree's root: ``stage`` itself, or its only entry if that is a real directory
    (Dpkg::Source::Archive renames a lone top-level directory to the package directory)."""
    entries = os.listdir(stage)
    if len(entries) == 1:
        only = stage / entries[0]
        if stat.S_ISDIR(os.lstat(only).st_mode):
            return only
    return stage


class _Budget:
    """Counts members and bytes for one input and raises when a cap trips.

    The expansion ratio is judged per archive: ``expanded`` bytes (decompressed stream or written,
    whichever is larger: a sparse tar member writes more than its stream holds) against the
    compressed bytes ``consumed`` so far.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.members = 0
        self.links = 0  # symlinks created
        self.written = 0
        self.stream = 0  # decompressed bytes read in the current archive
        self.archive_written = 0
        self.consumed: Callable[[], int] = lambda: 0
        self.name = ""

    def start(self, name: str, consumed: Callable[[], int]) -> None:
        self.name, self.consumed, self.stream, self.archive_written = name, consumed, 0, 0

    def member(self) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise UnpackLimitError(f"more than {self.limits.max_members} members")

    def read(self, n: int) -> None:
        self.stream += n
        self._ratio()

    def wrote(self, n: int) -> None:
        self.written += n
        self.archive_written += n
        if self.written > self.limits.max_bytes:
            raise UnpackLimitError(f"more than {_mib(self.limits.max_bytes)} when unpacked")
        self._ratio()

    def _ratio(self) -> None:
        expanded = max(self.stream, self.archive_written)
        if expanded > self.limits.ratio_floor:
            consumed = max(self.consumed(), 1)
            if expanded > self.limits.max_ratio * consumed:
                raise UnpackLimitError(
                    f"expands more than {self.limits.max_ratio} times "
                    f"(stopped at {_mib(expanded)} from {_mib(consumed)}; decompression bomb?)")


def _mib(n: int) -> str:
    return f"{n / (1 << 20):.0f} MiB" if n >= 1 << 20 else f"{n} bytes"


class _CountingReader:
    """The decompressed stream as tarfile sees it: every byte passes the budget first."""

    def __init__(self, inner: BinaryIO, budget: _Budget) -> None:
        self.inner = inner
        self.budget = budget

    def read(self, n: int = -1) -> bytes:
        # tarfile's stream mode reads in RECORDSIZE (10 KiB) steps; never read unbounded.
        data = self.inner.read(n if 0 <= n <= CHUNK else CHUNK)
        self.budget.read(len(data))
        return data


def _unpack_one(archive: Path, stage: Path, budget: _Budget, result: Unpacked) -> None:
    stage.mkdir()
    try:
        raw = open(archive, "rb")
    except OSError as exc:
        raise UnpackError(exc.strerror or str(exc)) from None
    with raw:
        magic = raw.read(6)
        raw.seek(0)
        writer = _Writer(stage, budget, result, archive.name)
        try:
            if archive.name.lower().endswith(".zip"):
                _unpack_zip(raw, archive, writer, budget)
            else:
                _unpack_tar(raw, magic, archive, writer, budget)
            writer.refuse_deep()
        except UnpackError:
            raise
        except (*_READ_ERRORS, *zstd.errors()) as exc:
            # Truncated or corrupt streams, bad headers, a full disk: the input is skipped.
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise UnpackError(f"cannot unpack {archive.name}: {reason}") from None


_READ_ERRORS: tuple[type[Exception], ...] = (
    tarfile.TarError, zipfile.BadZipFile, EOFError, zlib.error, lzma.LZMAError,
    UnicodeDecodeError, ValueError, OSError)


def _decompressor(raw: BinaryIO, magic: bytes, name: str) -> BinaryIO:
    """The decompressed stream, chosen by magic bytes (a misnamed .tar.gz still opens).

    Each wrapper reads concatenated streams (pigz, pbzip2 and pixz write several), which
    tarfile's own stream mode does not for gzip.
    """
    if magic.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if magic.startswith(b"BZh"):
        return bz2.BZ2File(raw)
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(raw)
    if magic.startswith(b"\x28\xb5\x2f\xfd"):
        stream = zstd.reader(raw)
        if stream is None:
            raise UnpackError(f"cannot read {name}: zstd support needs the zstandard module")
        return stream
    return raw


def _unpack_tar(raw: BinaryIO, magic: bytes, archive: Path, writer: _Writer,
                budget: _Budget) -> None:
    budget.start(archive.name, raw.tell)
    stream = _CountingReader(_decompressor(raw, magic, archive.name), budget)
    # Stream mode ("r|"): one forward pass, no seeking back into a compressed stream. Names are
    # decoded as UTF-8 with surrogateescape whatever the locale, so the bytes round-trip.
    with tarfile.open(fileobj=stream, mode="r|", encoding="utf-8",  # type: ignore[call-overload]
                      errors="surrogateescape") as tf:
        for member in tf:
            budget.member()
            writer.tar_member(tf, member)


def _unpack_zip(raw: BinaryIO, archive: Path, writer: _Writer, budget: _Budget) -> None:
    size = os.fstat(raw.fileno()).st_size
    budget.start(archive.name, lambda: size)  # the whole file is available: judge against it
    limits = budget.limits
    with zipfile.ZipFile(raw) as zf:
        infos = zf.infolist()
        # The central directory declares every size up front: refuse a bomb before writing.
        # ZipExtFile never returns more than file_size, so the declared sizes bind; the written
        # bytes are still counted, because overlapping members (one compressed blob named by
        # many entries) keep each member's ratio low while the total explodes.
        if budget.members + len(infos) > limits.max_members:
            raise UnpackLimitError(f"more than {limits.max_members} members")
        declared = sum(i.file_size for i in infos)
        if budget.written + declared > limits.max_bytes:
            raise UnpackLimitError(f"declares {_mib(declared)}, more than "
                                   f"{_mib(limits.max_bytes)} when unpacked")
        if declared > limits.ratio_floor and declared > limits.max_ratio * max(size, 1):
            raise UnpackLimitError(f"declares {_mib(declared)} from {_mib(size)}, more than "
                                   f"{limits.max_ratio} times (decompression bomb?)")
        for info in infos:
            budget.member()
            writer.zip_member(zf, info)


class _Writer:
    """Creates members under ``stage`` without ever following a symlink.

    Paths are plain strings: with 100,000 members, pathlib's overhead is measurable.
    """

    def __init__(self, stage: Path, budget: _Budget, result: Unpacked, archive: str) -> None:
        self.stage = str(stage)
        self.budget = budget
        self.result = result
        self.archive = archive
        self.dirs: set[str] = {""}  # relative directories known to be real directories
        self.files: set[str] = set()  # regular files written, for hard links
        self.refused_links: set[str] = set()  # symlinks not created: nothing goes under them
        self.deep: list[str] = []  # members nested deeper than MAX_DEPTH: refused as one

    def refuse_deep(self) -> None:
        if self.deep:
            self.result.refused.append(Refusal(self.archive, *deep_refusal(
                [display_name(n) for n in self.deep])))

    def refuse_link(self, member: tarfile.TarInfo, name: str) -> None:
        if member.issym():
            self.refused_links.add(name)

    def _path(self, name: str) -> str:
        return f"{self.stage}/{name}"

    def refuse(self, raw_name: str, reason: str) -> None:
        self.result.refused.append(Refusal(self.archive, display_name(raw_name), reason))

    # -- tar -------------------------------------------------------------------------------

    def tar_member(self, tf: tarfile.TarFile, member: tarfile.TarInfo) -> None:
        name = self._clean(member.name)
        if not name:
            return  # refused, or "./" (the archive's root)
        if member.isreg():
            # data_filter adds nothing for a regular file that our own rules do not cover more
            # strictly (its check is realpath of the destination; ours: no "..", no absolute
            # name, no symlink on the way, O_NOFOLLOW), and its realpath costs half the time of
            # a 100,000-member archive. Its mode rule is the one applied: owner-executable
            # files stay executable, everything else loses its x bits.
            src = tf.extractfile(member)
            assert src is not None  # regular members always have a file object
            self.file(member.name, name, src, bool(member.mode & 0o100))
            return
        if member.isdir():
            self.directory(member.name, name)
            return
        # Links and special files: the standard filter first (absolute link targets, targets
        # resolving outside the destination, device files, fifos, unknown types). Its messages
        # carry our temporary path; ours are short and stable.
        try:
            tarfile.data_filter(member, self.stage)
        except tarfile.SpecialFileError:
            self.refuse(member.name, _special_kind(member))
            return
        except tarfile.AbsoluteLinkError:
            self.refuse_link(member, name)
            self.refuse(member.name, f"{_link_kind(member)} to {display_name(member.linkname)}"
                                     " (absolute)")
            return
        except tarfile.LinkOutsideDestinationError:
            self.refuse_link(member, name)
            self.refuse(member.name, f"{_link_kind(member)} to {display_name(member.linkname)}"
                                     " leaves the tree")
            return
        except tarfile.FilterError as exc:
            self.refuse(member.name, f"refused by tarfile's data filter ({type(exc).__name__})")
            return
        if member.issym():
            self.symlink(member.name, name, member.linkname)
        else:  # data_filter lets only regular files, directories and links through
            self.hardlink(member.name, name, member.linkname)

    # -- zip -------------------------------------------------------------------------------

    def zip_member(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        name = self._clean(info.filename)
        if not name:
            return
        # Unix modes live in the high 16 bits of external_attr when the creator was Unix (3);
        # zipfile's own extract() ignores them and would write a symlink as a text file.
        mode = info.external_attr >> 16 if info.create_system == 3 else 0
        kind = stat.S_IFMT(mode)
        if info.is_dir() or kind == stat.S_IFDIR:
            self.directory(info.filename, name)
            return
        if kind not in (0, stat.S_IFREG, stat.S_IFLNK):
            self.refuse(info.filename, _special_kind_mode(kind))
            return
        try:
            with zf.open(info) as src:
                if kind == stat.S_IFLNK:
                    target = src.read(self.budget.limits.max_link_target + 1)
                    self.budget.wrote(len(target))
                    if len(target) > self.budget.limits.max_link_target:
                        self.refuse(info.filename, "symlink target too long")
                        return
                    self.symlink(info.filename, name, target.decode("utf-8", "surrogateescape"))
                else:
                    self.file(info.filename, name, src, bool(mode & 0o100))
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            self._discard(name)
            self.refuse(info.filename, "encrypted" if "encrypted" in str(exc) else str(exc))
        except NotImplementedError:
            self._discard(name)
            self.refuse(info.filename, f"unsupported compression method {info.compress_type}")
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError) as exc:
            # One corrupt entry does not spoil the others: the central directory indexes them.
            self._discard(name)
            self.refuse(info.filename, f"corrupt ({exc})")

    # -- creating entries --------------------------------------------------------------------

    def _clean(self, raw_name: str) -> str | None:
        """The member's relative POSIX name, ``""`` for the root, or ``None`` if refused.

        Beyond data_filter: an absolute name is refused rather than re-rooted, and ``..`` is
        refused outright even where it would resolve inside (``a/../b``), as no honest archive
        needs it.
        """
        if raw_name.startswith("/"):
            self.refuse(raw_name, "absolute path")
            return None
        name = _normalize(raw_name)
        if name is None:
            self.refuse(raw_name, "path contains ..")
        elif too_deep(name):
            self.deep.append(raw_name)
            return None
        return name

    def _parent(self, raw_name: str, name: str) -> bool:
        """Make sure every parent of ``name`` is a real directory, creating missing ones.

        A parent that is a symlink is never entered (data_filter's realpath check would let a
        link that points inside be written through; we write through none)."""
        parent = posixpath.dirname(name)
        if self.refused_links:
            # A member under a refused symlink ("link -> /etc", then "link/passwd") is meant to
            # go through it; creating a real directory in its place would hide the attempt.
            for built in _prefixes(parent):
                if built in self.refused_links:
                    self.refuse(raw_name, f"path goes through refused symlink "
                                          f"{display_name(built)}")
                    return False
        if parent in self.dirs:
            return True
        built = ""
        for part in parent.split("/"):
            built = f"{built}/{part}" if built else part
            if built in self.dirs:
                continue
            path = self._path(built)
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                try:
                    os.mkdir(path, 0o755)
                except OSError as exc:
                    self.refuse(raw_name, f"cannot create {display_name(built)}: {exc.strerror}")
                    return False
            else:
                if stat.S_ISLNK(st.st_mode):
                    self.refuse(raw_name, f"path goes through symlink {display_name(built)}")
                    return False
                if not stat.S_ISDIR(st.st_mode):
                    self.refuse(raw_name, f"parent {display_name(built)} is not a directory")
                    return False
            self.dirs.add(built)
        return True

    def _create(self, raw_name: str, name: str, make: Callable[[str], object]) -> bool:
        """Run ``make(path)`` for a new entry. If something is already there, a later member
        replaces an earlier one as tar does (the old entry is unlinked, never written through);
        a directory is never replaced. The common case costs no extra system call."""
        if not self._parent(raw_name, name):
            return False
        path = self._path(name)
        try:
            make(path)
            return True
        except FileExistsError:
            pass
        except OSError as exc:
            self.refuse(raw_name, f"cannot create: {exc.strerror}")
            return False
        if name in self.dirs or stat.S_ISDIR(os.lstat(path).st_mode):
            self.refuse(raw_name, "would replace a directory")
            return False
        os.unlink(path)
        self.files.discard(name)
        try:
            make(path)
            return True
        except OSError as exc:
            self.refuse(raw_name, f"cannot create: {exc.strerror}")
            return False

    def _discard(self, name: str) -> None:
        """Remove a partly written file after a member failed."""
        if name in self.files:
            self.files.discard(name)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._path(name))

    def directory(self, raw_name: str, name: str) -> None:
        if name in self.dirs or not self._parent(raw_name, name):
            return
        path = self._path(name)
        try:
            os.mkdir(path, 0o755)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                os.unlink(path)  # a file or link replaced by a directory of the same name
                self.files.discard(name)
                os.mkdir(path, 0o755)
        except OSError as exc:
            self.refuse(raw_name, f"cannot create: {exc.strerror}")
            return
        self.dirs.add(name)

    def file(self, raw_name: str, name: str, src: BinaryIO, executable: bool) -> None:
        # O_NOFOLLOW | O_EXCL: even if something put a link here, it is not written through.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = -1

        def make(path: str) -> None:
            nonlocal fd
            fd = os.open(path, flags, 0o755 if executable else 0o644)

        if not self._create(raw_name, name, make):
            return
        self.files.add(name)
        with os.fdopen(fd, "wb") as out:
            while chunk := src.read(CHUNK):
                self.budget.wrote(len(chunk))
                out.write(chunk)

    def symlink(self, raw_name: str, name: str, target: str) -> None:
        # Beyond data_filter, which resolves with realpath against what exists now: the target
        # must stay inside lexically too; _remove_escaping_links checks the finished tree.
        if target.startswith("/"):
            self.refused_links.add(name)
            self.refuse(raw_name, f"symlink to {display_name(target)} (absolute)")
            return
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
        if not target or resolved == ".." or resolved.startswith("../"):
            self.refused_links.add(name)
            self.refuse(raw_name, f"symlink to {display_name(target)} leaves the tree")
            return
        if self._create(raw_name, name, lambda path: os.symlink(target, path)):
            self.budget.links += 1

    def hardlink(self, raw_name: str, name: str, target: str) -> None:
        # Beyond data_filter: the target must be a regular file this archive already wrote;
        # linking to anything else (a directory, a link, a file from outside) is refused.
        source = None if target.startswith("/") else _normalize(target)
        if source is None:
            self.refuse(raw_name, f"hard link to {display_name(target)} outside the archive")
            return
        if source not in self.files:
            self.refuse(raw_name, f"hard link to {display_name(target)}, "
                                  "not a file extracted before it")
            return
        if source == name:
            return
        src = self._path(source)
        if self._create(raw_name, name,
                        lambda path: os.link(src, path, follow_symlinks=False)):
            self.files.add(name)


def _prefixes(path: str) -> Iterator[str]:
    """``a``, ``a/b``, ``a/b/c`` for ``a/b/c``; nothing for ``""``."""
    end = 0
    while path:
        end = path.find("/", end + 1)
        if end < 0:
            yield path
            return
        yield path[:end]


def _normalize(raw_name: str) -> str | None:
    """``raw_name`` relative and without ``.`` or empty parts; ``None`` if it has ``..``."""
    parts = [p for p in raw_name.split("/") if p not in ("", ".")]
    return None if ".." in parts else "/".join(parts)


def _link_kind(member: tarfile.TarInfo) -> str:
    return "symlink" if member.issym() else "hard link"


def _special_kind(member: tarfile.TarInfo) -> str:
    if member.ischr():
        return "character device"
    if member.isblk():
        return "block device"
    if member.isfifo():
        return "fifo"
    return f"unsupported member type {member.type!r}"


def _special_kind_mode(kind: int) -> str:
    return {stat.S_IFCHR: "character device", stat.S_IFBLK: "block device",
            stat.S_IFIFO: "fifo", stat.S_IFSOCK: "socket"}.get(kind, f"unsupported type {kind:o}")


def _remove_escaping_links(boundary: Path, result: Unpacked) -> None:
    """Remove every symlink under ``boundary`` that leads out of it, or loops, once the whole
    input is in place. Each link was checked when it was created, but a later link can change
    where an earlier one leads (``a -> x/s/../..`` created before ``x/s -> ../..``)."""
    todo = [str(boundary)]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
                elif entry.is_symlink():
                    path = Path(entry.path)
                    reason = _link_escape(boundary, path)
                    if reason:
                        os.unlink(path)
                        archive, name = _origin(path, result)
                        result.refused.append(Refusal(archive, display_name(name), reason))


def _origin(path: Path, result: Unpacked) -> tuple[str, str]:
    """The archive a path of the finished tree came from, and its name in the tree."""
    try:
        name = path.relative_to(result.root).as_posix()
    except ValueError:  # outside the entered top directory: cannot happen for a placed tree
        return result.archives[0].name, path.name
    for archive in result.archives[1:]:
        component = _component_name(archive)
        if component and (name == component or name.startswith(component + "/")):
            return archive.name, name
    return result.archives[0].name, name


def _component_name(archive: Path) -> str | None:
    m = re.search(_COMPONENT, archive.name)
    return m["component"] if m else None


def _link_escape(boundary: Path, link: Path) -> str | None:
    """Why following ``link`` leaves ``boundary`` (or loops), else ``None``.

    Resolves component by component with lstat/readlink, the way the kernel walks a path, with
    ``boundary`` as the top. Unlike ``os.path.realpath`` it does not depend on PATH_MAX, and a
    missing component is kept lexically (it cannot be created later: extraction is over).
    """
    todo = list(link.relative_to(boundary).parts)
    stack: list[str] = []
    hops = 0
    while todo:
        part = todo.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            if not stack:
                return f"symlink {display_name(os.readlink(link))} leads out of the tree"
            stack.pop()
            continue
        stack.append(part)
        path = boundary.joinpath(*stack)
        try:
            is_link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            continue
        if is_link:
            hops += 1
            if hops > MAX_LINK_HOPS:
                return f"symlink {display_name(os.readlink(link))} loops"
            target = os.readlink(path)
            if target.startswith("/"):
                return f"symlink {display_name(os.readlink(link))} leads out of the tree"
            stack.pop()
            todo[:0] = target.split("/")
    return None
