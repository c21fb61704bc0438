"""One file index per package view: a single walk, a cheap record per file, lazy parsing.

Lintian's model (``lib/Lintian/Index.pm``, ``Index/Item.pm``): an index is one view of a package
(the patched source tree, the installed files of a binary, its control members); an item has a
relative name, size, mode, link target and the first bytes, and a file type computed on demand.
Symlinks are recorded and never followed, so a link out of the package is never read.
"""

from __future__ import annotations

import ast
import os
import stat
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

from mllint import formats
from mllint.formats import HEAD_SIZE, FormatError, ModelInfo

# Directories never walked: version-control metadata and quilt's bookkeeping (lintian skips
# .pc too: "do not look inside quilt directory").
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", ".pc"})
AST_CACHE = 64  # parsed Python files kept per index (Item.python_ast)
# ... and at most this much of their source (bytes): a tree costs about 25 times its source, and
# 64 of pytorch's largest test modules were 100 MB of python3-torch's 206 MB peak (143 MB now).
AST_CACHE_BYTES = 1 << 20


class Pointer(NamedTuple):
    """Where a hint points: an item of one index view, and a 1-based line (0: none).

    ``index`` is the view's label as lintian's JSON writes it, e.g. ``foo_1.0-1.dsc (patched)``.
    """

    name: str
    line: int = 0
    index: str = ""

    def __str__(self) -> str:
        return f"{self.name}:{self.line}" if self.line > 0 else self.name


T = TypeVar("T")

