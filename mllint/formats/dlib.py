"""dlib models (``.dat``, ``.dnn``): shape predictors and DNN networks.

dlib writes no magic; its serializer (dlib/serialize.h, ``pack_int``/``unpack_int``) writes every
integer as a control byte (the byte count 1-8, plus 0x80 for a negative signed value; the bits
0x70 stay zero) and then that many little-endian bytes. A float is two such integers, mantissa
and exponent (``float_details``); a string or ``std::vector`` is its size, then its items; a
matrix is ``-rows``, ``-columns`` (negative since the current format), then its items
(dlib/matrix/matrix.h, ``serialize``).

- A shape predictor (dlib/image_processing/shape_predictor.h, ``serialize(shape_predictor)``):
  int version 1, the mean shape as a ``matrix<float,0,1>`` of 2 x landmarks rows, then
  ``forests`` (cascade levels, each a vector of regression trees), each tree a vector of splits
  (``idx1``, ``idx2`` unsigned long, ``thresh`` float; dlib/image_processing/shape_predictor.h,
  ``split_feature``) and a vector of leaf matrices shaped like the mean shape, then anchors and
  deltas.
- A DNN (dlib/dnn/core.h, ``serialize(add_loss_layer)``): int version 1, then the loss layer,
  whose ``serialize`` (dlib/dnn/loss.h) starts with its name as a string ("loss_mmod_",
  "loss_metric_2", ...), then the layers from the output down to the input layer, whose name
  ("input_rgb_image_pyramid", ...) follows the run of layer version integers.

Content decides: the version, the matrix shape and the first floats of a shape predictor, or the
loss-name string of a network, in the first bytes. Thousands of plain ``.dat`` data files never
start that way. The reader checks the first regression tree's shape against the mean shape and
the file size against the least the trees need.
"""

from __future__ import annotations

import re
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, LimitExceededError, ModelInfo

HEADER_CAP = 1 << 20  # bytes read for a shape predictor's mean shape and first tree
MAX_LANDMARKS = 10_000  # dlib's shipped predictors have 5, 68 or 194
MAX_DEPTH = 12  # regression tree depth; dlib's trainer defaults to 4
MAX_COUNT = 1_000_000  # cascade levels, trees per level
SNIFF_FLOATS = 8  # mean-shape floats checked in the head
# A layer name as dlib writes it: a one-byte size (5-64 here), then the name.
DNN_LOSS = re.compile(rb"\x01\x01\x01([\x05-\x40])loss_")  # version 1, then the loss name
DNN_INPUT = re.compile(rb"\x01([\x05-\x40])input")
LAYER_NAME = re.compile(rb"[a-z0-9_]+")


class _Short(Exception):
    """The data ended inside a field."""


class _Bad(Exception):
    """A field dlib's serializer would not write."""


class _Cursor:
    """dlib's packed integers and floats over a byte string."""

    def __init__(self, data: bytes, at: int = 0) -> None:
        self.data, self.i = data, at

    def int(self, width: int = 8, signed: bool = True) -> int:
        """One packed integer of a C++ type ``width`` bytes wide."""
        if self.i >= len(self.data):
            raise _Short
        ctrl = self.data[self.i]
        n = ctrl & 0x0F
        if ctrl & 0x70 or not 1 <= n <= width or (ctrl & 0x80 and not signed):
            raise _Bad(f"dlib integer control byte 0x{ctrl:02x}")
        raw = self.data[self.i + 1:self.i + 1 + n]
        if len(raw) != n:
            raise _Short
        self.i += 1 + n
        value = int.from_bytes(raw, "little")
        return -value if ctrl & 0x80 else value

    def count(self, cap: int, what: str) -> int:
        """A vector or string size (unsigned long), at most ``cap``."""
        n = self.int(8, signed=False)
        if n > cap:
            raise _Bad(f"dlib {what} count {n} exceeds {cap}")
        return n

    def float(self) -> None:
        """Skip one float: int64 mantissa, int16 exponent (dlib/float_details.h)."""
        self.int(8)
        self.int(2)

    def column(self, cap: int) -> int:
        """A ``matrix<float,0,1>`` header in the current format: its row count."""
        rows, cols = self.int(8), self.int(8)
        if rows >= 0 or cols != -1 or -rows > cap:
            raise _Bad(f"dlib matrix shape {-rows} x {-cols} is not a column")
        return -rows


