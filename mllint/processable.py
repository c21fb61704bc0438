"""Inputs as lintian sees them: groups of processables (source, binary, udeb, changes).

A ``.dsc`` is unpacked with ``dpkg-source -x`` (patches applied: lintian's "patched" view), a
``.deb``/``.udeb`` is read with python-debian and extracted, never installed; a ``.changes`` pulls in
the files it lists (lintian-compat.md §2.3). Temporary directories belong to the caller's
:class:`contextlib.ExitStack` and are removed when it closes, also on error and Ctrl-C.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from mllint import lazy, upstream
from mllint.hints import Hint
from mllint.index import Index, Item, Pointer

if TYPE_CHECKING:
    import tarfile

    from debian.deb822 import Deb822

    from mllint.copyright import CopyrightFile
    from mllint.declaration import Declaration

# python-debian, subprocess, tempfile and tarfile are imported where a package file is opened,
# and mllint.unpack when an archive is: ~50 ms of start-up (python-debian alone pulls in
# email.utils and logging) that a run on a tree or a single model file never needs
# (bench/README.md).
unpack = lazy.module("mllint.unpack")
# Imported when a package has the file they parse: ~5 ms of dataclasses and patterns that a
# run on a bare tree or model file never needs.
dep5 = lazy.module("mllint.copyright")
ml_models = lazy.module("mllint.declaration")

ML_MODELS = "debian/ml-models"
"""Where a source package declares its models (the format: mllint.declaration)."""

PACKAGE_SUFFIXES = (".deb", ".udeb", ".ddeb", ".dsc", ".changes", ".buildinfo")
AREAS = ("contrib", "non-free-firmware", "non-free")
UNSAFE_NAME = re.compile(r"[/&|;$\"'<>]")


class InputError(Exception):
    """An input cannot be opened or unpacked; the message is the reason after ``Skipping X: ``."""


def area_of(section: str) -> str:
    """``main``, ``contrib``, ``non-free`` or ``non-free-firmware`` from a ``Section:`` value."""
    prefix = section.partition("/")[0] if "/" in section else ""
    return prefix if prefix in AREAS else "main"


@dataclass(eq=False)
class Processable:
    """One package of a group; see ENGINE-API (architecture.md, lintian-compat.md §5)."""

    type: str  # source | binary | udeb | changes
    name: str
    version: str
    architecture: str
    path: str  # the input as given (or <dir of .changes>/<name>)
    fields: Deb822 | dict[str, str] = field(default_factory=dict)
    source_name: str = ""
    source_version: str = ""
    area: str = "main"
    patched: Index | None = None
    installed: Index | None = None
    control: Index | None = None
    upstream: bool = False
    binaries: list[Deb822] = field(default_factory=list)
    group: Group | None = field(default=None, repr=False)
    hints: list[Hint] = field(default_factory=list, repr=False)  # filled by the engine

    @property
    def display_name(self) -> str:
        """The name EWI prints: lintian replaces each of ``/&|;$"'<>`` by ``_``."""
        return UNSAFE_NAME.sub("_", self.name)

    @property
    def label(self) -> str:
        """The index label of the main view, for JSON pointers."""
        view = self.patched or self.installed
        return view.label if view else f"{os.path.basename(self.path)}"

    def pointer(self, name: str, line: int = 0) -> Pointer:
        """A pointer at ``name`` in this package's main view, whether or not it is an item."""
        return Pointer(name, line, self.label)

    def copyright_item(self) -> Item | None:
        """The copyright file: ``debian/copyright`` of a source tree,
        ``usr/share/doc/<package>/copyright`` of a binary (Debian Policy §12.5); ``None`` if
        absent or not a regular file (a symlink into another package's doc directory, allowed
        between binaries of one source, is not followed)."""
        if self.type == "source" and self.patched is not None:
            item = self.patched.lookup("debian/copyright")
        elif self.installed is not None:
            item = self.installed.lookup(f"usr/share/doc/{self.name}/copyright")
        else:
            item = None
        return item if item is not None and item.is_file else None

    def copyright(self) -> CopyrightFile | None:
        """The copyright file parsed (mllint.copyright, cached), or ``None`` without one."""
        item = self.copyright_item()
        return None if item is None else dep5.parse_file(item.path, item.name)

    def declaration(self) -> Declaration | None:
        """``debian/ml-models`` parsed (mllint.declaration, cached), or ``None`` when it is
        absent, the package is a binary, or the tree is an upstream tree without ``debian/``."""
        if self.type != "source" or self.upstream or self.patched is None:
            return None
        item = self.patched.lookup(ML_MODELS)
        if item is None or not item.is_file:
            return None
        return ml_models.parse_file(item.path, item.name)


