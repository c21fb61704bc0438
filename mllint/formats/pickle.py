"""Pickles, read opcode by opcode: every global a loader would import, without loading anything.

Nothing here calls ``pickle.load``. ``pickletools.genops`` is not used either: it reads every bytes
argument into memory (a 500 MB pickle costs 501 MB RSS, model-formats.md §1) and keeps no stack or
memo, so it cannot tell which string a ``STACK_GLOBAL`` consumes. The walker below decodes CPython's
opcode table (``Lib/pickle.py``, ``Modules/_pickle.c``, protocols 0-5) over ``[start, end)``, seeks
past big arguments, and simulates only what naming a global needs: a small-value stack with
CPython's mark semantics, and the memo exactly as CPython keeps it (model-formats.md §3.1).

Safety classification (allow/deny lists) is not done here; :class:`PickleScan` reports the globals
faithfully and ``"<unresolvable>"`` where a global cannot be named from literals.
"""

from __future__ import annotations

import _compat_pickle  # CPython's own Python 2 -> 3 name tables (data only), as find_class uses
import base64
import binascii
import codecs
import io
import re
import struct
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from mllint.formats.base import (
    CorruptModelError,
    Format,
    FormatError,
    LimitExceededError,
    ModelInfo,
    Provenance,
)

UNRESOLVABLE = "<unresolvable>"
"""Reported for a global whose name is not made of literals (``STACK_GLOBAL`` on computed
operands, ``EXT1/2/4``), for frame violations and for walks a cap cut short (§3.2 rule 1)."""

KEEP = 4096
"""Longest str/bytes argument, in bytes, kept as a value; longer ones are skipped by seeking and
stand on the stack as opaque values (a qualname longer than this is unresolvable)."""
MAX_MEMO = 1 << 20  # memo entries; CPython has none (PUT 10**12 costs it an array: §3.3 row 16)
MAX_STACK = 1 << 20  # stack items plus marks, over all mark levels
MAX_GLOBALS = 10_000  # distinct globals per scan
MAX_STORAGES = 1 << 20  # distinct torch storages per scan (a large LLM checkpoint has ~1000)
VALUE_BUDGET = 64 << 20  # approximate bytes of kept values per pickle; past it values go opaque
CONTAINER_KEEP = 256  # elements kept per list/dict/set/tuple; the rest are counted, not kept
MAX_NUMBER_LINE = 5000  # digits: CPython refuses int strings over 4300 digits anyway
CHUNK = 1 << 16  # read-buffer size in bytes
TRAILING_SPACE = 64  # whitespace bytes tolerated after a protocol 0/1 pickle file's last STOP

JOBLIB_WRAPPER = "joblib.numpy_pickle.NumpyArrayWrapper"
NUMPY_RECONSTRUCT = frozenset({"numpy.core.multiarray._reconstruct",
                               "numpy._core.multiarray._reconstruct"})  # numpy < 2, >= 2
MAX_ELEMENTS = 1 << 62  # cap on a counted array's elements
MAX_NESTING = 3  # pickles inside loader arguments inside pickles (§3.3 row 14)
MAX_NESTED_DECODE = 64 << 20  # bytes of an encoded nested pickle we read to decode it
# Callables that unpickle their first argument (bytes, or a file-like over bytes): a literal
# argument is a nested pickle whose globals load with the outer one (§3.3 row 14).
NESTED_LOADERS = frozenset({
    "pickle.loads", "pickle._loads", "_pickle.loads", "pickle.load", "pickle._load",
    "_pickle.load", "dill.loads", "dill.load", "dill._dill.loads", "dill._dill.load",
    "cloudpickle.loads", "cloudpickle.load", "torch.load", "torch.storage._load_from_bytes",
    "torch.serialization.load", "joblib.load", "joblib.numpy_pickle.load", "numpy.load",
})
FILE_WRAPPERS = frozenset({"io.BytesIO", "_io.BytesIO"})
DECODERS = {
    "base64.b64decode": base64.b64decode, "base64.standard_b64decode": base64.b64decode,
    "base64.urlsafe_b64decode": base64.urlsafe_b64decode, "binascii.a2b_base64": base64.b64decode,
    "base64.b16decode": base64.b16decode, "binascii.unhexlify": binascii.unhexlify,
    "binascii.a2b_hex": binascii.unhexlify,
    "builtins.bytes.fromhex": lambda b: bytes.fromhex(b.decode("latin-1")),
}
# torch's tensor rebuilders (torch/_utils.py): the first four arguments are (storage,
# storage_offset, size, stride) in all of them; _rebuild_parameter wraps one and is not counted.
TORCH_REBUILDERS = frozenset({
    "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2",
    "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_qtensor",
})
# Storage classes torch pickles in persistent ids (torch/storage.py, _dtype_to_storage_type_map)
# -> (torch dtype name, bytes per element). Others (newer float8 and unsigned types) are named
# after their class and taken as 1 byte per element, the smallest.
STORAGE_DTYPES = {
    "FloatStorage": ("float32", 4), "DoubleStorage": ("float64", 8),
    "HalfStorage": ("float16", 2), "BFloat16Storage": ("bfloat16", 2),
    "LongStorage": ("int64", 8), "IntStorage": ("int32", 4), "ShortStorage": ("int16", 2),
    "CharStorage": ("int8", 1), "ByteStorage": ("uint8", 1), "BoolStorage": ("bool", 1),
    "ComplexFloatStorage": ("complex64", 8), "ComplexDoubleStorage": ("complex128", 16),
    "QInt8Storage": ("qint8", 1), "QUInt8Storage": ("quint8", 1), "QInt32Storage": ("qint32", 4),
    "QUInt4x2Storage": ("quint4x2", 1), "QUInt2x4Storage": ("quint2x4", 1),
}
PROTOCOL_START = frozenset(b"(}])NIFLSVXTUJKMGcP")
"""Protocol 0/1 opcodes that a pickler emits first: they push a value without needing one."""


