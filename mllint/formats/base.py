"""The record every format reader returns, the errors it may raise, and the sniffer contract.

A reader reads magic, header and metadata, and seeks past tensor data: its cost is bounded by the
header, never by the weights (architecture.md, property 2). Every length field is checked against
the bytes that remain before anything is read or skipped.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

HEAD_SIZE = 4096
"""Bytes of every file kept by the index and handed to sniffers (4 KiB)."""


class FormatError(Exception):
    """Anything a reader says about the bytes it was given. Becomes ``ml-model-corrupt``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CorruptModelError(FormatError, ValueError):
    """The file identifies as a format but its structure is broken (truncated, bad offsets, ...)."""


class LimitExceededError(FormatError):
    """A safety cap (header size, recursion depth, element count, decompression ratio) tripped."""


@dataclass(slots=True)
class Provenance:
    """Provenance fields found inside the artefact itself (embedded metadata, model config).

    Each list keeps the values as written; the provenance and licensing checks interpret them.
    """

    license: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    base_models: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    training_inputs: list[str] = field(default_factory=list)  # file paths a trainer recorded
    producer: list[str] = field(default_factory=list)  # tool that wrote the file, with version

    def __bool__(self) -> bool:
        return any((self.license, self.authors, self.base_models, self.datasets,
                    self.training_inputs, self.producer))


@dataclass(slots=True)
class ModelInfo:
    """What a reader learnt from a model artefact's header.

    ``format`` is the frozen format id printed in the ``ml-model-file`` note (model-formats.md §5).
    Counts are ``None`` when they cannot be had cheaply.
    """

    format: str
    tensors: int | None = None
    parameters: int | None = None
    dtypes: tuple[str, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)  # embedded key/value pairs, verbatim
    provenance: Provenance = field(default_factory=Provenance)
    members: list[Member] = field(default_factory=list)  # container members that are models
    pickle_globals: list[str] = field(default_factory=list)  # "module.qualname", in order seen
    external_data: tuple[str, ...] = ()  # ONNX external data locations, as written
    # Files whose bytes belong to this model though it is reported at this one file: weight
    # shards and external tensor data, as paths relative to this file's directory, as the
    # format names them (never checked by the reader: they may point anywhere). The model's
    # size is this file's plus theirs, resolved in the scanned tree only
    # (mllint.inventory.model_size).
    parts: tuple[str, ...] = ()
    trained: bool | None = None  # False: structure without trained weights (test graphs)
    extra: dict[str, object] = field(default_factory=dict)  # format-specific facts, JSON-able


@dataclass(slots=True)
class Member:
    """A model found inside a container (zip, tar, gzip); ``name`` is the member's path."""

    name: str
    model: ModelInfo | None
    error: FormatError | None = None


Sniff = Callable[[bytes, int, str], bool]
"""``sniff(head, size, name) -> bool``: does this content belong to the format? Cheap, head only.

``head`` is the first :data:`HEAD_SIZE` bytes, ``size`` the file size in bytes, ``name`` the file's
base name (an extension hint for magic-less formats, never the deciding fact)."""

Read = Callable[[Path, bytes, int], "ModelInfo | None"]
"""``read(path, head, size) -> ModelInfo | None``; ``None`` when a closer look shows the file is
not a model after all (HDF5 science data, a zip of documents). Raises :class:`FormatError` when
the file claims the format but is broken."""


WHITESPACE = b" \t\n\r\x0b\x0c"  # what \s matches in a bytes regex: leads of text formats


class Format(NamedTuple):
    """One format family's entry in the registry (``FORMATS`` in its module)."""

    id: str
    sniff: Sniff
    read: Read
    extensions: tuple[str, ...] = ()  # conventional suffixes, lower case, with the dot
    magic: bool = True  # identified by a fixed magic (tried first) rather than by a heuristic
    weights: bool = True  # the format stores trained parameters (False: tokenizers, configs)
    # Every byte a file of this format can begin with (None: any byte). identify() calls the
    # sniffer only for heads starting with one of them; derive it from the constants the sniffer
    # tests where possible. tests/formats/test_registry_order.py holds it against every model
    # the tests build.
    lead: bytes | None = None
    named: bool = False  # the sniffer accepts only names with one of the extensions: not tried
    # on other files (heuristic formats only)
    # The sniffer accepts only heads with a NUL byte among their first BINARY_SPAN bytes (a
    # small little- or big-endian count or version that it requires): not tried on text files,
    # most of a source tree. Same test as for lead.
    binary: bool = False
    # Byte strings at fixed offsets of which every head the sniffer accepts holds one (a
    # signature behind a field of any value: safetensors' "{" after its header length, TFLite's
    # identifier at 4, tar's at 257): like lead, tested before the sniffer, so that a file none
    # of them marks never imports the reader. Empty: no such test.
    marks: tuple[tuple[int, bytes], ...] = ()


BINARY_SPAN = 16
"""Bytes at the start of a head where a :attr:`Format.binary` format always has a NUL."""


def remaining(f: BinaryIO, size: int) -> int:
    """Bytes left between the current position of ``f`` and ``size``."""
    return size - f.tell()


def read_exact(f: BinaryIO, n: int, size: int, what: str) -> bytes:
    """Read exactly ``n`` bytes or raise :class:`CorruptModelError` naming ``what``.

    ``n`` is checked against ``size`` first, so a huge declared length never allocates.
    """
    if n < 0 or n > remaining(f, size):
        raise CorruptModelError(f"{what} length {n} exceeds the file")
    data = f.read(n)
    if len(data) != n:
        raise CorruptModelError(f"truncated {what}")
    return data


def file_size(path: Path) -> int:
    return os.stat(path).st_size
