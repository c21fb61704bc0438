"""Caffe2 ``NetDef`` protobufs (pytorch caffe2/proto/caffe2.proto), usually ``init_net.pb`` and
``predict_net.pb``.

NetDef: 1 name, 2 op (OperatorDef), 3 type, 4 num_workers (deprecated), 5 device_option,
6 arg, 7 external_input, 8 external_output, 9 partition_info. OperatorDef: 1 input, 2 output,
3 name, 4 type, 5 arg (Argument), 6 device_option, 7 engine, 8 control_input, 9 is_gradient_op,
10 debug_info, 11 domain, 12 op_version (field numbers checked against the bytes of pytorch
1.13's caffe2/test/assets/squeeze_predict_net.pb). Argument: 1 name, 2 f, 3 i, 4 s, 5 floats, 6 ints,
7 strings, 8 n, 9 nets, 10 t, 11 tensors, 12 qtensors.

A Caffe2 model is two files: the *init net* holds the weights as fill operators whose ``values``
argument lists them (``GivenTensorFill``, ``Int8GivenTensorFill``...), the *predict net* holds
the graph and no values. Only a net with filled values is a model (``caffe2``); a predict net is
a program, and :func:`read` returns ``None`` for it. The values are counted from the payload
lengths of the ``values`` arguments, never decoded.

Identification (the net is claimed only when its head is unambiguous, so that a file of another
protobuf format never becomes ``ml-model-corrupt`` as Caffe2): every top-level field is a NetDef
field of the right wire type, there is an ``op``, and the first op's fields are OperatorDef
fields whose strings are text. Caffe's V1 ``NetParameter`` also puts layers in field 2, but a
V1 layer carries its type as an enum (5, varint), which an OperatorDef never has (5 is its
arguments); caffe.py requires it.
"""

from __future__ import annotations

from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, LimitExceededError, ModelInfo
from mllint.formats.protobuf import (
    I32,
    I64,
    LEN,
    VARINT,
    Field,
    Walker,
    expect,
    first_tag_bytes,
    head_text,
    scan,
)

# NetDef and OperatorDef field -> wire type.
NET_WIRE = {1: LEN, 2: LEN, 3: LEN, 4: VARINT, 5: LEN, 6: LEN, 7: LEN, 8: LEN, 9: LEN}
OP_WIRE = {1: LEN, 2: LEN, 3: LEN, 4: LEN, 5: LEN, 6: LEN, 7: LEN, 8: LEN, 9: VARINT,
           10: LEN, 11: LEN, 12: VARINT}
NET_TEXT = (1, 3, 7, 8)  # name, type, external inputs and outputs
OP_TEXT = (1, 2, 3, 4, 7, 8)  # inputs, outputs, name, type, engine, control inputs
MAX_NAME = 4096
MAX_TYPES = 10_000
# Argument fields holding values, and the bytes per value of their packed form (0: varints).
VALUE_WIDTH = {5: 4, 6: 0}


def _fields_ok(head: bytes, fields: list[Field], wires: dict[int, int],
               text: tuple[int, ...]) -> bool:
    for f in fields:
        if wires.get(f.number) != f.wire:
            return False
        if f.number in text and not _text(head, f):
            return False
    return True


def _text(head: bytes, f: Field) -> bool:
    """Is the string field text? Strictly UTF-8 when the head holds all of it."""
    if f.end <= len(head):
        try:
            head[f.value:f.end].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return head_text(head, f) is not None


def sniff(head: bytes, size: int, name: str) -> bool:
    scanned = scan(head, 0, size, limit=32, truncated_ok=True)
    if not scanned or not scanned[0] or not _fields_ok(head, scanned[0], NET_WIRE, NET_TEXT):
        return False
    ops = [f for f in scanned[0] if f.number == 2]
    if not ops:
        return False
    op = scan(head, ops[0].value, ops[0].end, limit=32)
    if op is None or not op[0] or not _fields_ok(head, op[0], OP_WIRE, OP_TEXT):
        return False
    # An operator has a type, or at least inputs/outputs, before anything else.
    return any(f.number in (1, 2, 4) for f in op[0])


def _values(w: Walker, arg: Field, depth: int) -> int:
    """Values of an Argument named ``values`` (fill ops); 0 for any other argument."""
    name = ""
    count = 0
    for f in w.message(arg, depth):
        if f.number == 1:
            name = w.text(expect(f, LEN, "argument name"), MAX_NAME)
        elif f.number in VALUE_WIDTH:
            width = VALUE_WIDTH[f.number]
            if f.wire == LEN:
                # packed: floats have a fixed width; ints are varints, at least one byte each
                count += f.length // width if width else f.length
            elif f.wire in (VARINT, I32, I64):
                count += 1
        elif f.number == 4 and f.wire == LEN:  # Int8GivenTensorFill: values as one byte string
            count += f.length
        elif f.number == 7 and f.wire == LEN:  # GivenTensorStringFill
            count += 1
    return count if name == "values" else 0


def _walk(w: Walker, end: int) -> tuple[str, int, int, int, set[str]]:
    """Net name, operators, fill operators, values and operator types of ``[0, end)``."""
    net_name = ""
    ops = fills = parameters = 0
    types: set[str] = set()
    for fld in w.fields(0, end):
        if fld.number == 1:
            net_name = w.text(expect(fld, LEN, "net name"), MAX_NAME)
        elif fld.number == 2:
            ops += 1
            values = 0
            for g in w.message(expect(fld, LEN, "operator"), 1):
                if g.number == 4:
                    types.add(w.text(expect(g, LEN, "operator type"), MAX_NAME))
                    if len(types) > MAX_TYPES:
                        raise LimitExceededError(f"more than {MAX_TYPES} operator types")
                elif g.number == 5:
                    values += _values(w, expect(g, LEN, "operator argument"), 2)
            if values:
                fills += 1
                parameters += values
    return net_name, ops, fills, parameters, types


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    with path.open("rb") as f:
        w = Walker(f, size)
        try:
            net_name, ops, fills, parameters, types = _walk(w, size)
        except CorruptModelError:
            # Nets written in text mode end in a newline, a dangling key to a parser (pytorch
            # 1.13's squeeze_predict_net.pb); without it the net is whole.
            f.seek(size - 1)
            if f.read(1) != b"\n":
                raise
            net_name, ops, fills, parameters, types = _walk(w, size - 1)
    if not parameters:
        return None  # a predict net: the graph without weights is no model
    return ModelInfo(format="caffe2", tensors=fills, parameters=parameters, trained=True,
                     extra={"name": net_name, "ops": ops, "op_types": sorted(types)})


FORMATS = (Format("caffe2", sniff, read, extensions=(".pb",), magic=False,
                  lead=first_tag_bytes(NET_WIRE)),)