# O_NOFOLLOW: a file swapped for a symlink after the walk is not followed out of the tree;
# O_NONBLOCK: nor does one swapped for a FIFO hang the run.
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def _read_head(path: str) -> tuple[bytes, os.stat_result]:
    """Up to :data:`HEAD_SIZE` bytes from the start of ``path``, and its status. Raw
    os.open/os.read rather than open(): no buffered file object for a single read halves the
    cost on a tree of small files; and fstat on the open file costs a fifth of a stat by name."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        want = min(HEAD_SIZE, st.st_size)
        data = os.read(fd, want) if want else b""
        while 0 < len(data) < want:  # short reads are legal; regular files rarely make them
            more = os.read(fd, want - len(data))
            if not more:
                break
            data += more
        return data, st
    finally:
        os.close(fd)


@dataclass(slots=True, eq=False)
class Item:
    """One entry of an index. ``name`` is relative to the view's root, POSIX, as printed in
    pointers; directories end in ``/`` as lintian prints them."""

    name: str
    fspath: str  # on disk, as os.scandir gave it; see path
    # The last part of the name, and whether the entry is a regular file: attributes, not
    # properties, because every check asks them of every item.
    basename: str
    is_file: bool
    link: str | None  # symlink target as written, or None
    index: Index = field(repr=False)
    # Size in bytes and st_mode, None until needed: see size. The walk learns the kind of each
    # entry from the directory itself (d_type); a stat of every file was 0.13 s of a 50,000-file
    # tree, four times the walk without it (bench/many_files.py).
    _size: int | None = field(default=None, repr=False)
    _mode: int | None = field(default=None, repr=False)
    _head: bytes | None = field(default=None, repr=False)
    _parsed: tuple[ModelInfo | None, FormatError | None] | None = field(default=None, repr=False)
    _ast: bool | None = field(default=None, repr=False)  # False: does not parse as Python
    _facts: dict[str, object] | None = field(default=None, repr=False)  # see fact()

    @property
    def size(self) -> int:
        """Bytes; 0 for directories and for entries that vanished. Known once the head is read
        (fstat of the open file), else from an lstat now."""
        if self._size is None:
            self._stat()
        return self._size  # type: ignore[return-value]

    @property
    def mode(self) -> int:
        """``st_mode`` as lstat gives it (0 for an entry that vanished)."""
        if self._mode is None:
            self._stat()
        return self._mode  # type: ignore[return-value]

    def _stat(self) -> None:
        try:
            st = os.lstat(self.fspath)
        except OSError:
            self._size, self._mode = 0, 0
            return
        self._mode = st.st_mode
        self._size = 0 if stat.S_ISDIR(st.st_mode) else st.st_size

    @property
    def path(self) -> Path:
        """The file on disk. Made on demand: building a Path for each of 50,000 items cost a
        tenth of the index walk (bench/many_files.py), and most are only opened."""
        return Path(self.fspath)

    @property
    def escapes(self) -> bool:
        """A symlink whose target lies outside the view's root: absolute, or climbing above
        the root with ``..``. mllint never follows links; this says the target is unseen."""
        if self.link is None:
            return False
        if self.link.startswith("/"):
            return True
        depth = self.name.rstrip("/").count("/")  # directories between the root and the link
        for part in self.link.split("/"):
            if part == "..":
                depth -= 1
                if depth < 0:
                    return True
            elif part not in ("", "."):
                depth += 1
        return False

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")  # the index names directories so

    @property
    def is_symlink(self) -> bool:
        return self.link is not None  # the walk reads every link's target

    @property
    def is_executable(self) -> bool:
        return self.is_file and bool(self.mode & 0o111)

    @property
    def dirname(self) -> str:
        """Parent directory name with a trailing ``/``, or ``""`` at the root."""
        parent = self.name.rstrip("/").rpartition("/")[0]
        return parent + "/" if parent else ""

    @property
    def suffix(self) -> str:
        """Lower-case last extension with its dot (``.onnx``), or ``""``."""
        base = self.basename
        dot = base.rfind(".")
        return base[dot:].lower() if 0 < dot < len(base) - 1 else ""

    @property
    def head(self) -> bytes:
        """First :data:`HEAD_SIZE` bytes of a regular file (``b""`` otherwise), read once."""
        if self._head is None:
            self._head = b""
            if self.is_file and self._size != 0:
                try:
                    self._head, st = _read_head(self.fspath)
                except OSError as exc:
                    self.index.unreadable.append((self.name, exc.strerror or str(exc)))
                else:
                    self._size, self._mode = st.st_size, st.st_mode
        return self._head

    def fact(self, key: str, compute: Callable[[Item], T]) -> T:
        """``compute(self)``, the per-file result a check declares under ``key`` in
        :attr:`mllint.check.Check.file_facts`: worked out once, here or, for a large tree, in
        a worker process of :mod:`mllint.prefetch` while the others parse. Exceptions from
        ``compute`` propagate (the engine reports the check as failing on this file)."""
        facts = self._facts
        if facts is None:
            facts = self._facts = {}
        elif key in facts:
            return facts[key]  # type: ignore[return-value]
        value = facts[key] = compute(self)
        return value

    def _parse(self) -> tuple[ModelInfo | None, FormatError | None]:
        if self._parsed is None:
            result: tuple[ModelInfo | None, FormatError | None] = (None, None)
            head = self.head if self.is_file else b""  # reading it learns the size
            if self.is_file and self.size:
                try:
                    result = (formats.read(self.fspath, head, self.size, self.basename), None)
                except FormatError as exc:
                    result = (None, exc)
                except OSError as exc:
                    result = (None, FormatError(f"unreadable: {exc.strerror or exc}"))
            self._parsed = result
        return self._parsed

    @property
    def model(self) -> ModelInfo | None:
        """The header record if the content is a model, parsed at most once; else ``None``."""
        parsed = self._parsed  # every check asks for every file: skip the call once parsed
        return (parsed if parsed is not None else self._parse())[0]

    @property
    def model_error(self) -> FormatError | None:
        """The error a reader raised for this file, if it identified as a model but was broken."""
        return self._parse()[1]

    def text(self, limit: int = 4 << 20) -> str | None:
        """The file decoded as UTF-8 (invalid bytes replaced), at most ``limit`` bytes (4 MiB);
        ``None`` for non-files, binary content (a NUL byte in the head) or unreadable files."""
        head = self.head
        if not self.is_file or b"\0" in head:
            return None
        if len(head) == self.size:  # the whole file is in the head: no second open (most files)
            return head[:limit].decode("utf-8", "replace")
        try:
            with open(self.fspath, "rb") as f:
                data = f.read(limit)
        except OSError:
            return None
        return data.decode("utf-8", "replace")

    def python_ast(self, limit: int = 4 << 20) -> ast.Module | None:
        """The file parsed as Python with :func:`ast.parse` (never compiled to code objects or
        run); ``None`` for files over ``limit`` bytes (4 MiB), binary content or syntax errors.

        Checks that visit the same file one after another share one parse: the index keeps the
        trees of the last :data:`AST_CACHE` files. Keeping every tree would cost about 25 times
        the source size (1.3 GB for pytorch), so memory stays flat instead."""
        if self._ast is False:
            return None
        cache = self.index.ast_cache
        tree = cache.get(self.name)
        if tree is not None:
            cache.move_to_end(self.name)
            return tree
        text = self.text(limit) if self.size <= limit else None
        if text is not None:
            # Make room before parsing, not after: a large file's tree is ~25 times its size,
            # and evicting only afterwards kept two such trees alive at once (a 400 MB peak on
            # 21,000 files of installed Python packages).
            self._evict(self.size)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # SyntaxWarning: package code's escapes
                    tree = ast.parse(text, filename=self.name)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                pass
        if tree is None:
            self._ast = False
            return None
        cache[self.name] = tree
        self.index.ast_cache_bytes += self.size
        return tree

    def _evict(self, incoming: int) -> None:
        """Drop the oldest cached trees until one more of ``incoming`` source bytes fits within
        :data:`AST_CACHE` files and :data:`AST_CACHE_BYTES` (a larger file empties the cache)."""
        cache = self.index.ast_cache
        while cache and (len(cache) >= AST_CACHE
                         or self.index.ast_cache_bytes + incoming > AST_CACHE_BYTES):
            oldest, _ = cache.popitem(last=False)
            self.index.ast_cache_bytes -= self.index._items[oldest].size

    def pointer(self, line: int = 0) -> Pointer:
        return Pointer(self.name, line, self.index.label)


class Index:
    """All items of one package view, walked once, in sorted name order.

    ``root`` is the directory on disk; ``label`` the view's name for JSON pointers.
    """

    def __init__(self, root: Path, label: str, skip_top: frozenset[str] = frozenset()) -> None:
        self.root = root
        self.label = label
        self._items: dict[str, Item] = {}
        self._skip_top = skip_top  # e.g. DEBIAN/ of an unpacked binary: the control view
        # Files and directories that could not be read (name, reason), in the order met: the
        # engine names them on stderr, as the run is incomplete (a model under chmod 000).
        self.unreadable: list[tuple[str, str]] = []
        self._children: dict[str, list[Item]] | None = None
        self._files: list[Item] | None = None
        self.ast_cache: OrderedDict[str, ast.Module] = OrderedDict()  # see Item.python_ast
        self.ast_cache_bytes = 0  # source bytes of the cached trees
        self._walk(root)

    def _walk(self, root: str | Path) -> None:
        """Every entry under ``root`` in sorted, depth-first order. A stack of directory
        listings, not recursion: a hostile tree 1,500 directories deep exceeded Python's
        recursion limit (newcomer trial)."""
        pending = [(self._listing(root, ""), "")]
        while pending:
            entries, prefix = pending[-1]
            for entry in entries:
                # The entry's kind comes from the directory (d_type), without a stat; a file
                # system that does not record it makes DirEntry stat instead.
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                    is_file = not is_dir and entry.is_file(follow_symlinks=False)
                    is_link = not (is_dir or is_file) and entry.is_symlink()
                except OSError:
                    continue
                name = prefix + entry.name
                path = entry.path
                if is_dir:
                    if entry.name in SKIP_DIRS or (not prefix and entry.name in self._skip_top):
                        continue
                    self._items[name + "/"] = Item(name + "/", path, entry.name, False, None,
                                                   self, 0)
                    pending.append((self._listing(path, name + "/"), name + "/"))
                    break  # into the directory; this listing resumes after it
                link = None
                if is_link:
                    try:
                        link = os.readlink(path)
                    except OSError:
                        link = ""
                # Positional arguments: the walk makes an Item for every entry of the tree.
                self._items[name] = Item(name, path, entry.name, is_file, link, self)
            else:
                pending.pop()

    def _listing(self, directory: str | Path, prefix: str) -> Iterator[os.DirEntry[str]]:
        try:
            return iter(sorted(os.scandir(directory), key=lambda e: e.name))
        except OSError as exc:
            self.unreadable.append((prefix or "./", exc.strerror or str(exc)))
            return iter(())

    def __iter__(self) -> Iterator[Item]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def lookup(self, name: str) -> Item | None:
        """The item called ``name`` (a directory with or without its trailing ``/``)."""
        return self._items.get(name) or self._items.get(name.rstrip("/") + "/")

    def files(self) -> Iterator[Item]:
        if self._files is None:
            self._files = [i for i in self._items.values() if i.is_file]
        return iter(self._files)

    def children(self, dirname: str) -> list[Item]:
        """Items directly inside ``dirname`` (``"models/"``; ``""`` for the root), in order."""
        if self._children is None:
            self._children = {}
            for item in self._items.values():
                self._children.setdefault(item.dirname, []).append(item)
        return self._children.get(dirname, [])
