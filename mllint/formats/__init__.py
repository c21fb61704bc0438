"""Format registry: identify a file by content, then read its header.

Every module in this package may define ``FORMATS: tuple[Format, ...]``; they are collected here in
module-name order, so a new format is one new module and nothing else to edit. Fixed-magic formats
are tried first, then heuristic ones, those whose extension matches the file name first
(model-formats.md §5: the extension orders the tries, it never decides). Two declarations only
skip sniffers that would refuse anyway: a format's ``lead`` (the bytes its files begin with) and
``named`` (a sniffer that itself requires one of its extensions: c-array, darknet).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache, lru_cache
from pathlib import Path

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

__all__ = [
    "HEAD_SIZE", "CorruptModelError", "Format", "FormatError", "LimitExceededError", "Member",
    "ModelInfo", "Provenance", "all_formats", "identify", "read",
]


@cache
def all_formats() -> tuple[Format, ...]:
    found: list[Format] = []
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if mod.name == "base" or mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{mod.name}")
        found.extend(getattr(module, "FORMATS", ()))
    return tuple(found)


@cache
def _partition() -> tuple[tuple[Format, ...], tuple[Format, ...], frozenset[str]]:
    """Magic formats, heuristic formats (both in registry order) and the heuristic extensions."""
    formats = all_formats()
    heuristic = tuple(f for f in formats if not f.magic)
    extensions = frozenset(e for f in heuristic for e in f.extensions)
    return tuple(f for f in formats if f.magic), heuristic, extensions


def _heuristic_for(lname: str, first: int) -> tuple[Format, ...]:
    """Heuristic formats whose lead admits ``first`` (the head's first byte; 256: empty head),
    those with an extension ``lname`` ends with first, then the others in registry order (the
    order the plain ``sort(key=not any(lname.endswith(e) ...))`` gives), named formats only
    when their extension matched.

    Sorting ~16 formats by ~50 ``endswith`` tests for every file was a fifth of the engine's CPU
    time on a 50,000-file tree (bench/many_files.py). Here the extensions the name ends with are
    found by lookups (an extension starting with "." can only match from one of the name's dots),
    and the order is cached per set of matched extensions and first byte.
    """
    _, _, extensions = _partition()
    matched = []
    dot = lname.find(".")
    while dot >= 0:
        if lname[dot:] in extensions:
            matched.append(lname[dot:])
        dot = lname.find(".", dot + 1)
    matched.extend(e for e in _undotted() if lname.endswith(e))
    return _heuristic_order(tuple(matched), first)


@cache
def _undotted() -> tuple[str, ...]:
    return tuple(sorted(e for e in _partition()[2] if not e.startswith(".")))


def _admits(fmt: Format, first: int) -> bool:
    return fmt.lead is None or (first < 256 and first in fmt.lead)


@lru_cache(maxsize=4096)
def _heuristic_order(matched: tuple[str, ...], first: int) -> tuple[Format, ...]:
    _, heuristic, _ = _partition()
    candidates = [f for f in heuristic if _admits(f, first)]
    named = [f for f in candidates if any(e in matched for e in f.extensions)]
    return tuple(named + [f for f in candidates if f not in named and not f.named])


@cache
def _magic_by_first() -> tuple[tuple[Format, ...], ...]:
    """Magic formats in registry order for each first byte 0..255, and 256 for an empty head.

    Calling ~40 sniffers on every file was half of mllint's time on a tree of small files; a
    text file now meets the handful whose lead admits its first character."""
    magic, _, _ = _partition()
    return tuple(tuple(f for f in magic if _admits(f, first)) for first in range(257))


def identify(head: bytes, size: int, name: str) -> Format | None:
    """Return the first format whose sniffer accepts ``head``, or ``None``.

    ``name`` is the base name; it orders the heuristic sniffers and gates the named ones.
    """
    first = head[0] if head else 256
    for fmt in _magic_by_first()[first]:
        if fmt.sniff(head, size, name):
            return fmt
    for fmt in _heuristic_for(name.lower(), first):
        if fmt.sniff(head, size, name):
            return fmt
    return None


def read(path: str | Path, head: bytes, size: int, name: str) -> ModelInfo | None:
    """Identify and read one file; ``None`` if it is not a model.

    Raises :class:`FormatError` (becomes ``ml-model-corrupt``). Any other exception from a
    reader is a reader bug; it is turned into a :class:`CorruptModelError` naming the exception
    type so that one bad file never stops the run (architecture.md, property 7).
    """
    fmt = identify(head, size, name)
    if fmt is None:
        return None
    try:
        return fmt.read(Path(path), head, size)  # a Path only for models: most files are not
    except FormatError:
        raise
    except (OSError, ValueError, KeyError, IndexError, TypeError, RecursionError, OverflowError,
            EOFError, MemoryError) as exc:
        raise CorruptModelError(f"{fmt.id} reader failed: {type(exc).__name__}") from exc
