"""A bounded protobuf wire-format walker shared by the protobuf-based readers.

Spec: https://protobuf.dev/programming-guides/encoding/ (keys, varints, wire types 0/1/2/5; groups,
wire types 3/4, are deprecated and used by none of our formats).

Why not the formats' own libraries: ``onnx.load(p, load_external_data=False)`` still parses every
inline initializer, so its peak RSS is about twice the file size (1 GB for a 500 MB model,
model-formats.md §6), and no onnx or protobuf API skips a field. This walker reads keys, varints
and only the payloads a reader asks for, and seeks past the rest (tensor data), so a read costs
about the same on a 10 KB and a 1 GB file. It also lets us cap depth and element counts and say
*why* a file is broken, which the generated parsers do not.

Every length is checked against the end of its enclosing message (the file size at top level)
before anything is read or skipped; a varint longer than 10 bytes is corrupt.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from mllint.formats.base import CorruptModelError, LimitExceededError

VARINT, I64, LEN, I32 = 0, 1, 2, 5
MAX_VARINT_BYTES = 10
MAX_DEPTH = 64  # nested messages; ONNX subgraphs use 3 levels per nesting
MAX_FIELDS = 8_000_000  # fields visited per file (a 100k-node graph is about 1M)
WINDOW = 1 << 16  # bytes read at a time; keys and small payloads come from this cache
HEADER = 2 * MAX_VARINT_BYTES  # a field's key plus its varint, length or fixed value fit in this


class Field(NamedTuple):
    """One field of a message. ``value`` is the number for VARINT/I64/I32 fields and the payload
    offset (bytes from the start of the file or buffer) for LEN fields, whose size is ``length``."""

    number: int
    wire: int
    value: int
    length: int = 0

    @property
    def end(self) -> int:
        return self.value + self.length


def first_tag_bytes(wires: dict[int, int] | dict[int, tuple[int, ...]]) -> bytes:
    """Every byte a message can begin with when its first field must be one of ``wires``
    ({field number: wire type or types}): the tag varint's first byte (a :class:`Format` lead)."""
    out = set()
    for number, types in wires.items():
        for wire in types if isinstance(types, tuple) else (types,):
            tag = number << 3 | wire
            out.add(tag if tag < 0x80 else tag & 0x7F | 0x80)
    return bytes(sorted(out))


def decode_varint(buf: bytes, pos: int, end: int) -> tuple[int, int] | None:
    """Decode a varint at ``buf[pos:end]``: ``(value, next_pos)``, or ``None`` if cut at ``end``.

    Raises :class:`CorruptModelError` for a varint longer than 10 bytes.
    """
    result = shift = 0
    for i in range(pos, min(end, pos + MAX_VARINT_BYTES)):
        b = buf[i]
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i + 1
        shift += 7
    if end - pos >= MAX_VARINT_BYTES:
        raise CorruptModelError("protobuf varint longer than 10 bytes")
    return None


def signed64(value: int) -> int:
    """Read a varint as int64 (negative numbers are written as 10-byte two's complement)."""
    value &= (1 << 64) - 1
    return value - (1 << 64) if value >= 1 << 63 else value


def _bad_wire(number: int, wire: int) -> CorruptModelError:
    return CorruptModelError(f"protobuf field {number} has unsupported wire type {wire}")


