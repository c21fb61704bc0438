"""Bounded views into container members, so that format readers can read a member like a file.

A zip member is either *stored* (its bytes are a contiguous range of the archive: :class:`Window`)
or *deflated* (:class:`Inflate` decompresses on demand). Both are seekable raw streams; seeking
backwards in a deflated member restarts decompression, seeking forwards decompresses and drops.
Every byte inflated is charged to a :class:`Budget` shared by the whole top-level file, so neither
a zip bomb nor a nest of archives can make one file cost more than the budget
(model-formats.md §3.3 row 13, §6).

:class:`MemberPath` lets the registry's readers, which take a :class:`pathlib.Path` and call
``path.open("rb")``, read a member without extracting it to disk.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import BinaryIO, NamedTuple

from mllint.formats.base import CorruptModelError, LimitExceededError

CHUNK = 64 * 1024  # bytes read from the archive per step
INFLATE_BUDGET = 1 << 30  # bytes; total decompressed output allowed for one top-level file
MAX_RATIO = 200  # output per input byte past RATIO_AFTER: zeros deflate 1032:1, tensors ~1:1
RATIO_AFTER = 16 << 20  # bytes of output before the ratio is judged (small files vary widely)


class Budget:
    """Decompressed bytes still allowed for one top-level file (shared across nesting)."""

    def __init__(self, total: int | None = None) -> None:
        self.left = INFLATE_BUDGET if total is None else total
        # The member (path through nested archives) whose read ran out of budget, once it has:
        # the container reader reports it once for the whole file.
        self.spent_in: str | None = None

    def charge(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise LimitExceededError("decompression budget exhausted")


class Window(io.RawIOBase):
    """The byte range ``[start, start + length)`` of ``base``, as a seekable stream of its own."""

    def __init__(self, base: BinaryIO, start: int, length: int) -> None:
        super().__init__()
        self._base, self._start, self._length, self._pos = base, start, length, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        origin = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._length}[whence]
        if origin + offset < 0:
            raise OSError("negative seek position")
        self._pos = origin + offset
        return self._pos

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        want = min(len(buffer), self._length - self._pos)
        if want <= 0:
            return 0
        self._base.seek(self._start + self._pos)
        data = self._base.read(want)
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)


class Inflate(io.RawIOBase):
    """A raw-deflate member (zip method 8) of ``length`` declared bytes, decompressed on demand.

    Output beyond the declared size is never produced; a stream that ends early reads as EOF
    there, so readers see a truncated member and raise their own errors.
    """

    def __init__(self, base: BinaryIO, start: int, csize: int, length: int,
                 budget: Budget) -> None:
        super().__init__()
        self._base, self._start, self._csize, self._length = base, start, csize, length
        self._budget = budget
        self._restart()

    def _restart(self) -> None:
        self._z = zlib.decompressobj(-15)
        self._consumed = 0  # compressed bytes fed
        self._produced = 0  # decompressed bytes produced since the restart
        self._pending = b""  # produced but not yet returned
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        origin = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._length}[whence]
        target = origin + offset
        if target < 0:
            raise OSError("negative seek position")
        if target < self._pos:
            self._restart()
        while self._pos < target:
            n = len(self._next(min(target - self._pos, CHUNK)))
            if n == 0:
                break
        self._pos = max(self._pos, target)  # past EOF: later reads return nothing
        return self._pos

    def _next(self, n: int) -> bytes:
        """Return up to ``n`` further bytes of output, advancing the position."""
        while not self._pending and self._produced < self._length and not self._z.eof:
            if self._consumed >= self._csize and not self._z.unconsumed_tail:
                break
            if self._z.unconsumed_tail:
                data = self._z.unconsumed_tail
            else:
                self._base.seek(self._start + self._consumed)
                data = self._base.read(min(CHUNK, self._csize - self._consumed))
                if not data:
                    break
                self._consumed += len(data)
            try:
                out = self._z.decompress(data, CHUNK)
            except zlib.error as exc:
                raise CorruptModelError("bad deflate data") from exc
            out = out[: self._length - self._produced]
            self._produced += len(out)
            self._budget.charge(len(out))
            if self._produced > RATIO_AFTER and self._produced > MAX_RATIO * self._consumed:
                raise LimitExceededError(f"compression ratio over {MAX_RATIO}")
            self._pending = out
        chunk, self._pending = self._pending[:n], self._pending[n:]
        self._pos += len(chunk)
        return chunk

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._pos >= self._length:
            return 0
        data = self._next(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Stat(NamedTuple):
    st_size: int


class MemberPath:
    """Stands in for a :class:`pathlib.Path` when a reader is handed a container member.

    Offers what readers use: ``open("rb")``, ``name``, ``suffix``, ``stat().st_size``. It has no
    ``__fspath__`` on purpose: a reader that needs a real file fails with a clear error for the
    member instead of silently reading the outer archive.
    """

    def __init__(self, outer: str, member: str, size: int,
                 opener: Callable[[], BinaryIO]) -> None:
        self.member, self.size, self._outer, self._opener = member, size, outer, opener
        pure = PurePosixPath(member)
        self.name, self.suffix = pure.name, pure.suffix

    def open(self, mode: str = "rb") -> BinaryIO:
        if mode != "rb":
            raise ValueError("container members are read-only and binary")
        return self._opener()

    def stat(self) -> _Stat:
        return _Stat(self.size)

    def __str__(self) -> str:
        return f"{self._outer}:{self.member}"