@dataclass(eq=False)
class Group:
    """Processables that belong together (one input, or a ``.changes`` and its files)."""

    id: str
    source_name: str
    source_version: str
    processables: list[Processable] = field(default_factory=list)
    upstream: bool = False

    def add(self, p: Processable) -> None:
        p.group = self
        self.processables.append(p)

    @property
    def source(self) -> Processable | None:
        return next((p for p in self.processables if p.type == "source"), None)

    @property
    def binaries(self) -> list[Processable]:
        return [p for p in self.processables if p.type in ("binary", "udeb")]


# --- source packages -----------------------------------------------------------------------

def _read_deb822(path: Path) -> list[Deb822]:
    from debian.deb822 import Deb822

    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            return list(Deb822.iter_paragraphs(f))
    except OSError:
        return []


def source_from_tree(root: Path, given: str, label: str | None = None) -> Processable:
    """A source package from an unpacked tree with ``debian/``. Name from ``debian/control``
    ``Source:`` (else the changelog, else the directory), version from the changelog's top."""
    from debian.changelog import Changelog
    from debian.deb822 import Deb822

    control = _read_deb822(root / "debian" / "control")
    fields = control[0] if control else Deb822()
    name = fields.get("Source", "").strip()
    version = ""
    try:
        with (root / "debian" / "changelog").open(encoding="utf-8", errors="replace") as f:
            changelog = Changelog(f, max_blocks=1, strict=False)
        version = str(changelog.version) if changelog.version else ""
        name = name or (changelog.package or "")
    except (OSError, ValueError):
        pass
    name = name or root.resolve().name
    label = label or f"{root.resolve().name} (patched)"
    p = Processable("source", name, version, "source", given, fields, name, version,
                    area_of(fields.get("Section", "")),
                    patched=Index(root, label), binaries=control[1:])
    return p


_DPKG_ERROR = "dpkg-source: error: "
# Dpkg::ErrorHandling's subprocerr(): the real complaint is in the subprocess's own lines.
_SUBPROCESS_FAILED = re.compile(r"subprocess (returned exit status \d+|was killed by signal \d+)$")
_STEP = re.compile(r"^dpkg-source: info: (?:unpacking|applying) (.+)$")


def dpkg_source_reason(stdout: str, stderr: str) -> str:
    """The one line that says why ``dpkg-source -x`` failed.

    dpkg-source's first ``error:`` line (``file X has size N instead of expected M``), unless it
    is only "<command> subprocess returned exit status N": then the first line tar or the
    decompressor wrote to stderr (``gzip: stdin: unexpected end of file``), or else the last line
    patch wrote to stdout (``1 out of 1 hunk FAILED``), after the file being unpacked or patched.
    """
    err = [line.strip() for line in stderr.splitlines() if line.strip()]
    out = [line.strip() for line in stdout.splitlines() if line.strip()]
    error = next((line[len(_DPKG_ERROR):] for line in err if line.startswith(_DPKG_ERROR)),
                 err[-1] if err else "failed")
    if not _SUBPROCESS_FAILED.search(error):
        return f"dpkg-source -x: {error}"
    steps = [m.group(1) for line in out if (m := _STEP.match(line))]
    child = ([line for line in err if not line.startswith("dpkg-source:")][:1]
             or [line for line in out if not line.startswith("dpkg-source:")][-1:])
    where = f"{steps[-1]}: " if steps else ""
    return f"dpkg-source -x: {where}{child[0] if child else error}"


def source_from_dsc(dsc: Path, given: str, stack: ExitStack) -> Processable:
    import subprocess

    from debian.deb822 import Dsc

    try:
        with dsc.open(encoding="utf-8", errors="replace") as f:
            fields = Dsc(f)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from exc
    if "Source" not in fields:
        raise InputError("not a source control file (no Source field)")
    tmp = _private_directory(stack)
    out = tmp / "src"
    # Without --no-check, dpkg-source verifies the size and checksums the .dsc lists for every
    # file before unpacking (and an inline signature, a warning only), as a user's plain
    # dpkg-source -x does: a padded or truncated tarball is refused, not scanned.
    cmd = ["dpkg-source", "--no-copy", "-x", str(dsc), str(out)]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                             env={**os.environ, "LC_ALL": "C.UTF-8"}, check=False)
    except FileNotFoundError as exc:
        raise InputError("dpkg-source not found (install dpkg-dev)") from exc
    if run.returncode != 0 or not out.is_dir():
        raise InputError(dpkg_source_reason(run.stdout, run.stderr))
    p = source_from_tree(out, given, f"{dsc.name} (patched)")
    p.name = p.source_name = fields["Source"].strip()
    p.version = p.source_version = fields.get("Version", p.version).strip()
    p.fields.update({k: v for k, v in fields.items() if k not in p.fields})
    return p


