"""NumPy ``.npy``: ``\\x93NUMPY``, major, minor, header length, a Python-literal dict, the array.

Spec: numpy ``numpy/lib/format.py`` (NEP 1): v1 has a u16 LE header length and a latin-1 header,
v2 a u32 length, v3 a u32 length and a UTF-8 header; the dict holds ``descr``, ``fortran_order`` and
``shape``. We parse the header by hand instead of ``np.lib.format.read_array_header_*``: importing
numpy costs 28 MB RSS (model-formats.md §6), and the length is capped *before* ``literal_eval``.

An ``object`` array's payload is a pickle (``np.save(allow_pickle=True)``), walked like any pickle.
A lone array is test or science data unless its context says model (inside a ``.keras``, beside a
model config), so ``trained`` stays ``None`` and the model-files check decides from context.
"""

from __future__ import annotations

import ast
import re
import struct
from pathlib import Path
from typing import BinaryIO

from mllint.formats.base import (
    CorruptModelError,
    Format,
    LimitExceededError,
    Member,
    ModelInfo,
    read_exact,
)

MAGIC = b"\x93NUMPY"
PY2_LONG = re.compile(r"(\d)L\b")
MAX_HEADER = 100_000  # bytes; numpy itself refuses more than 10 000 unless told otherwise
MAX_FIELDS = 10_000  # structured-dtype fields, nested, before we stop counting
# One type code: optional byte order, kind, optional size, optional datetime unit ('M8[ns]').
TYPECODE = re.compile(r"^[<>|=]?([?bBhHiIlLqQpPefdgFDGSaUVOMmuc])(\d*)(\[\w+\])?$")
KIND_BYTES = {"?": 1, "b": 1, "B": 1, "h": 2, "H": 2, "e": 2, "f": 4, "d": 8, "g": 16,
              "F": 8, "D": 16, "G": 32, "O": 8}  # sizes of size-less codes (numpy, x86-64)
PAYLOAD = "pickle payload"  # Member name under which an object array's pickle error is reported
SIZED_KINDS = "biufcSaUVMm"  # kinds that take an explicit byte count ('U' counts UCS-4 chars)


def sniff(head: bytes, size: int, name: str) -> bool:
    return head.startswith(MAGIC) and len(head) >= 10


def _itemsize(descr: object, fields: list[int]) -> tuple[int | None, bool]:
    """Return ``(itemsize in bytes or None if unknown, has object fields)`` for a ``descr``.

    ``descr`` is a type-code string or a structured list of ``(name, descr[, shape])``; every type
    code is checked on its own (a field named ``Output`` is not an object dtype).
    """
    if isinstance(descr, str):
        m = TYPECODE.match(descr)
        if not m:
            raise CorruptModelError(f"npy descr {descr[:40]!r} is not a type code")
        kind, count = m.group(1), m.group(2)
        if kind == "O":
            return 8, True
        if count:
            n = int(count)
            return (n * 4 if kind == "U" else n), False
        if kind in SIZED_KINDS and kind not in "bB":
            return None, False
        return KIND_BYTES.get(kind), False
    if not isinstance(descr, list) or not descr:
        raise CorruptModelError("npy descr is neither a type code nor a field list")
    total: int | None = 0
    has_object = False
    for entry in descr:
        fields[0] += 1
        if fields[0] > MAX_FIELDS:
            raise LimitExceededError(f"npy dtype has over {MAX_FIELDS} fields")
        if (not isinstance(entry, tuple) or len(entry) not in (2, 3)
                or not isinstance(entry[0], (str, tuple))):
            raise CorruptModelError("npy descr field is not (name, type[, shape])")
        size, obj = _itemsize(entry[1], fields)
        has_object |= obj
        if len(entry) == 3:
            shape = entry[2] if isinstance(entry[2], tuple) else (entry[2],)
            count = _product(shape, "npy field shape")
            size = None if size is None else size * count
        total = None if total is None or size is None else total + size
    return total, has_object


def _product(shape: object, what: str) -> int:
    if not isinstance(shape, tuple) or not all(isinstance(d, int) and d >= 0 for d in shape):
        raise CorruptModelError(f"{what} is not a tuple of non-negative integers")
    n = 1
    for d in shape:
        n *= d
    return n


def read_npy(f: BinaryIO, size: int) -> ModelInfo:
    """Read one ``.npy`` header from ``f`` (positioned at 0, ``size`` bytes long).

    Used for plain files and for ``.npz`` members alike. Walks an object array's pickle payload.
    """
    prefix = read_exact(f, 8, size, "npy magic")
    if not prefix.startswith(MAGIC):
        raise CorruptModelError("npy magic missing")
    major, minor = prefix[6], prefix[7]
    if major == 1:
        (hlen,) = struct.unpack("<H", read_exact(f, 2, size, "npy header length"))
    elif major in (2, 3):
        (hlen,) = struct.unpack("<I", read_exact(f, 4, size, "npy header length"))
    else:
        raise CorruptModelError(f"npy version {major}.{minor} is unknown")
    if hlen > MAX_HEADER:
        raise LimitExceededError(f"npy header length {hlen} exceeds the {MAX_HEADER}-byte cap")
    raw = read_exact(f, hlen, size, "npy header")
    try:
        text = raw.decode("utf-8" if major == 3 else "latin-1")
        # Python 2's numpy wrote long integers in shapes: (2L,); numpy itself accepts them.
        header = ast.literal_eval(PY2_LONG.sub(r"\1", text))
    except (ValueError, SyntaxError, MemoryError, RecursionError, UnicodeDecodeError) as exc:
        raise CorruptModelError("npy header is not a Python literal") from exc
    if not isinstance(header, dict) or set(header) != {"descr", "fortran_order", "shape"}:
        raise CorruptModelError("npy header is not a {descr, fortran_order, shape} dict")
    if not isinstance(header["fortran_order"], bool):
        raise CorruptModelError("npy fortran_order is not a bool")
    count = _product(header["shape"], "npy shape")
    itemsize, has_object = _itemsize(header["descr"], [0])
    offset = f.tell()
    info = ModelInfo(format="npy", tensors=1, parameters=count, dtypes=(str(header["descr"]),),
                     extra={"shape": list(header["shape"])})
    if has_object:
        info.extra["object_dtype"] = True
        if count:
            _walk_payload(f, offset, size, info)
    elif itemsize is not None and offset + count * itemsize > size:
        raise CorruptModelError("npy data is shorter than shape x itemsize")
    return info


def _walk_payload(f: BinaryIO, offset: int, size: int, info: ModelInfo) -> None:
    """Object arrays are pickled after the header: walk that pickle opcode by opcode."""
    from mllint.formats.pickle import scan_pickles  # imported late: a sibling reader

    scan = scan_pickles(f, offset, size)
    info.pickle_globals.extend(g for g in scan.globals if g not in info.pickle_globals)
    if scan.error is not None:  # keep what was found before the error (§3.1 "truncated")
        info.members.append(Member(PAYLOAD, None, scan.error))


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    with path.open("rb") as f:
        return read_npy(f, size)


FORMATS = (Format("npy", sniff, read, extensions=(".npy",), lead=MAGIC[:1]),)
