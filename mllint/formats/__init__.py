"""Format registry: identify a file by content, then read its header.

Every module in this package may define ``FORMATS: tuple[Format, ...]``; they are collected here in
module-name order, so a new format is one new module and nothing else to edit. Fixed-magic formats
are tried first, then heuristic ones, those whose extension matches the file name first
(model-formats.md §5: the extension orders the tries, it never decides).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
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


def identify(head: bytes, size: int, name: str) -> Format | None:
    """Return the first format whose sniffer accepts ``head``, or ``None``.

    ``name`` is the base name; it only orders the heuristic sniffers.
    """
    lname = name.lower()
    formats = all_formats()
    for fmt in formats:
        if fmt.magic and fmt.sniff(head, size, name):
            return fmt
    heuristic = [f for f in formats if not f.magic]
    heuristic.sort(key=lambda f: not any(lname.endswith(e) for e in f.extensions))
    for fmt in heuristic:
        if fmt.sniff(head, size, name):
            return fmt
    return None


def read(path: Path, head: bytes, size: int, name: str) -> ModelInfo | None:
    """Identify and read one file; ``None`` if it is not a model.

    Raises :class:`FormatError` (becomes ``ml-model-corrupt``). Any other exception from a
    reader is a reader bug; it is turned into a :class:`CorruptModelError` naming the exception
    type so that one bad file never stops the run (architecture.md, property 7).
    """
    fmt = identify(head, size, name)
    if fmt is None:
        return None
    try:
        return fmt.read(path, head, size)
    except FormatError:
        raise
    except (OSError, ValueError, KeyError, IndexError, TypeError, RecursionError, OverflowError,
            EOFError, MemoryError) as exc:
        raise CorruptModelError(f"{fmt.id} reader failed: {type(exc).__name__}") from exc