# --- binary packages -----------------------------------------------------------------------

def _private_directory(stack: ExitStack) -> Path:
    """A new directory (mode 0700) that ``stack`` removes with :func:`mllint.unpack.remove_tree`,
    which also removes a hostile tree thousands of levels deep (TemporaryDirectory's rmtree
    exceeded the recursion limit and left it behind)."""
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="mllint-"))
    stack.callback(unpack.remove_tree, tmp)
    return tmp


def _extract(tar: tarfile.TarFile, dest: Path, given: str, archive: str, budget: int,
             ratio: int) -> int:
    """Extract with tarfile's ``data`` filter (no absolute names, no ``..``, no devices, no
    writing through links), except that symlinks are kept verbatim even when they point outside:
    packages ship absolute links, and the index records links without ever following them.

    Members refused by the filter, nested deeper than :data:`mllint.unpack.MAX_DEPTH`, hard
    links to a member not extracted and members that cannot be written are skipped with a
    warning on stderr, and the rest is still checked. Returns what is left of ``budget`` (bytes
    the regular members may declare in all, ``ratio`` times the package); raises
    :class:`InputError` before extracting the member that exceeds it.
    """
    import tarfile

    deep: list[str] = []  # one warning for them all: a hostile tree has thousands
    for member in tar:
        if unpack.too_deep(member.name):
            deep.append(member.name)
            continue
        if member.isreg():
            budget -= member.size
            if budget < 0:
                raise InputError(f"{archive} expands more than {ratio} times its package "
                                 "(decompression bomb?)")
        try:
            if member.issym():
                try:
                    member = tarfile.data_filter(member, str(dest))
                except (tarfile.AbsoluteLinkError, tarfile.LinkOutsideDestinationError):
                    pass
            else:
                member = tarfile.data_filter(member, str(dest))
            if member is not None:
                tar.extract(member, dest, filter="fully_trusted")
        except tarfile.FilterError as exc:
            _skipped(given, archive, member.name, f"refused ({type(exc).__name__})")
        except KeyError:  # tarfile's "linkname not found"
            _skipped(given, archive, member.name, "hard link to a member not extracted")
        except OSError as exc:
            _skipped(given, archive, member.name, exc.strerror or str(exc))
    if deep:
        _skipped(given, archive, *unpack.deep_refusal(deep))
    return budget


def _skipped(given: str, archive: str, member: str, reason: str) -> None:
    """The warning for a member of a package or archive that was not extracted."""
    print(f"mllint: warning: {given}: skipped member {member} of {archive}: {reason}",
          file=sys.stderr)


def binary_from_deb(deb: Path, given: str, stack: ExitStack) -> Processable:
    import tarfile

    from debian.arfile import ArError
    from debian.deb822 import Deb822
    from debian.debfile import DebError, DebFile

    tmp = _private_directory(stack)
    try:
        # Extracted whole, as lintian does; but a small .deb of zeros must not fill the disk:
        # the caps of upstream archives (mllint.unpack.Limits) apply.
        limits = unpack.Limits()
        budget = min(limits.max_bytes, max(limits.ratio_floor,
                                           limits.max_ratio * deb.stat().st_size))
        pkg = DebFile(str(deb))
        fields = Deb822(pkg.debcontrol())
        (tmp / "data").mkdir()
        (tmp / "control").mkdir()
        budget = _extract(pkg.data.tgz(), tmp / "data", given, "data.tar", budget,
                          limits.max_ratio)
        _extract(pkg.control.tgz(), tmp / "control", given, "control.tar", budget,
                 limits.max_ratio)
    except (DebError, ArError, tarfile.TarError, OSError, EOFError, KeyError, ValueError) as exc:
        raise InputError(f"cannot read {deb.name}: {exc}") from exc
    return _binary(fields, given, tmp / "data", tmp / "control", deb.name, deb.suffix)


def binary_from_tree(root: Path, given: str) -> Processable:
    """An unpacked binary package (``dpkg-deb -R`` layout: files plus ``DEBIAN/``)."""
    from debian.deb822 import Deb822

    paragraphs = _read_deb822(root / "DEBIAN" / "control")
    fields = paragraphs[0] if paragraphs else Deb822()
    return _binary(fields, given, root, root / "DEBIAN", root.resolve().name, "")


