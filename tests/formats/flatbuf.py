"""A tiny forward-layout FlatBuffer writer for tests (the flatbuffers package is not a dependency).

Tables are dicts {field index: value}: ``int`` is a u32 scalar, ``Byte``/``U64`` wrap other
scalars, ``str`` a string, ``bytes`` a [ubyte] vector, ``Ints`` an [int] vector, a ``list`` of
dicts a vector of tables, a dict a sub-table. Every referenced object is written after the
reference to it, as FlatBuffers' unsigned offsets require.
"""

from __future__ import annotations

import struct


class Byte(int):
    pass


class U64(int):
    pass


class Ints(list):
    pass


def build(root: dict, identifier: bytes = b"TFL3") -> bytes:
    buf = bytearray(4) + identifier
    pending: list[tuple[int, object]] = []
    struct.pack_into("<I", buf, 0, _put(buf, root, pending))
    while pending:
        slot, obj = pending.pop(0)
        struct.pack_into("<I", buf, slot, _put(buf, obj, pending) - slot)
    return bytes(buf)


def _put(buf: bytearray, obj: object, pending: list[tuple[int, object]]) -> int:
    buf.extend(b"\0" * (-len(buf) % 4))
    pos = len(buf)
    if isinstance(obj, str):
        raw = obj.encode()
        buf.extend(struct.pack("<I", len(raw)) + raw + b"\0")
    elif isinstance(obj, bytes):
        buf.extend(struct.pack("<I", len(obj)) + obj)
    elif isinstance(obj, Ints):
        buf.extend(struct.pack(f"<I{len(obj)}i", len(obj), *obj))
    elif isinstance(obj, list):
        buf.extend(struct.pack("<I", len(obj)))
        for item in obj:
            pending.append((len(buf), item))
            buf.extend(b"\0\0\0\0")
    else:
        assert isinstance(obj, dict)
        layout: dict[int, int] = {}
        inline = 4
        for index in sorted(obj):
            layout[index] = inline
            inline += 8 if isinstance(obj[index], U64) else 4
        slots = max(obj, default=-1) + 1
        vtable = struct.pack(f"<HH{slots}H", 4 + 2 * slots, inline,
                             *(layout.get(i, 0) for i in range(slots)))
        buf.extend(vtable + b"\0" * (-len(vtable) % 4))
        table = len(buf)
        buf.extend(struct.pack("<i", table - pos))
        for index in sorted(obj):
            value = obj[index]
            if isinstance(value, U64):
                buf.extend(struct.pack("<Q", value))
            elif isinstance(value, Byte):
                buf.extend(struct.pack("<b3x", value))
            elif isinstance(value, int):
                buf.extend(struct.pack("<I", value))
            else:
                pending.append((len(buf), value))
                buf.extend(b"\0\0\0\0")
        return table
    return pos