def _shape_start(data: bytes) -> tuple[_Cursor, int]:
    """Version and mean-shape header; returns the cursor on the first float and the rows."""
    cur = _Cursor(data)
    if cur.int(4) != 1:
        raise _Bad("dlib shape predictor version is not 1")
    rows = cur.column(2 * MAX_LANDMARKS)
    if rows == 0 or rows % 2:
        raise _Bad(f"dlib mean shape of {rows} rows is not 2 x landmarks")
    return cur, rows


def _is_shape_predictor(head: bytes) -> bool:
    try:
        cur, rows = _shape_start(head)
        for _ in range(min(rows, SNIFF_FLOATS)):
            cur.float()
    except (_Short, _Bad):
        return False
    return True


def _name(head: bytes, m: re.Match[bytes] | None) -> str | None:
    """The layer name whose size byte ``m`` matched, if it is a whole name."""
    if m is None:
        return None
    raw = head[m.start(1) + 1:m.start(1) + 1 + m.group(1)[0]]
    return raw.decode() if LAYER_NAME.fullmatch(raw) and len(raw) == m.group(1)[0] else None


def sniff(head: bytes, size: int, name: str) -> bool:
    if not head.startswith(b"\x01\x01"):  # int version 1: both kinds, and cheap to refuse
        return False
    return _name(head, DNN_LOSS.match(head)) is not None or _is_shape_predictor(head)


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    loss = _name(head, DNN_LOSS.match(head))
    if loss is not None:
        return _dnn(head, 4 + len(loss), loss)
    with path.open("rb") as f:
        data = f.read(min(size, HEADER_CAP))
    try:
        return _shape_predictor(data, size)
    except _Short:
        if size > HEADER_CAP:
            raise LimitExceededError(f"dlib shape predictor header exceeds {HEADER_CAP} bytes")
        raise CorruptModelError("truncated dlib shape predictor") from None
    except _Bad as exc:
        raise CorruptModelError(str(exc)) from None


def _dnn(head: bytes, after: int, loss: str) -> ModelInfo:
    extra: dict[str, object] = {"kind": "dnn", "loss": loss}
    for m in DNN_INPUT.finditer(head, after):
        found = _name(head, m)
        if found is not None:
            extra["input"] = found
            break
    return ModelInfo(format="dlib", extra=extra)


def _shape_predictor(data: bytes, size: int) -> ModelInfo:
    cur, rows = _shape_start(data)
    for _ in range(rows):
        cur.float()
    forests_at = cur.i
    cascades = cur.count(MAX_COUNT, "cascade")
    if cascades == 0:
        raise _Bad("dlib shape predictor has no cascades")
    trees = cur.count(MAX_COUNT, "tree")
    if trees == 0:
        raise _Bad("dlib shape predictor cascade has no trees")
    splits = cur.count((1 << MAX_DEPTH) - 1, "split")
    depth = (splits + 1).bit_length() - 1
    if splits + 1 != 1 << depth:
        raise _Bad(f"dlib regression tree of {splits} splits is not complete")
    for _ in range(splits):
        cur.int(8, signed=False), cur.int(8, signed=False)
        cur.float()
    leaves = cur.count(1 << MAX_DEPTH, "leaf")
    if leaves != splits + 1 or cur.column(2 * MAX_LANDMARKS) != rows:
        raise _Bad("dlib regression tree leaves do not match the mean shape")
    # dlib's trainer grows every tree to the same depth, so the first tree gives the count and,
    # with every integer at least 2 bytes and every float 4, a lower bound of the file size.
    least = forests_at + cascades * (2 + trees * (4 + 8 * splits + leaves * (4 + 4 * rows)))
    if size < least:
        raise _Bad(f"truncated dlib shape predictor: {size} bytes, its trees need {least}")
    per_tree = leaves * rows + 3 * splits
    return ModelInfo(format="dlib", parameters=cascades * trees * per_tree, dtypes=("F32",),
                     extra={"kind": "shape-predictor", "landmarks": rows // 2,
                            "cascades": cascades, "trees_per_cascade": trees,
                            "tree_depth": depth})


FORMATS = (Format("dlib", sniff, read, extensions=(".dat", ".dnn"), magic=False,
                  lead=b"\x01"),)  # the control byte of int version 1, as sniff() tests