def _binary(fields: Deb822, given: str, data: Path, control: Path, basename: str,
            suffix: str) -> Processable:
    name = fields.get("Package", "").strip()
    if not name:
        raise InputError("no Package field in the control file")
    version = fields.get("Version", "").strip()
    source = fields.get("Source", name).strip()
    m = re.match(r"^(\S+)\s*\((.+)\)$", source)
    source_name, source_version = (m.group(1), m.group(2)) if m else (source, version)
    udeb = suffix == ".udeb" or fields.get("Package-Type", "").strip() == "udeb"
    p = Processable("udeb" if udeb else "binary", name, version,
                    fields.get("Architecture", "").strip(), given, fields, source_name,
                    source_version, area_of(fields.get("Section", "")))
    p.installed = Index(data, f"{basename} (installed)",
                        skip_top={"DEBIAN"} if control.parent == data else frozenset())
    p.control = Index(control, f"{basename} (control)")
    return p


# --- dispatch ------------------------------------------------------------------------------

def changes_group(path: Path, given: str, stack: ExitStack) -> Group:
    from debian.deb822 import Changes

    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            fields = Changes(f)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from exc
    source, version = fields.get("Source", "").split(" ")[0], fields.get("Version", "")
    if not source:
        raise InputError("not a .changes file (no Source field)")
    group = Group(f"{source}_{version}", source, version)
    changes = Processable(path.suffix[1:], source, version, fields.get("Architecture", ""),
                          given, fields, source, version)
    group.add(changes)
    for entry in fields.get("Files", []):
        name = entry.get("name", "")
        if "/" in name or not name.endswith(PACKAGE_SUFFIXES[:4]):
            continue
        member = path.parent / name
        if not member.is_file():
            raise InputError(f"{name} listed in {path.name} is missing")
        member_given = os.path.join(os.path.dirname(given), name)
        group.add(_package_file(member, member_given, stack))
    return group


def _package_file(path: Path, given: str, stack: ExitStack) -> Processable:
    if path.suffix == ".dsc":
        return source_from_dsc(path, given, stack)
    return binary_from_deb(path, given, stack)


def _single(p: Processable) -> Group:
    group = Group(f"{p.source_name}_{p.source_version}" if p.source_version else p.source_name,
                  p.source_name, p.source_version, upstream=p.upstream)
    group.add(p)
    return group


def open_input(given: str, stack: ExitStack, package: str | None = None) -> list[Group]:
    """Turn one command-line argument into groups. Raises :class:`InputError` (the caller
    prints ``Skipping <given>: <reason>``) or ``ValueError`` for a usage error. ``package``
    (``--package``) names upstream trees and archives."""
    path = Path(given)
    if path.is_dir():
        if (path / "debian").is_dir():
            return [_single(source_from_tree(path, given))]
        if (path / "DEBIAN" / "control").is_file():
            return [_single(binary_from_tree(path, given))]
        packages = sorted(e for e in path.iterdir() if e.is_file()
                          and e.name.endswith(PACKAGE_SUFFIXES))
        if packages:
            return [g for e in packages for g in open_input(str(e), stack, package)]
        return [_single(upstream_tree(path, given, package))]
    if not path.exists():
        raise InputError("No such file or directory")
    name = path.name
    if name.endswith((".changes", ".buildinfo")):
        return [changes_group(path, given, stack)]
    if name.endswith((".deb", ".udeb", ".ddeb", ".dsc")):
        return [_single(_package_file(path, given, stack))]
    if upstream.is_archive(path):
        return [_single(upstream_archive(path, given, stack, package))]
    raise ValueError(f"bad package file name {given} (neither .deb, .udeb, .ddeb, .changes, "
                     ".dsc, .buildinfo nor an upstream .tar.* or .zip archive)")


def upstream_tree(root: Path, given: str, package: str | None = None,
                  label: str | None = None) -> Processable:
    """A directory without ``debian/``: an upstream source, typed ``source``, named by
    ``--package`` or after the directory (a trailing ``-VERSION`` or ``_VERSION`` becomes the
    version; mllint/upstream.py)."""
    name, version = upstream.identify(root, package)
    label = label or f"{root.resolve().name} (patched)"
    return Processable("source", name, version, "source", given, {}, name, version,
                       patched=Index(root, label), upstream=True)


def upstream_archive(archive: Path, given: str, stack: ExitStack,
                     package: str | None = None) -> Processable:
    """An upstream tarball or zip (with its orig-COMPONENT tarballs), unpacked safely into a
    temporary directory that ``stack`` removes (mllint/unpack.py). Members refused for safety
    are reported on stderr, one line each; they are not in the tree, so no check sees them."""
    try:
        result = stack.enter_context(unpack.unpacked(archive))
    except unpack.UnpackError as exc:
        raise InputError(exc.reason) from None
    for refusal in result.refused:
        _skipped(given, refusal.archive, refusal.member, refusal.reason)
    name, version = upstream.identify(archive, package)
    p = upstream_tree(result.root, given, package, f"{archive.name} (patched)")
    p.name = p.source_name = name
    p.version = p.source_version = version
    return p