class Walker:
    """Walks messages of a protobuf file, reading keys, varints and the payloads asked for."""

    def __init__(self, f: BinaryIO, size: int, max_fields: int = MAX_FIELDS) -> None:
        self.f = f
        self.size = size
        self.budget = max_fields
        self._start = 0
        self._buf = b""

    def _window(self, pos: int, n: int) -> tuple[bytes, int]:
        """Return ``(buffer, offset_of_pos_in_buffer)`` holding at least ``n`` bytes from ``pos``
        (fewer at the end of the file)."""
        rel = pos - self._start
        if rel < 0 or rel + n > len(self._buf):
            self.f.seek(pos)
            self._buf = self.f.read(max(n, WINDOW))
            self._start = pos
            rel = 0
        return self._buf, rel

    def fields(self, start: int, end: int, depth: int = 0) -> Iterator[Field]:
        """Yield the fields of the message at ``[start, end)``; ``depth`` is its nesting level.

        The hot loop of every protobuf reader (a 100k-node graph is a million fields), so it
        decodes one-byte varints inline and reads keys from the shared window, refilling it only
        when fewer than :data:`HEADER` bytes of the message remain in it.
        """
        if depth > MAX_DEPTH:
            raise LimitExceededError(f"protobuf messages nested deeper than {MAX_DEPTH}")
        if end > self.size:
            raise CorruptModelError("protobuf message runs past the end of the file")
        where = "the file" if end == self.size else "its enclosing message"
        pos = start
        buf, base = b"", 0
        while pos < end:
            self.budget -= 1
            if self.budget < 0:
                raise LimitExceededError("more protobuf fields than the walker's cap")
            rel = pos - base
            if rel < 0 or rel + HEADER > len(buf) and base + len(buf) < end:
                buf, rel = self._window(pos, HEADER)
                base = pos - rel
            limit = min(len(buf), end - base)
            key = buf[rel] if rel < limit else 0x80
            if key < 0x80:
                rel += 1
            else:
                got = decode_varint(buf, rel, limit)
                if got is None:
                    raise CorruptModelError("truncated protobuf field key")
                key, rel = got
            number, wire = key >> 3, key & 7
            if number == 0:
                raise CorruptModelError("protobuf field number 0")
            if wire == VARINT or wire == LEN:
                value = buf[rel] if rel < limit else 0x80
                if value < 0x80:
                    rel += 1
                else:
                    got = decode_varint(buf, rel, limit)
                    if got is None:
                        raise CorruptModelError(f"truncated protobuf varint in field {number}")
                    value, rel = got
                pos = base + rel
                if wire == VARINT:
                    yield Field(number, wire, value)
                    continue
                if value > end - pos:
                    raise CorruptModelError(
                        f"protobuf field {number} length {value} runs past the end of {where}")
                yield Field(number, wire, pos, value)
                pos += value
            elif wire == I64 or wire == I32:
                n = 8 if wire == I64 else 4
                if rel + n > limit:
                    raise CorruptModelError(f"truncated protobuf fixed-width field {number}")
                yield Field(number, wire, int.from_bytes(buf[rel:rel + n], "little"))
                pos = base + rel + n
            else:
                raise _bad_wire(number, wire)

    def message(self, field: Field, depth: int) -> Iterator[Field]:
        """The fields of a LEN field holding a message, at nesting level ``depth``."""
        return self.fields(field.value, field.end, depth)

    def payload(self, field: Field, cap: int) -> bytes:
        """The payload of a LEN field, at most its first ``cap`` bytes."""
        n = min(field.length, cap)
        buf, rel = self._window(field.value, n)
        data = buf[rel:rel + n]
        if len(data) != n:
            raise CorruptModelError("truncated protobuf payload")
        return data

    def text(self, field: Field, cap: int = 4096) -> str:
        """A string field as text (at most ``cap`` bytes; undecodable bytes replaced)."""
        return self.payload(field, cap).decode("utf-8", "replace")

    def varints(self, field: Field, cap: int) -> list[int]:
        """A repeated scalar field in packed form; more than ``cap`` values is a limit error."""
        if field.length > cap * MAX_VARINT_BYTES:
            raise LimitExceededError(f"more than {cap} packed protobuf values")
        data = self.payload(field, field.length)
        out: list[int] = []
        pos = 0
        while pos < len(data):
            got = decode_varint(data, pos, len(data))
            if got is None:
                raise CorruptModelError("truncated packed protobuf varints")
            value, pos = got
            out.append(value)
            if len(out) > cap:
                raise LimitExceededError(f"more than {cap} packed protobuf values")
        return out


def scan(data: bytes, start: int, end: int, limit: int = 512,
         truncated_ok: bool = False) -> tuple[list[Field], bool] | None:
    """Fields of the message at ``[start, end)`` as far as ``data`` (a file's head) holds them.

    For sniffers: ``end`` may lie beyond ``data`` (the file size, or a nested message's end), and a
    LEN field's payload may run past ``data``; lengths are still checked against ``end``. Returns
    ``(fields, complete)``, ``complete`` False when ``data`` or ``limit`` ran out first, or ``None``
    when the bytes cannot be a protobuf message. With ``truncated_ok`` a LEN field running past
    ``end`` ends the scan (``complete`` False) instead: at top level, where ``end`` is the file
    size, that is a truncated file, which the reader should report as corrupt. Never raises.
    """
    fields: list[Field] = []
    stop = min(end, len(data))
    pos = start
    try:
        while pos < end:
            if pos >= stop or len(fields) >= limit:
                return fields, False
            got = decode_varint(data, pos, stop)
            if got is None:
                return fields, False
            key, pos = got
            number, wire = key >> 3, key & 7
            if number == 0:
                return None
            if wire in (VARINT, LEN):
                got = decode_varint(data, pos, stop)
                if got is None:
                    return fields, False
                value, pos = got
                if wire == VARINT:
                    fields.append(Field(number, wire, value))
                    continue
                if value > end - pos:
                    if not truncated_ok:
                        return None
                    fields.append(Field(number, wire, pos, value))
                    return fields, False
                fields.append(Field(number, wire, pos, value))
                pos += value
            elif wire in (I64, I32):
                n = 8 if wire == I64 else 4
                if n > end - pos:
                    return None
                if pos + n > stop:
                    return fields, False
                fields.append(Field(number, wire, int.from_bytes(data[pos:pos + n], "little")))
                pos += n
            else:
                return None
    except CorruptModelError:  # an overlong varint
        return None
    return fields, True


def head_text(data: bytes, field: Field, control_ok: bool = False) -> str | None:
    """The part of a LEN field held in ``data`` as text, or ``None`` if it does not look like text
    (undecodable, or control characters other than tab/newline when ``control_ok``)."""
    raw = data[field.value:min(field.end, len(data))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(raw) - 3:  # a character cut by the end of the head is fine
            return None
        text = raw[:exc.start].decode("utf-8")
    allowed = "\t\n\r" if control_ok else ""
    if any(ord(c) < 32 and c not in allowed for c in text) or "\x7f" in text:
        return None
    return text


def expect(field: Field, wire: int, what: str) -> Field:
    """Return ``field`` if it has wire type ``wire``, else raise naming ``what`` (a parser built
    from the schema rejects such a file too)."""
    if field.wire != wire:
        raise CorruptModelError(f"{what} (field {field.number}) has wire type {field.wire}")
    return field