class _Opaque:
    """A value we do not track (skipped argument, call result, persistent object)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<opaque>"


OPAQUE = _Opaque()


@dataclass(frozen=True, slots=True)
class _Global:
    name: str  # "module.qualname" as find_class would resolve it, or UNRESOLVABLE


@dataclass(frozen=True, slots=True)
class _Span:
    """A length-prefixed argument too long to keep: where its bytes lie in the stream, so that a
    loader consuming it can walk it in place."""

    offset: int
    length: int
    kind: str  # "bytes", "latin1" or "utf-8"


@dataclass(eq=False, slots=True)
class TorchStorage:
    """A storage a torch pickle names by persistent id: its key (the ``data/<key>`` record of a
    torch zip), the dtype its class names, the element count the id declares, and the elements
    of the tensors viewing it, summed and capped at ``numel``."""

    key: str
    dtype: str
    itemsize: int  # bytes per element
    numel: int
    elements: int = 0


@dataclass(slots=True)
class _Tensors:
    """Tensors rebuilt from torch storages, over all pickles of one scan."""

    count: int = 0
    storages: dict[str, TorchStorage] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class _Call:
    """The result of REDUCE/NEWOBJ/NEWOBJ_EX/OBJ/INST; BUILD records its state."""

    callee: object
    args: object
    state: object = None


@dataclass(slots=True)
class PickleScan:
    """What a walk over ``[start, end)`` found.

    ``globals``: "module.qualname" in first-seen order, deduplicated, ``"<unresolvable>"`` included.
    ``pickles``: pickles walked to their STOP. ``end``: offset where the walk stopped.
    ``error``: why the walk stopped early (findings before it are kept), else ``None``.
    ``unresolved_at``: offsets of the opcodes that produced ``"<unresolvable>"``.
    ``classes``: globals instantiated as objects (NEWOBJ, OBJ, INST, ``copyreg._reconstructor``),
    e.g. ``sklearn.linear_model._logistic.LogisticRegression``.
    ``built_globals``: globals that BUILD set attributes on directly (not on an instance of them):
    picklers never emit it; it plants attributes for later lookups (§3.2 rule 4).
    ``producers``: library versions objects recorded in their state, e.g. ``scikit-learn 1.2.1``
    (scikit-learn's ``BaseEstimator.__getstate__`` adds ``_sklearn_version``).
    ``tensors``: torch tensors rebuilt from persistent storages (``torch.save``'s data.pkl,
    legacy torch files); ``storages``: the storages they view, by key.

    What the data looks like, for telling a table of learned numbers from other data
    (``mllint.inventory``): ``literals``, the str/bytes/int/float literals pushed;
    ``mapped_floats``, floats stored as dict values (``{"B": -0.26, ...}``, how jieba keeps
    HMM probabilities); ``array_floats``, elements of float/complex numpy arrays rebuilt with
    ``_reconstruct`` (their raw data is skipped, the count comes from shape and dtype).
    """

    globals: list[str]
    pickles: int
    end: int
    error: FormatError | None
    unresolved_at: list[int] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    built_globals: list[str] = field(default_factory=list)
    producers: list[str] = field(default_factory=list)
    tensors: int = 0
    storages: list[TorchStorage] = field(default_factory=list)
    literals: int = 0
    mapped_floats: int = 0
    array_floats: int = 0

    @property
    def parameters(self) -> int:
        """Elements of all tensors; views of one storage count at most its ``numel``."""
        return sum(s.elements for s in self.storages)

    @property
    def dtypes(self) -> list[str]:
        return sorted({s.dtype for s in self.storages})


class _Truncated(Exception):
    """EOF inside a pickle (internal; becomes a CorruptModelError naming the offset)."""


class _Source:
    """Buffered reads over ``f`` from ``start`` up to ``end`` (``None``: until EOF).

    Skips seek when ``f`` is seekable and read-and-discard otherwise (decompression streams).
    """

    __slots__ = ("base", "buf", "end", "f", "i", "seekable")

    def __init__(self, f: BinaryIO, start: int, end: int | None) -> None:
        self.f = f
        self.end = end
        self.seekable = f.seekable()
        if self.seekable:
            f.seek(start)
        self.base = start  # stream offset of buf[0]
        self.buf = b""
        self.i = 0

    @property
    def pos(self) -> int:
        return self.base + self.i

    def _fill(self, want: int) -> bool:
        """Make at least ``want`` bytes available after ``i``; False at EOF/end."""
        avail = len(self.buf) - self.i
        while avail < want:
            n = max(CHUNK, want - avail)
            if self.end is not None:
                n = min(n, self.end - (self.base + len(self.buf)))
            data = self.f.read(n) if n > 0 else b""
            if not data:
                return False
            self.buf = self.buf[self.i:] + data
            self.base += self.i
            self.i = 0
            avail = len(self.buf)
        return True

    def at_end(self) -> bool:
        return not self._fill(1)

    def peek(self, n: int) -> bytes:
        self._fill(n)
        return self.buf[self.i:self.i + n]

    def read(self, n: int) -> bytes:
        i = self.i
        if i + n > len(self.buf):
            if not self._fill(n):
                raise _Truncated
            i = self.i
        self.i = i + n
        return self.buf[i:i + n]

    def byte(self) -> int:
        i = self.i
        if i >= len(self.buf):
            if not self._fill(1):
                raise _Truncated
            i = self.i
        self.i = i + 1
        return self.buf[i]

    def skip(self, n: int) -> None:
        avail = len(self.buf) - self.i
        if n <= avail:
            self.i += n
            return
        target = self.pos + n
        # With end=None a declared length of up to 2**64 - 1 reaches here; no file is that long,
        # and seek() would overflow rather than stop at EOF.
        if target > (self.end if self.end is not None else sys.maxsize):
            raise _Truncated
        if self.seekable:
            self.f.seek(target)
            self.base, self.buf, self.i = target, b"", 0
            return
        n -= avail
        self.base, self.buf, self.i = self.pos + avail, b"", 0
        while n:
            data = self.f.read(min(n, 1 << 20))
            if not data:
                raise _Truncated
            self.base += len(data)
            n -= len(data)

    def readline(self) -> bytes | None:
        """The next line without its newline, or ``None`` when it is longer than :data:`KEEP`
        (then it is skipped, never held in memory)."""
        kept: bytes | None = b""
        while True:
            j = self.buf.find(b"\n", self.i)
            if j >= 0:
                part = self.buf[self.i:j]
                self.i = j + 1
                if kept is not None and len(kept) + len(part) <= KEEP:
                    return kept + part
                return None
            part = self.buf[self.i:]
            if kept is not None:
                kept = kept + part if len(kept) + len(part) <= KEEP else None
            self.i = len(self.buf)
            if not self._fill(1):
                raise _Truncated


def _find_class_name(module: str, name: str, proto: int) -> str:
    """The dotted name ``Unpickler.find_class`` imports, after its protocol<3 fix_imports step."""
    if proto < 3:
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
    return f"{module}.{name}"


def _parse_int(line: bytes) -> int:
    """INT/LONG/GET/PUT argument: Python's ``int(x, 0)``; the C unpickler's strtol also takes
    leading zeros, so we do too (either loader may read the file)."""
    if len(line) > MAX_NUMBER_LINE:
        raise ValueError("number too long")
    try:
        return int(line, 0)
    except ValueError:
        return int(line, 10)


class _Walker:
    __slots__ = ("array_floats", "budget", "built", "classes", "depth", "frame_end", "joblib",
                 "literals", "mapped_floats", "memo", "metastack", "nesting", "op_at", "ops",
                 "producers", "proto", "seen", "src", "stack", "tensors", "unresolved_at")

    def __init__(self, src: _Source, joblib: bool, parent: _Walker | None = None) -> None:
        self.src = src
        self.joblib = joblib  # skip NumpyArrayWrapper raw arrays as joblib's unpickler reads them
        # A nested walk (a pickle inside a loader's argument) reports into its parent's findings.
        self.nesting = parent.nesting + 1 if parent else 0
        self.seen: dict[str, None] = parent.seen if parent else {}
        self.unresolved_at: list[int] = parent.unresolved_at if parent else []
        self.classes: dict[str, None] = parent.classes if parent else {}
        self.built: dict[str, None] = parent.built if parent else {}
        self.producers: dict[str, None] = parent.producers if parent else {}
        self.tensors: _Tensors = parent.tensors if parent else _Tensors()
        self.ops = 0  # opcodes decoded, all pickles
        # The shape of the data, all pickles (PickleScan.literals and the float counts).
        self.literals = self.mapped_floats = self.array_floats = 0
        self._reset()

    def _reset(self) -> None:
        self.stack: list[object] = []
        self.metastack: list[list[object]] = []
        self.depth = 0  # items + marks over all levels
        self.memo: dict[int, object] = {}
        self.proto = 0
        self.frame_end: int | None = None
        self.budget = VALUE_BUDGET

    # -- findings ---------------------------------------------------------------------------
    def _global(self, name: str) -> _Global:
        if name not in self.seen:
            if len(self.seen) >= MAX_GLOBALS:
                raise LimitExceededError(f"more than {MAX_GLOBALS} distinct globals")
            self.seen[name] = None
        return _Global(name)

    def _unresolvable(self, offset: int) -> _Global:
        self.unresolved_at.append(offset)
        return self._global(UNRESOLVABLE)

    # -- stack --------------------------------------------------------------------------------
    def push(self, value: object) -> None:
        if self.depth >= MAX_STACK:
            raise LimitExceededError(f"pickle stack exceeds {MAX_STACK} entries")
        self.stack.append(value)
        self.depth += 1

    def pop(self) -> object:
        if not self.stack:
            raise CorruptModelError(f"pickle stack underflow at offset {self.op_at}")
        self.depth -= 1
        return self.stack.pop()

    def top(self) -> object:
        if not self.stack:
            raise CorruptModelError(f"pickle stack underflow at offset {self.op_at}")
        return self.stack[-1]

    def mark(self) -> None:
        if self.depth >= MAX_STACK:
            raise LimitExceededError(f"pickle stack exceeds {MAX_STACK} entries")
        self.metastack.append(self.stack)
        self.stack = []
        self.depth += 1

    def pop_mark(self) -> list[object]:
        if not self.metastack:
            raise CorruptModelError(f"pickle MARK missing at offset {self.op_at}")
        items = self.stack
        self.stack = self.metastack.pop()
        self.depth -= len(items) + 1
        return items

    def keep(self, value: object, cost: int) -> object:
        """Keep ``value`` while the per-pickle value budget lasts, else an opaque stand-in."""
        if cost > self.budget:
            return OPAQUE
        self.budget -= cost
        return value

    def memo_put(self, index: int, value: object) -> None:
        if index not in self.memo and len(self.memo) >= MAX_MEMO:
            raise LimitExceededError(f"pickle memo exceeds {MAX_MEMO} entries")
        self.memo[index] = value

    def memo_get(self, index: int) -> None:
        try:
            self.push(self.memo[index])
        except KeyError:
            raise CorruptModelError(f"pickle memo key {index} missing at offset {self.op_at}")

    # -- arguments ----------------------------------------------------------------------------
    def sized(self, n: int, kind: str) -> object:
        """A length-prefixed argument: kept as bytes/str when short, else skipped."""
        if n < 0:
            raise CorruptModelError(f"negative length at offset {self.op_at}")
        if n > KEEP:
            start = self.src.pos
            self.src.skip(n)  # bounds-checked against end inside skip
            return _Span(start, n, kind)
        data = self.src.read(n)
        if kind == "bytes":
            return self.keep(data, n + 40)
        if kind == "latin1":  # protocol 0-2 byte strings; loaders pick the encoding
            return self.keep(data.decode("latin-1"), n + 50)
        try:
            return self.keep(data.decode("utf-8", "surrogatepass"), n + 50)
        except UnicodeDecodeError:
            raise CorruptModelError(f"invalid UTF-8 string at offset {self.op_at}")

    def u(self, fmt: str, n: int) -> int:
        return _STRUCTS[fmt](self.src.read(n))[0]

    def line(self) -> bytes:
        data = self.src.readline()
        if data is None:
            raise CorruptModelError(f"overlong argument line at offset {self.op_at}")
        return data

    def name_line(self) -> str:
        data = self.line()
        if not data:
            raise CorruptModelError(f"empty module or name at offset {self.op_at}")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise CorruptModelError(f"invalid UTF-8 name at offset {self.op_at}")

    def call(self, call: _Call) -> _Call:
        """Every call site: a loader global with a literal argument walks that nested pickle."""
        if isinstance(call.callee, _Global) and call.callee.name in NESTED_LOADERS:
            self.nested(call)
        return call

    def nested(self, call: _Call) -> None:
        arg = call.args[0] if isinstance(call.args, tuple) and call.args else None
        data = self.literal_bytes(arg)
        if data is None:
            self._unresolvable(self.op_at)  # the loader unpickles something we cannot see
            return
        if self.nesting >= MAX_NESTING:
            self._unresolvable(self.op_at)
            return
        if isinstance(data, bytes):
            head = data[:2]
            f: BinaryIO = io.BytesIO(data)
            start, end = 0, len(data)
        else:  # a span of the stream we are walking: walk it in place, then come back
            if not self.src.seekable:
                self._unresolvable(self.op_at)
                return
            f, start, end = self.src.f, data.offset, data.offset + data.length
            f.seek(start)
            head = f.read(2)
        if not head or not (head[0] == 0x80 or head[0] in PROTOCOL_START):
            return  # not a pickle (an .npy header, say): nothing this loader imports from it
        callee = call.callee.name  # type: ignore[attr-defined]
        inner = _Walker(_Source(f, start, end), callee.startswith("joblib"), self)
        inner.op_at = start
        try:
            while True:
                inner.walk_one()
                if not _starts_pickle(inner.src) or callee.endswith("loads"):
                    break
        except LimitExceededError:
            self._unresolvable(self.op_at)
        except (_Truncated, FormatError):
            pass  # the loader fails there too, after importing what came before
        finally:
            if f is self.src.f:
                f.seek(self.src.base + len(self.src.buf))
        self.ops += inner.ops
        self.literals += inner.literals
        self.mapped_floats += inner.mapped_floats
        self.array_floats += inner.array_floats

    def literal_bytes(self, value: object) -> bytes | _Span | None:
        """The bytes a loader argument evaluates to, if it is made of literals: bytes or str,
        a skipped span, ``io.BytesIO(x)``, ``_codecs.encode(x, enc)`` (how protocols 0-2 write
        bytes) or a base64/hex decoder applied to one of those."""
        if isinstance(value, bytes):
            return value
        if isinstance(value, str):
            return value.encode("latin-1", "replace")
        if isinstance(value, _Span):
            return value
        if not isinstance(value, _Call) or not isinstance(value.callee, _Global):
            return None
        name, args = value.callee.name, value.args
        if not isinstance(args, tuple) or not args:
            return None
        inner = self.literal_bytes(args[0])
        if name in FILE_WRAPPERS or name == "_codecs.encode":
            return inner
        if name not in DECODERS or inner is None:
            return None
        if isinstance(inner, _Span):
            if inner.length > MAX_NESTED_DECODE or not self.src.seekable:
                return None
            f = self.src.f
            f.seek(inner.offset)
            raw = f.read(inner.length)
            f.seek(self.src.base + len(self.src.buf))
            inner = raw
        try:
            return DECODERS[name](inner)
        except (ValueError, binascii.Error):
            return None

    def instance(self, call: _Call) -> _Call:
        name = _constructed_class(call)
        if name is not None and len(self.classes) < MAX_GLOBALS:
            self.classes[name] = None
        return call

    def storage(self, pid: object) -> object:
        """``persistent_load`` of torch's storage ids: ``("storage", storage class, key,
        location, numel)`` (torch.save, torch/serialization.py ``_save``), with a sixth element,
        view metadata, in legacy files (``_legacy_save``); anything else stays opaque. One
        object per key, as torch's loader keeps them."""
        if not isinstance(pid, tuple) or len(pid) not in (5, 6) or pid[0] != "storage":
            return OPAQUE
        cls, key, numel = pid[1], pid[2], pid[4]
        if (not isinstance(cls, _Global) or not isinstance(key, str | int)
                or type(numel) is not int or numel < 0):
            return OPAQUE
        storages = self.tensors.storages
        found = storages.get(str(key))
        if found is None:
            if len(storages) >= MAX_STORAGES:
                raise LimitExceededError(f"more than {MAX_STORAGES} torch storages")
            name = cls.name.rpartition(".")[2]
            dtype, itemsize = STORAGE_DTYPES.get(name) or (
                name.removesuffix("Storage").lower() or "unknown", 1)
            found = storages[str(key)] = TorchStorage(str(key), dtype, itemsize, numel)
        return found

    def tensor(self, call: _Call) -> None:
        """Count a torch rebuilder call ``(storage, offset, size, stride, ...)``: its elements,
        the product of ``size``, go to its storage, which counts at most its declared ``numel``
        (expanded views and hostile sizes cannot count more than was stored)."""
        args = call.args
        if not isinstance(args, tuple) or len(args) < 4 or not isinstance(args[0], TorchStorage):
            return
        storage, size = args[0], args[2]
        self.tensors.count += 1
        if not isinstance(size, tuple) or len(size) >= CONTAINER_KEEP:
            return  # not a shape torch would accept: counted as a tensor, its size unknown
        numel, elements, empty = storage.numel, 1, False
        for d in size:
            if type(d) is not int or d < 0:
                return
            if d == 0:
                empty = True
            elif elements <= numel:  # past numel the product no longer matters: stop growing it
                elements *= d
        if not empty:
            storage.elements = min(numel, storage.elements + elements)

    def container(self, items: list[object]) -> list[object]:
        return items[:CONTAINER_KEEP]

    # -- the walk -----------------------------------------------------------------------------
    def walk_one(self) -> None:
        """Walk one pickle from PROTO/first opcode to its STOP."""
        self._reset()
        src = self.src
        dispatch = _DISPATCH
        while True:  # the hot loop: one iteration per opcode, kept lean on purpose
            i = src.i
            if i < len(src.buf):
                code = src.buf[i]
                src.i = i + 1
            else:
                code = src.byte()
            self.op_at = at = src.base + src.i - 1
            self.ops += 1
            if self.frame_end is not None and at >= self.frame_end:
                self.frame_end = None
            handler = dispatch.get(code)
            if handler is None:
                raise CorruptModelError(f"invalid pickle opcode 0x{code:02x} at offset {at}")
            stop = handler(self) is _STOP
            # An opcode and its argument lie wholly inside the current frame or wholly after
            # it. The C unpickler reads across a frame end, the pure-Python one refuses
            # (cpython#154848): the loaders diverge, so the rest cannot be trusted to name what
            # loads (§3.3 row 6).
            if self.frame_end is not None and at < self.frame_end < src.base + src.i:
                self._unresolvable(at)
                self.frame_end = None
            if stop:
                return


