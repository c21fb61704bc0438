"""Format registry: identify a file by content, then read its header.

Every module in this package may define ``FORMATS: tuple[Format, ...]``; they are collected here in
module-name order, so a new format is one new module and a run of ``dev/declare-formats``, which
records each format's registry fields in ``_declared.py`` so that a run imports only the readers
it needs (tests/formats/test_declared.py says when that file is stale). Fixed-magic formats
are tried first, then heuristic ones, those whose extension matches the file name first
(model-formats.md §5: the extension orders the tries, it never decides). Two declarations only
skip sniffers that would refuse anyway: a format's ``lead`` (the bytes its files begin with),
``marks`` (signatures at fixed offsets, one of which its files hold), ``binary`` (its files have
a NUL among their first bytes) and ``named`` (a sniffer that itself requires one of its
extensions: c-array, darknet).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from mllint.formats.base import (
    BINARY_SPAN,
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
    "BINARY_SPAN", "HEAD_SIZE", "MODEL_ONLY", "CorruptModelError", "Declared", "Format",
    "FormatError", "LimitExceededError", "Member", "ModelInfo", "Provenance", "all_formats",
    "broken_model", "declared", "identify", "read",
]


class Declared(NamedTuple):
    """A format as the registry knows it before its reader module is imported: the fields of
    its :class:`Format` that order and gate the sniffers, and the module that defines it."""

    id: str
    module: str  # under mllint.formats
    magic: bool
    weights: bool
    lead: bytes | None
    extensions: tuple[str, ...]
    named: bool
    binary: bool
    # Format.marks grouped by offset, ascending: one C call per offset (see _marked)
    marks: tuple[tuple[int, tuple[bytes, ...]], ...]


def _reader_modules() -> list[str]:
    return [m.name for m in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
            if m.name != "base" and not m.name.startswith("_")]


@cache
def all_formats() -> tuple[Format, ...]:
    """Every format, in registry order; imports every reader module (~35 ms)."""
    return tuple(f for _, f in _from_modules())


def _from_modules() -> list[tuple[str, Format]]:
    found = []
    for name in _reader_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        found.extend((name, f) for f in getattr(module, "FORMATS", ()))
    return found


def declare_from_modules() -> tuple[Declared, ...]:
    """The declarations as the reader modules make them: what ``_declared.py`` must hold
    (``dev/declare-formats`` writes it; tests/formats/test_declared.py compares)."""
    return tuple(_declare(module, f) for module, f in _from_modules())


def _declare(module: str, f: Format) -> Declared:
    offsets = sorted({offset for offset, _ in f.marks})
    marks = tuple((o, tuple(m for offset, m in f.marks if offset == o)) for o in offsets)
    return Declared(f.id, module, f.magic, f.weights, f.lead, f.extensions, f.named, f.binary,
                    marks)


@cache
def declared() -> tuple[Declared, ...]:
    """Every format in registry order, without importing the readers.

    Read from the generated ``_declared.py``: importing all ~30 reader modules to learn their
    leads cost ~35 ms, a third of mllint's start-up on a single file (bench/README.md); a run
    now imports only the readers whose lead admits a file it meets.
    """
    from mllint.formats._declared import DECLARED

    return tuple(Declared(*row) for row in DECLARED)


_LOADED: dict[Declared, Format] = {}


def _format(d: Declared) -> Format:
    """The :class:`Format` declared as ``d`` (an id may have several: mecab), importing its
    reader module on first use."""
    fmt = _LOADED.get(d)
    if fmt is None:
        module = importlib.import_module(f"{__name__}.{d.module}")
        for f in module.FORMATS:
            _LOADED[_declare(d.module, f)] = f
        fmt = _LOADED[d]
    return fmt


@cache
def _partition() -> tuple[tuple[Declared, ...], tuple[Declared, ...], frozenset[str]]:
    """Magic formats, heuristic formats (both in registry order) and the heuristic extensions."""
    formats = declared()
    heuristic = tuple(f for f in formats if not f.magic)
    extensions = frozenset(e for f in heuristic for e in f.extensions)
    return tuple(f for f in formats if f.magic), heuristic, extensions


def _heuristic_for(lname: str, first: int, binary: bool = True) -> tuple[Declared, ...]:
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
    undotted = _undotted()
    if lname.endswith(undotted):  # one C call rejects almost every name
        matched.extend(e for e in undotted if lname.endswith(e))
    return _heuristic_order(tuple(matched), first, binary)


@cache
def _undotted() -> tuple[str, ...]:
    return tuple(sorted(e for e in _partition()[2] if not e.startswith(".")))


def _admits(fmt: Declared, first: int, binary: bool) -> bool:
    lead = fmt.lead is None or (first < 256 and first in fmt.lead)
    return lead and (binary or not fmt.binary)


@lru_cache(maxsize=4096)
def _heuristic_order(matched: tuple[str, ...], first: int, binary: bool) -> tuple[Declared, ...]:
    _, heuristic, _ = _partition()
    candidates = [f for f in heuristic if _admits(f, first, binary)]
    named = [f for f in candidates if any(e in matched for e in f.extensions)]
    return tuple(named + [f for f in candidates if f not in named and not f.named])


@cache
def _magic_by_first(first: int, binary: bool = True) -> tuple[Declared, ...]:
    """Magic formats in registry order whose lead admits ``first`` (0..255, 256: empty head),
    without the :attr:`~Format.binary` ones unless ``binary`` (a NUL in the head's start).

    Calling ~40 sniffers on every file was half of mllint's time on a tree of small files; a
    text file now meets the handful whose lead admits its first character."""
    magic, _, _ = _partition()
    return tuple(f for f in magic if _admits(f, first, binary))


def _marked(head: bytes, marks: tuple[tuple[int, tuple[bytes, ...]], ...]) -> bool:
    # A loop, not any() over a generator: identify() calls this three times for every text
    # file of a tree, where the generator cost more than the sniffers it spares.
    end = len(head)
    for offset, strings in marks:
        if offset >= end:
            return False
        if head.startswith(strings, offset):
            return True
    return False


def identify(head: bytes, size: int, name: str) -> Format | None:
    """Return the first format whose sniffer accepts ``head``, or ``None``.

    ``name`` is the base name; it orders the heuristic sniffers and gates the named ones.
    """
    first = head[0] if head else 256
    binary = b"\0" in head[:BINARY_SPAN]
    # A reader module is imported when its format is first tried, not before (declared()).
    for d in _magic_by_first(first, binary):
        if d.marks and not _marked(head, d.marks):
            continue
        fmt = _LOADED.get(d) or _format(d)
        if fmt.sniff(head, size, name):
            return fmt
    for d in _heuristic_for(name.lower(), first, binary):
        if d.marks and not _marked(head, d.marks):
            continue
        fmt = _LOADED.get(d) or _format(d)
        if fmt.sniff(head, size, name):
            return fmt
    return None


# Suffixes only models carry, and their formats. Such a file is a broken model (a failed
# download, a truncated copy) when it is empty, or a text document (an HTML error page saved
# under the model's name: no binary model begins with "<" or "{"), or, for a format with a
# fixed magic, whenever no reader identifies it; other formats are identified by heuristics,
# which may miss a model that is sound.
MODEL_ONLY = {".safetensors": "safetensors", ".gguf": "GGUF", ".tflite": "TFLite",
              ".onnx": "ONNX", ".caffemodel": "Caffe", ".mlmodel": "Core ML", ".nnue": "NNUE",
              ".traineddata": "tesseract"}
MAGIC_ONLY = frozenset({".safetensors", ".gguf", ".tflite"})


def broken_model(name: str, head: bytes, size: int) -> str | None:
    """Why a file (or container member) called ``name`` that no reader identified is a broken
    model, judged by its name and first bytes: ``"empty file"``, ``"not ONNX: a text
    document"``, ``"not GGUF"``; ``None`` when its name does not say model. ``head`` must have
    been read: an unreadable file is not broken, just unread."""
    dot = name.rfind(".")
    fmt = MODEL_ONLY.get(name[dot:].lower()) if dot > 0 else None
    if fmt is None:
        return None
    if size == 0:
        return "empty file"
    if head.lstrip()[:1] in (b"<", b"{"):
        return f"not {fmt}: a text document"
    return f"not {fmt}" if name[dot:].lower() in MAGIC_ONLY else None


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
