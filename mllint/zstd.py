"""zstd streams through the optional ``zstandard`` bindings (Debian: python3-zstandard).

The bindings are imported on first use: they cost about 10 ms of start-up, and most runs meet no
zstd stream (bench/README.md). :mod:`mllint.unpack` and :mod:`mllint.formats.tarfmt` share this.
"""

from __future__ import annotations

import sys
from typing import BinaryIO


def reader(raw: BinaryIO, *, across_frames: bool = True) -> BinaryIO | None:
    """A decompressing reader over ``raw``, or ``None`` when the bindings are not installed.
    Its errors are :func:`errors`."""
    try:
        import zstandard
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return zstandard.ZstdDecompressor().stream_reader(  # type: ignore[no-any-return]
        raw, read_across_frames=across_frames)


def errors() -> tuple[type[Exception], ...]:
    """The bindings' exception class, once :func:`reader` has loaded them; before that no zstd
    stream exists that could raise it."""
    module = sys.modules.get("zstandard")
    return (module.ZstdError,) if module is not None else ()