_STOP = object()
_STRUCTS = {fmt: struct.Struct(fmt).unpack for fmt in ("<I", "<i", "<H", "<Q", ">d")}


Handler = Callable[["_Walker"], object]
_DISPATCH: dict[int, Handler] = {}


def op(code: bytes) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of opcode ``code``."""
    def register(fn: Handler) -> Handler:
        _DISPATCH[code[0]] = fn
        return fn
    return register


@op(b"\x80")
def _proto(w: _Walker) -> None:
    w.proto = w.src.byte()
    if w.proto > 5:
        raise CorruptModelError(f"unsupported pickle protocol {w.proto} at offset {w.op_at}")


@op(b"\x95")
def _frame(w: _Walker) -> None:
    n = w.u("<Q", 8)
    if w.frame_end is not None and w.op_at < w.frame_end:
        w._unresolvable(w.op_at)  # a FRAME inside an unfinished frame: loaders diverge
    if w.src.end is not None and w.src.pos + n > w.src.end:
        raise _Truncated
    w.frame_end = w.src.pos + n


@op(b".")
def _stop(w: _Walker) -> object:
    w.pop()
    return _STOP


@op(b"(")
def _mark(w: _Walker) -> None:
    w.mark()


@op(b"0")
def _pop(w: _Walker) -> None:
    if w.stack:
        w.pop()
    else:
        w.pop_mark()


@op(b"1")
def _pop_mark(w: _Walker) -> None:
    w.pop_mark()


@op(b"2")
def _dup(w: _Walker) -> None:
    w.push(w.top())


# -- literals ---------------------------------------------------------------------------------
@op(b"N")
def _none(w: _Walker) -> None:
    w.push(None)


@op(b"\x88")
def _true(w: _Walker) -> None:
    w.push(True)


@op(b"\x89")
def _false(w: _Walker) -> None:
    w.push(False)


@op(b"I")
def _int(w: _Walker) -> None:
    w.literals += 1
    data = w.line()
    if data in (b"00", b"01"):
        w.push(data == b"01")
        return
    try:
        w.push(_parse_int(data))
    except ValueError:
        raise CorruptModelError(f"bad INT argument at offset {w.op_at}")


@op(b"L")
def _long(w: _Walker) -> None:
    w.literals += 1
    data = w.line()
    if data.endswith(b"L"):
        data = data[:-1]
    try:
        w.push(_parse_int(data))
    except ValueError:
        raise CorruptModelError(f"bad LONG argument at offset {w.op_at}")


@op(b"F")
def _float(w: _Walker) -> None:
    w.literals += 1
    try:
        w.push(float(w.line()))
    except ValueError:
        raise CorruptModelError(f"bad FLOAT argument at offset {w.op_at}")


@op(b"J")
def _binint(w: _Walker) -> None:
    w.literals += 1
    w.push(w.u("<i", 4))


@op(b"K")
def _binint1(w: _Walker) -> None:
    w.literals += 1
    w.push(w.src.byte())


@op(b"M")
def _binint2(w: _Walker) -> None:
    w.literals += 1
    w.push(w.u("<H", 2))


@op(b"G")
def _binfloat(w: _Walker) -> None:
    w.literals += 1
    w.push(w.u(">d", 8))


def _long_n(w: _Walker, n: int) -> None:
    w.literals += 1
    if n < 0:
        raise CorruptModelError(f"negative LONG4 length at offset {w.op_at}")
    if n > 64:
        w.src.skip(n)
        w.push(OPAQUE)
    else:
        w.push(int.from_bytes(w.src.read(n), "little", signed=True))


@op(b"\x8a")
def _long1(w: _Walker) -> None:
    _long_n(w, w.src.byte())


@op(b"\x8b")
def _long4(w: _Walker) -> None:
    _long_n(w, w.u("<i", 4))


@op(b"S")
def _string(w: _Walker) -> None:
    w.literals += 1
    data = w.src.readline()
    if data is None:  # too long to keep: skipped
        w.push(OPAQUE)
        return
    if len(data) < 2 or data[0] != data[-1] or data[0] not in b"\"'":
        raise CorruptModelError(f"STRING argument not quoted at offset {w.op_at}")
    try:
        value = codecs.escape_decode(data[1:-1])[0]
    except ValueError:
        raise CorruptModelError(f"bad STRING escape at offset {w.op_at}")
    w.push(w.keep(value.decode("latin-1"), len(value) + 50))


@op(b"V")
def _unicode(w: _Walker) -> None:
    w.literals += 1
    data = w.src.readline()
    if data is None:
        w.push(OPAQUE)
        return
    try:
        w.push(w.keep(str(data, "raw-unicode-escape"), len(data) + 50))
    except UnicodeDecodeError:
        raise CorruptModelError(f"bad UNICODE argument at offset {w.op_at}")


@op(b"T")
def _binstring(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.u("<i", 4), "latin1"))


@op(b"U")
def _short_binstring(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.src.byte(), "latin1"))


@op(b"X")
def _binunicode(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.u("<I", 4), "utf-8"))


@op(b"\x8c")
def _short_binunicode(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.src.byte(), "utf-8"))


@op(b"\x8d")
def _binunicode8(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.u("<Q", 8), "utf-8"))


@op(b"B")
def _binbytes(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.u("<I", 4), "bytes"))


@op(b"C")
def _short_binbytes(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.src.byte(), "bytes"))


@op(b"\x8e")
def _binbytes8(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.u("<Q", 8), "bytes"))


@op(b"\x96")
def _bytearray8(w: _Walker) -> None:
    w.literals += 1
    w.push(w.sized(w.u("<Q", 8), "bytes"))


@op(b"\x97")
def _next_buffer(w: _Walker) -> None:
    w.push(OPAQUE)  # out-of-band buffer supplied by the caller


@op(b"\x98")
def _readonly_buffer(w: _Walker) -> None:
    w.top()


# -- containers -------------------------------------------------------------------------------
@op(b")")
def _empty_tuple(w: _Walker) -> None:
    w.push(())


@op(b"]")
def _empty_list(w: _Walker) -> None:
    w.push(w.keep([], 60))


@op(b"}")
def _empty_dict(w: _Walker) -> None:
    w.push(w.keep({}, 70))


@op(b"\x8f")
def _empty_set(w: _Walker) -> None:
    w.push(w.keep(set(), 70))


def _tuple_n(w: _Walker, n: int) -> None:
    items = [w.pop() for _ in range(n)][::-1]
    w.push(tuple(items))


@op(b"\x85")
def _tuple1(w: _Walker) -> None:
    _tuple_n(w, 1)


@op(b"\x86")
def _tuple2(w: _Walker) -> None:
    _tuple_n(w, 2)


@op(b"\x87")
def _tuple3(w: _Walker) -> None:
    _tuple_n(w, 3)


@op(b"t")
def _tuple(w: _Walker) -> None:
    items = w.pop_mark()
    w.push(w.keep(tuple(w.container(items)), 8 * min(len(items), CONTAINER_KEEP) + 50))


@op(b"l")
def _list(w: _Walker) -> None:
    items = w.pop_mark()
    w.push(w.keep(w.container(items), 8 * min(len(items), CONTAINER_KEEP) + 60))


def _set_pairs(w: _Walker, target: object, items: list[object]) -> None:
    if not isinstance(target, dict):
        return
    for k, v in zip(items[0::2], items[1::2]):
        if len(target) >= CONTAINER_KEEP or w.keep(True, 100) is OPAQUE:
            return
        try:
            target[k] = v
        except TypeError:  # unhashable key: the loader fails here too
            raise CorruptModelError(f"unhashable dict key at offset {w.op_at}")


@op(b"d")
def _dict(w: _Walker) -> None:
    items = w.pop_mark()
    if len(items) % 2:
        raise CorruptModelError(f"odd number of items for DICT at offset {w.op_at}")
    d: dict[object, object] = {}
    w.mapped_floats += sum(type(v) is float for v in items[1::2])
    _set_pairs(w, d, items)
    w.push(d)


@op(b"\x91")
def _frozenset(w: _Walker) -> None:
    w.pop_mark()
    w.push(OPAQUE)


@op(b"a")
def _append(w: _Walker) -> None:
    value = w.pop()
    target = w.top()
    if isinstance(target, list) and len(target) < CONTAINER_KEEP and w.keep(True, 8) is True:
        target.append(value)


@op(b"e")
def _appends(w: _Walker) -> None:
    items = w.pop_mark()
    target = w.top()
    room = CONTAINER_KEEP - len(target) if isinstance(target, list) else 0
    if room > 0 and w.keep(True, 8 * min(room, len(items))) is True:
        target.extend(items[:room])


@op(b"s")
def _setitem(w: _Walker) -> None:
    value = w.pop()
    key = w.pop()
    # Float values are counted before the container cap: jieba's HMM emission tables hold
    # 35,000 in one dict. SETITEM (protocol 0, one op per entry) is the hot case: no generator.
    if type(value) is float:
        w.mapped_floats += 1
    _set_pairs(w, w.top(), [key, value])


@op(b"u")
def _setitems(w: _Walker) -> None:
    items = w.pop_mark()
    if len(items) % 2:
        raise CorruptModelError(f"odd number of items for SETITEMS at offset {w.op_at}")
    w.mapped_floats += sum(type(v) is float for v in items[1::2])
    _set_pairs(w, w.top(), items)


@op(b"\x90")
def _additems(w: _Walker) -> None:
    w.pop_mark()
    w.top()


# -- memo -------------------------------------------------------------------------------------
@op(b"p")
def _put(w: _Walker) -> None:
    try:
        index = _parse_int(w.line())
    except ValueError:
        raise CorruptModelError(f"bad PUT argument at offset {w.op_at}")
    if index < 0:
        raise CorruptModelError(f"negative PUT argument at offset {w.op_at}")
    w.memo_put(index, w.top())


@op(b"q")
def _binput(w: _Walker) -> None:
    w.memo_put(w.src.byte(), w.top())


@op(b"r")
def _long_binput(w: _Walker) -> None:
    w.memo_put(w.u("<I", 4), w.top())


@op(b"\x94")
def _memoize(w: _Walker) -> None:
    w.memo_put(len(w.memo), w.top())


@op(b"g")
def _get(w: _Walker) -> None:
    try:
        index = _parse_int(w.line())
    except ValueError:
        raise CorruptModelError(f"bad GET argument at offset {w.op_at}")
    w.memo_get(index)


@op(b"h")
def _binget(w: _Walker) -> None:
    w.memo_get(w.src.byte())


@op(b"j")
def _long_binget(w: _Walker) -> None:
    w.memo_get(w.u("<I", 4))


# -- globals and calls ------------------------------------------------------------------------
@op(b"c")
def _global_op(w: _Walker) -> None:
    module = w.name_line()
    name = w.name_line()
    w.push(w._global(_find_class_name(module, name, w.proto)))


@op(b"\x93")
def _stack_global(w: _Walker) -> None:
    name = w.pop()
    module = w.pop()
    # Only literal strings (pushed directly or fetched from the memo) name a global; anything
    # computed at load time (REDUCE of str.join, getattr, ...) is unresolvable (§3.3 row 2).
    if isinstance(module, str) and isinstance(name, str):
        w.push(w._global(_find_class_name(module, name, w.proto)))
    else:
        w.push(w._unresolvable(w.op_at))


def _ext(w: _Walker, code: int) -> None:
    # copyreg's extension registry is empty by default; whatever a caller registered is unknown.
    if code <= 0:
        raise CorruptModelError(f"EXT code {code} <= 0 at offset {w.op_at}")
    w.push(w._unresolvable(w.op_at))


@op(b"\x82")
def _ext1(w: _Walker) -> None:
    _ext(w, w.src.byte())


@op(b"\x83")
def _ext2(w: _Walker) -> None:
    _ext(w, w.u("<H", 2))


@op(b"\x84")
def _ext4(w: _Walker) -> None:
    _ext(w, w.u("<i", 4))


@op(b"i")
def _inst(w: _Walker) -> None:
    module = w.name_line()
    name = w.name_line()
    callee = w._global(_find_class_name(module, name, w.proto))
    args = w.pop_mark()
    w.push(w.call(w.instance(_Call(callee, tuple(w.container(args))))))


@op(b"o")
def _obj(w: _Walker) -> None:
    items = w.pop_mark()
    if not items:
        raise CorruptModelError(f"OBJ without a class at offset {w.op_at}")
    w.push(w.call(w.instance(_Call(items[0], tuple(w.container(items[1:]))))))


@op(b"R")
def _reduce(w: _Walker) -> None:
    args = w.pop()
    callee = w.pop()
    call = _Call(callee, args)
    is_reconstructor = isinstance(callee, _Global) and callee.name == "copyreg._reconstructor"
    if isinstance(callee, _Global) and callee.name in TORCH_REBUILDERS:
        w.tensor(call)
    w.push(w.instance(call) if is_reconstructor else w.call(call))


@op(b"\x81")
def _newobj(w: _Walker) -> None:
    args = w.pop()
    cls = w.pop()
    w.push(w.instance(_Call(cls, args)))


@op(b"\x92")
def _newobj_ex(w: _Walker) -> None:
    w.pop()  # kwargs
    args = w.pop()
    cls = w.pop()
    w.push(w.instance(_Call(cls, args)))


@op(b"b")
def _build(w: _Walker) -> None:
    state = w.pop()
    inst = w.top()
    if isinstance(inst, _Global):
        w.built[inst.name] = None
    if isinstance(state, dict):
        version = state.get("_sklearn_version")
        if isinstance(version, str) and len(w.producers) < MAX_GLOBALS:
            w.producers[f"scikit-learn {version}"] = None
    if isinstance(inst, _Call):
        inst.state = state
        if w.joblib and _constructed_class(inst) == JOBLIB_WRAPPER:
            _skip_joblib_array(w, inst)
        elif isinstance(inst.callee, _Global) and inst.callee.name in NUMPY_RECONSTRUCT:
            w.array_floats += _float_elements(state)


def _float_elements(state: object) -> int:
    """Elements of a float or complex array from ``ndarray.__setstate__``'s state
    ``(version, shape, dtype, is_fortran, rawdata)`` (numpy ``array_setstate``); 0 for other
    dtypes and for states that are not shaped so. Capped at :data:`MAX_ELEMENTS`: only
    "many" matters, and a hostile shape must not make a huge product."""
    if not isinstance(state, tuple) or len(state) != 5 or not isinstance(state[1], tuple):
        return 0
    dtype = state[2]
    if not isinstance(dtype, _Call) or not isinstance(dtype.args, tuple) or not dtype.args:
        return 0
    m = _TYPESTR.fullmatch(dtype.args[0]) if isinstance(dtype.args[0], str) else None
    if m is None or m.group(1) not in "fc":
        return 0
    count = 1
    for d in state[1]:
        if type(d) is not int or d < 0:
            return 0
        count = min(count * d, MAX_ELEMENTS)
    return count


def _constructed_class(call: _Call) -> str | None:
    """The class an instance-creating call builds: ``cls`` of NEWOBJ (protocol >= 2), or the
    first argument of ``copyreg._reconstructor`` (``object.__reduce_ex__`` for protocols 0/1)."""
    callee = call.callee
    if isinstance(callee, _Global) and callee.name == "copyreg._reconstructor" \
            and isinstance(call.args, tuple) and call.args:
        callee = call.args[0]
    return callee.name if isinstance(callee, _Global) else None


@op(b"P")
def _persid(w: _Walker) -> None:
    data = w.line()
    if not data.isascii():
        raise CorruptModelError(f"non-ASCII PERSID at offset {w.op_at}")
    w.push(OPAQUE)  # persistent_load(pid): whatever the caller's hook returns


@op(b"Q")
def _binpersid(w: _Walker) -> None:
    w.push(w.storage(w.pop()))


# -- joblib -----------------------------------------------------------------------------------
_TYPESTR = re.compile(r"([biufcmMOSUV])(\d+)")


def _dtype_facts(dtype: object) -> tuple[int, bool] | None:
    """(itemsize in bytes, has Python objects) of a pickled ``numpy.dtype``, or None.

    numpy pickles a dtype as ``numpy.dtype(typestr, False, True)`` plus the state tuple
    ``(version, byteorder, subarray, names, fields, elsize, alignment, flags)``; ``elsize`` is set
    for flexible and structured types, ``flags & 1`` is NPY_ITEM_HASOBJECT (numpy
    ``descriptor.c``, ``arraydescr_reduce``; checked against numpy 2.4).
    """
    if not isinstance(dtype, _Call) or not isinstance(dtype.callee, _Global):
        return None
    if not dtype.callee.name.startswith("numpy") or not dtype.callee.name.endswith(".dtype"):
        return None
    args, state = dtype.args, dtype.state
    if not isinstance(args, tuple) or not args or not isinstance(args[0], str):
        return None
    m = _TYPESTR.fullmatch(args[0])
    if m is None:
        return None
    kind, size = m.group(1), int(m.group(2))
    has_object = kind == "O"
    if isinstance(state, tuple) and len(state) >= 8:
        elsize, flags = state[5], state[7]
        if isinstance(flags, int):
            has_object = has_object or bool(flags & 1)
        if isinstance(elsize, int) and elsize >= 0:
            return elsize, has_object
    if kind == "U":
        size *= 4
    return size, has_object


def _skip_joblib_array(w: _Walker, wrapper: _Call) -> None:
    """Skip the raw array joblib writes right after a NumpyArrayWrapper's BUILD (§3.4).

    joblib ``numpy_pickle.py`` (1.6): the pickler ends the frame, then writes, unless the dtype
    holds objects, one padding-length byte and that many pad bytes (only when the state has
    ``numpy_array_alignment_bytes``, joblib >= 1.2), then prod(shape) x itemsize bytes. Object
    arrays are a nested pickle instead, read by a fresh unpickler: we walk it.
    """
    state = wrapper.state
    facts = _dtype_facts(state.get("dtype")) if isinstance(state, dict) else None
    shape = state.get("shape") if isinstance(state, dict) else None
    if (facts is None or not isinstance(shape, tuple)
            or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)):
        raise CorruptModelError(f"joblib array at offset {w.op_at} cannot be sized")
    if w.frame_end is not None and w.src.pos != w.frame_end:
        raise CorruptModelError(f"joblib array inside a pickle frame at offset {w.op_at}")
    w.frame_end = None
    w.stack[-1] = OPAQUE  # joblib's load_build replaces the wrapper by the array
    itemsize, has_object = facts
    if has_object:
        saved = (w.stack, w.metastack, w.depth, w.memo, w.proto, w.budget, w.op_at, w.joblib)
        w.joblib = False  # the nested unpickler is a plain one
        w.walk_one()
        (w.stack, w.metastack, w.depth, w.memo, w.proto, w.budget, w.op_at, w.joblib) = saved
        w.frame_end = None
        return
    if "numpy_array_alignment_bytes" in state:
        w.src.skip(w.src.byte())
    count = 1
    for d in shape:
        count *= d
    w.src.skip(count * itemsize)


# -- public API -------------------------------------------------------------------------------
def _starts_pickle(src: _Source) -> bool:
    head = src.peek(2)
    if not head:
        return False
    if head[0] == 0x80:
        return len(head) == 2 and head[1] <= 5
    return head[0] in PROTOCOL_START


def scan_pickles(f: BinaryIO, start: int, end: int | None, *, max_pickles: int | None = None,
                 joblib: bool = True) -> PickleScan:
    """Walk the pickles in ``f`` from ``start`` to ``end`` (byte offsets; ``end=None``: to EOF,
    for non-seekable decompression streams) and report the globals they import.

    After each STOP the walk continues while the next bytes start a pickle (§3.3 row 7), up to
    ``max_pickles``. Truncation and invalid opcodes end the walk with ``error`` set; a cap ends
    it with a :class:`LimitExceededError` and an ``"<unresolvable>"`` global, since the unread
    rest could import anything. ``joblib``: skip the raw arrays joblib writes after each
    ``NumpyArrayWrapper``.
    """
    return _scan(f, start, end, max_pickles, joblib)[0]


def _scan(f: BinaryIO, start: int, end: int | None, max_pickles: int | None,
          joblib: bool) -> tuple[PickleScan, int]:
    """:func:`scan_pickles`, plus the number of opcodes decoded."""
    src = _Source(f, start, end)
    w = _Walker(src, joblib)
    pickles = 0
    error: FormatError | None = None
    w.op_at = start
    try:
        while max_pickles is None or pickles < max_pickles:
            if pickles and not _starts_pickle(src):
                break
            w.walk_one()
            pickles += 1
    except _Truncated:
        error = CorruptModelError(f"pickle truncated at offset {src.pos}")
    except LimitExceededError as exc:
        error = exc
        try:
            w._unresolvable(w.op_at)
        except LimitExceededError:
            pass
    except FormatError as exc:
        error = exc
    return PickleScan(globals=list(w.seen), pickles=pickles, end=src.pos, error=error,
                      unresolved_at=w.unresolved_at, classes=list(w.classes),
                      built_globals=list(w.built), producers=list(w.producers),
                      tensors=w.tensors.count, storages=list(w.tensors.storages.values()),
                      literals=w.literals, mapped_floats=w.mapped_floats,
                      array_floats=w.array_floats), w.ops


_DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")


def _plausible(scan: PickleScan) -> bool:
    """For a protocol 0/1 guess: the first global must be importable-looking. Nothing can be
    called before the first global resolves, so a file whose first global could never import
    (a CSV line read as a module name) does nothing when loaded and is no pickle (§5)."""
    return not scan.globals or scan.globals[0] == UNRESOLVABLE \
        or _DOTTED.fullmatch(scan.globals[0]) is not None


def looks_like_pickle(head: bytes, size: int) -> bool:
    """Does ``head`` (the first bytes of a ``size``-byte file) start a pickle? (§5, §3.3 row 9)

    ``\\x80`` + protocol 2-5, or a protocol 0/1 opcode that can start a pickle; either way the
    head must walk without an invalid opcode, and a file that fits in ``head`` must walk to a
    STOP. Text that starts with ``(`` fails the walk within a few opcodes; a protocol 0/1 guess
    must also end where the file ends ("N.B. ..." walks as None, STOP, then text).
    """
    if len(head) < 2:
        return False
    if head[0] == 0x80:
        if not 2 <= head[1] <= 5:
            return False
    elif head[0] not in PROTOCOL_START:
        return False
    # end=None: the head's end is EOF, and a FRAME longer than the head is not held against it
    # (protocol 4 frames are 64 KiB), so the opcodes inside the head are still checked.
    scan, ops = _scan(io.BytesIO(head), 0, None, None, True)
    if head[0] != 0x80 and not _plausible(scan):
        return False
    if scan.error is None:
        if head[0] == 0x80 or scan.end == len(head) < size:
            return scan.pickles > 0
        return scan.pickles > 0 and not head[scan.end:].strip()
    if size > len(head) and isinstance(scan.error, CorruptModelError) \
            and scan.error.reason.startswith("pickle truncated"):
        # Cut by the head, not by the file. Protocol 0/1 must show a few whole opcodes (a long
        # first text line would otherwise pass as one unfinished argument).
        return head[0] == 0x80 or ops > 8
    return False


# -- format entry -----------------------------------------------------------------------------
def model_info(scan: PickleScan, fmt: str) -> ModelInfo:
    """The record for a walked pickle file; raises the walk's error with the record attached
    as ``error.partial`` (the globals found before a truncation still count, §3.1)."""
    if any(g.startswith("joblib.numpy_pickle.") for g in scan.globals):
        fmt = "joblib" if fmt == "pickle" else fmt
    info = ModelInfo(format=fmt, pickle_globals=list(scan.globals),
                     provenance=Provenance(producer=list(scan.producers)),
                     extra={"classes": list(scan.classes), "pickles": scan.pickles,
                            "literals": scan.literals, "mapped_floats": scan.mapped_floats,
                            "array_floats": scan.array_floats})
    if scan.tensors:
        info.tensors, info.parameters = scan.tensors, scan.parameters
        info.dtypes = tuple(scan.dtypes)
    if scan.error is not None:
        scan.error.partial = info  # type: ignore[attr-defined]
        raise scan.error
    return info


def sniff(head: bytes, size: int, name: str) -> bool:
    return looks_like_pickle(head, size)


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    with path.open("rb") as f:
        scan = scan_pickles(f, 0, size)
        f.seek(scan.end)
        trailing = f.read(TRAILING_SPACE + 1)
    if head[:1] != b"\x80" and (scan.pickles == 0 and not scan.globals or not _plausible(scan)
                                 or scan.error is None and (trailing.strip()
                                                            or len(trailing) > TRAILING_SPACE)):
        return None  # the protocol 0/1 guess did not survive the whole file: not a pickle
    return model_info(scan, "pickle")


FORMATS = (
    Format("pickle", sniff, read, magic=False, lead=b"\x80" + bytes(sorted(PROTOCOL_START)),
           extensions=(".pkl", ".pickle", ".p", ".pt", ".pth", ".bin", ".ckpt", ".dat", ".data",
                       ".sav", ".model")),
)
