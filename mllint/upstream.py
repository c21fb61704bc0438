"""Upstream trees: the package name and version a tree or archive stands for, and the Git LFS
patterns of its ``.gitattributes`` files.

An upstream tree has no ``debian/control`` to name it. Its name comes from ``--package NAME``, else
from the directory or archive name: ``foo-1.2`` and ``foo-1.2.tar.gz`` give ``foo`` 1.2, and
``foo_1.2.orig.tar.xz`` (dpkg-source's naming) gives ``foo`` 1.2.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from mllint.index import Index

# Debian Policy 5.6.1: source package names.
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9+.-]+$")

# A version is a trailing "-1.2" or "_1.2" (an optional "v" before the digit is dropped): the
# first such separator wins, so "python3-foo-1.0" is python3-foo 1.0 and "foo-1.2-3-gabc"
# (git describe) is foo 1.2-3-gabc. The price: "foo-2to3-1.0" reads as foo 2to3-1.0.
_NAME_VERSION = re.compile(r"^(?P<name>.+?)[-_][vV]?(?P<version>\d[A-Za-z0-9.+~_-]*)$")
# dpkg-source's orig tarballs: NAME_VERSION.orig.tar.EXT or .orig-COMPONENT.tar.EXT.
_ORIG = re.compile(r"^(?P<name>[^_]+)_(?P<version>[^_]+)\.orig(?:-[A-Za-z0-9-]+)?$")

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tbz",
                ".tar.zst", ".tzst")
ARCHIVE_SUFFIXES = TAR_SUFFIXES + (".zip",)
"""File names mllint unpacks as upstream archives (matched case-insensitively; mllint/unpack.py)."""

MAX_ATTRIBUTES_FILE = 1 << 20  # bytes read of one .gitattributes
MAX_ATTRIBUTES_LINE = 2048  # git ignores longer lines (attr.c, since 2.40)


def is_archive(path: Path) -> bool:
    """Is ``path`` named like an upstream archive mllint unpacks?"""
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def strip_archive_suffix(basename: str) -> str:
    """``foo-1.2.tar.gz`` → ``foo-1.2``; names that are not archives are returned unchanged."""
    lower = basename.lower()
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return basename[: -len(suffix)]
    return basename


def split_name_version(basename: str) -> tuple[str, str]:
    """``(name, version)`` from a directory or archive base name; version ``""`` when there is
    none. The name is returned as written; :func:`source_name` makes it a Debian name."""
    stem = strip_archive_suffix(basename)
    m = _ORIG.match(stem)
    if m is None:
        m = _NAME_VERSION.match(stem)
    if m is None:
        return stem, ""
    return m["name"], m["version"]


def source_name(raw: str) -> str:
    """A Debian source package name for ``raw`` (Policy 5.6.1): lower case, and each run of
    other characters (spaces, ``_``, ``/``, ``:``) made one ``-``, so that the name is one word
    in ``W: NAME source: tag`` for every parser. An unusable name becomes ``upstream``."""
    name = re.sub(r"[^a-z0-9+.-]+", "-", raw.lower()).lstrip("-+.").rstrip("-")
    return name if SOURCE_NAME.match(name) else "upstream"


def identify(path: Path, package: str | None = None) -> tuple[str, str]:
    """Name and version of the upstream tree or archive at ``path``; ``package`` (the
    ``--package`` option) replaces the name, the version still comes from the file name."""
    name, version = split_name_version(path.resolve().name if path.is_dir() else path.name)
    return (package if package else source_name(name)), version


# --- .gitattributes ------------------------------------------------------------------------

class AttributeRule(NamedTuple):
    """One pattern line of a ``.gitattributes`` that says something about ``filter``.

    ``lfs`` is True for ``filter=lfs``, False for any other value or ``-filter`` / ``!filter``
    (which take a path out of LFS again).
    """

    pattern: str  # as written (unquoted)
    file: str  # the .gitattributes it came from, e.g. "models/.gitattributes"
    line: int  # 1-based
    lfs: bool
    regex: re.Pattern[str]
    base: str  # directory of the .gitattributes, "" or "models/"
    basename_only: bool

    def matches(self, path: str) -> bool:
        """Does the rule apply to the file ``path`` (relative to the tree, POSIX)?"""
        if not path.startswith(self.base):
            return False
        rest = path[len(self.base):]
        if self.basename_only:
            rest = rest.rsplit("/", 1)[-1]
        return self.regex.fullmatch(rest) is not None

    def __str__(self) -> str:
        return f"{self.pattern} ({self.file}:{self.line})"


class GitAttributes:
    """The ``filter`` rules of every ``.gitattributes`` of a tree, in git's precedence order.

    Git's rules (gitattributes(5)): a file deeper in the tree overrides one nearer the top, and
    within a file a later line overrides an earlier one; the last rule that matches and
    mentions ``filter`` decides. ``.git/info/attributes`` is never read: ``.git/`` is not
    scanned.
    """

    _cache: weakref.WeakKeyDictionary[Index, GitAttributes] = weakref.WeakKeyDictionary()

    def __init__(self, rules: Iterable[AttributeRule]) -> None:
        # Shallow files first, so that iterating in reverse finds the deciding rule first.
        self.rules = sorted(rules, key=lambda r: (r.base.count("/"), r.base, r.line))

    @classmethod
    def of_index(cls, index: Index) -> GitAttributes:
        """The rules of every regular ``.gitattributes`` in ``index``, read once per index."""
        cached = cls._cache.get(index)
        if cached is None:
            rules: list[AttributeRule] = []
            for item in index.files():
                if item.basename == ".gitattributes":
                    text = item.text(MAX_ATTRIBUTES_FILE)
                    if text is not None:
                        rules += parse_gitattributes(text, item.name)
            cached = cls._cache[index] = cls(rules)
        return cached

    @property
    def lfs_rules(self) -> list[AttributeRule]:
        """Every ``filter=lfs`` line, in precedence order (lowest first)."""
        return [r for r in self.rules if r.lfs]

    def lfs_rule(self, path: str) -> AttributeRule | None:
        """The ``filter=lfs`` rule that puts ``path`` under LFS, or ``None`` if no rule does
        (or a later rule takes it out again)."""
        for rule in reversed(self.rules):
            if rule.matches(path):
                return rule if rule.lfs else None
        return None


def parse_gitattributes(text: str, file: str = ".gitattributes") -> list[AttributeRule]:
    """The rules of one ``.gitattributes`` (at ``file`` in the tree) that mention ``filter``.

    Handled as git does: blank lines and ``#`` comments are skipped, ``[attr]`` macro
    definitions are skipped (a macro that sets ``filter`` is not expanded: no known tool
    writes one), a pattern may be double-quoted with C escapes, negative patterns (``!x``)
    are ignored, patterns ending in ``/`` match only directories and so no file.
    """
    base = str(PurePosixPath(file).parent)
    base = "" if base == "." else base + "/"
    rules: list[AttributeRule] = []
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_ATTRIBUTES_LINE:
            continue
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pattern, attrs = _split_pattern(line)
        if pattern is None or pattern.startswith(("[attr]", "!")) or pattern.endswith("/"):
            continue
        state = None
        for attr in attrs.split():
            if attr in ("-filter", "!filter"):
                state = False
            elif attr.startswith("filter="):
                state = attr == "filter=lfs"
        if state is None:
            continue
        anchored = "/" in pattern
        try:
            regex = re.compile(_wildmatch(pattern.lstrip("/") if anchored else pattern))
        except re.error:  # a class git would reject too, such as [z-a]
            continue
        rules.append(AttributeRule(pattern, file, number, state, regex, base, not anchored))
    return rules


_C_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
              '"': '"', "\\": "\\"}


def _split_pattern(line: str) -> tuple[str | None, str]:
    """The pattern (unquoted) and the rest of an attributes line."""
    if not line.startswith('"'):
        pattern, _, rest = line.partition(" ")
        if "\t" in pattern:
            pattern, _, more = pattern.partition("\t")
            rest = more + " " + rest
        return pattern, rest
    out, i = [], 1
    while i < len(line):
        c = line[i]
        if c == '"':
            return "".join(out), line[i + 1:]
        if c == "\\" and i + 1 < len(line):
            nxt = line[i + 1]
            if nxt in "01234567" and i + 3 < len(line):
                out.append(chr(int(line[i + 1:i + 4], 8)))
                i += 4
                continue
            out.append(_C_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return None, ""  # unterminated quote: git ignores the line


def _wildmatch(pattern: str) -> str:
    """A regex for git's wildmatch with WM_PATHNAME (``*`` and ``?`` stop at ``/``; ``**/``,
    ``/**/`` and a trailing ``/**`` cross directories; ``[...]`` classes with ``!`` or ``^``).

    Hand-written rather than taken from pathspec: pathspec implements gitignore, where a pattern
    that matches a directory also matches everything inside it; in gitattributes it does not.
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**", i) and (i == 0 or pattern[i - 1] == "/"):
            if i + 2 == n:
                out.append(".*")
                i += 2
                continue
            if pattern[i + 2] == "/":
                out.append("(?:.*/)?")
                i += 3
                continue
        if c == "*":
            while i < n and pattern[i] == "*":  # other runs of asterisks act as one
                i += 1
            out.append("[^/]*")
            continue
        if c == "?":
            out.append("[^/]")
        elif c == "[":
            negate = pattern[i + 1:i + 2] in ("!", "^")
            start = i + 2 if negate else i + 1
            end = pattern.find("]", start + 1)  # a "]" right after "[" is a member
            if end < 0:
                out.append(re.escape(c))
            else:
                body = pattern[start:end]
                body = body.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
                out.append(f"[{'^/' if negate else ''}{body}]")
                i = end
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)
