"""Hand encoding of protobuf fields for hostile and look-alike test inputs."""

from __future__ import annotations


def varint(n: int) -> bytes:
    n &= (1 << 64) - 1  # negative numbers as 10-byte two's complement, as protobuf writes them
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def vi(number: int, value: int) -> bytes:
    """A VARINT field."""
    return varint(number << 3) + varint(value)


def ld(number: int, payload: bytes | str) -> bytes:
    """A LEN field (string, bytes or sub-message)."""
    if isinstance(payload, str):
        payload = payload.encode()
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def f32(number: int, raw: bytes) -> bytes:
    """An I32 field."""
    return varint(number << 3 | 5) + raw
