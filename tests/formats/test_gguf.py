from __future__ import annotations

import struct
from pathlib import Path

import pytest
from builders import gguf, gstr, kv_str, kv_u32, small_gguf, tensor_info
from builders import head_of

from mllint import formats
from mllint.formats import gguf as reader
from mllint.formats.base import CorruptModelError, LimitExceededError


def write(tmp_path: Path, data: bytes, name: str = "m.gguf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path: Path):
    head, size = head_of(path)
    return formats.read(path, head, size, path.name)


def test_gguf_metadata_provenance_and_counts(tmp_path: Path) -> None:
    info = read(write(tmp_path, small_gguf()))
    assert info.format == "gguf"
    assert (info.tensors, info.parameters, info.dtypes) == (2, 16, ("F32",))
    assert info.metadata["general.name"] == "tiny"
    assert info.metadata["general.tags"] == "a, b"
    assert "tokenizer.ggml.tokens" not in info.metadata
    assert info.provenance.license == ["apache-2.0"]
    assert info.provenance.authors == ["Jane Roe"]
    assert info.provenance.base_models == ["https://huggingface.co/org/base"]
    assert info.provenance.datasets == ["corpus"]
    assert info.extra["base_models"] == [{"name": "Base",
                                          "repo_url": "https://huggingface.co/org/base"}]
    assert info.extra["source_url"] == "https://example.org/src"
    assert info.extra["chat_template"] is True


def test_gguf_without_chat_template_says_nothing_about_it(tmp_path: Path) -> None:
    info = read(write(tmp_path, gguf([kv_str("general.name", "x")], [])))
    assert "chat_template" not in info.extra
    assert info.tensors == 0


def test_gguf_v1_uses_32_bit_lengths(tmp_path: Path) -> None:
    key, value = b"general.name", b"old"
    data = (b"GGUF" + struct.pack("<III", 1, 0, 1) + struct.pack("<I", len(key)) + key
            + struct.pack("<II", 8, len(value)) + value)
    info = read(write(tmp_path, data))
    assert info.metadata == {"general.name": "old"} and info.extra["version"] == 1


def test_gguf_big_endian_v3(tmp_path: Path) -> None:
    key, value = b"general.name", b"be"
    data = (b"GGUF" + struct.pack(">IQQ", 3, 0, 1) + struct.pack(">Q", len(key)) + key
            + struct.pack(">IQ", 8, len(value)) + value)
    assert read(write(tmp_path, data)).metadata == {"general.name": "be"}


def test_gguf_array_of_2_63_elements_in_49_bytes_is_corrupt_at_once(tmp_path: Path) -> None:
    # The shape that makes gguf's own reader loop with growing memory (model-formats.md §6).
    data = (b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + gstr("k")
            + struct.pack("<IIQ", 9, 0, 2**63))
    assert len(data) == 49
    with pytest.raises(CorruptModelError, match="array k of 9223372036854775808 elements"):
        reader.read(write(tmp_path, data), data, len(data))


def test_gguf_nested_arrays_are_depth_capped(tmp_path: Path) -> None:
    nest = b"".join(struct.pack("<IQ", 9, 1) for _ in range(reader.MAX_DEPTH + 1))
    data = (b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + gstr("k") + struct.pack("<I", 9)
            + nest + struct.pack("<IQ", 0, 0) + b"\0" * 64)
    with pytest.raises(LimitExceededError, match="nested"):
        reader.read(write(tmp_path, data), data, len(data))


@pytest.mark.parametrize("data, reason", [
    (b"GGUF" + struct.pack("<IQQ", 7, 0, 0), "version 7"),
    (b"GGUF" + struct.pack("<IQQ", 3, 0, 2**40), "KV count"),
    (b"GGUF" + struct.pack("<IQQ", 3, 2**40, 0), "tensor count"),
    (b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**62) + b"\0" * 8,
     "key length"),
    (b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + gstr("k") + struct.pack("<I", 13) + b"\0" * 8,
     "unknown value type 13"),
    (gguf([], [tensor_info("t", (1, 1, 1, 1, 1), 0, 0)]), "5 dimensions"),
    (gguf([], [tensor_info("t", (4,), 0, 4096)], b"\0" * 16), "offset lies past"),
    (gguf([kv_u32("general.alignment", 0)], [tensor_info("t", (1,), 0, 0)]), "alignment"),
])
def test_gguf_hostile_headers_are_corrupt(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(CorruptModelError, match=reason):
        reader.read(write(tmp_path, data), data[:4096], len(data))


def test_gguf_truncated_at_every_prefix_raises_only_format_errors(tmp_path: Path) -> None:
    data = small_gguf()
    header_end = len(data) - 64
    for n in range(len(data)):
        path = write(tmp_path, data[:n])
        try:
            info = read(path)
        except formats.FormatError:
            continue
        # the tensor data region is never read, so only its absence past the offsets can pass
        assert n >= header_end or info is None, n
