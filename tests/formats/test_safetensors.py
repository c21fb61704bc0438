from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
from builders import head_of
from safetensors.numpy import save_file

from mllint import formats
from mllint.formats import safetensors as reader
from mllint.formats.base import CorruptModelError


def write_header(tmp_path: Path, header: object, data: bytes = b"",
                 raw: bytes | None = None) -> Path:
    body = raw if raw is not None else json.dumps(header).encode()
    path = tmp_path / "m.safetensors"
    path.write_bytes(struct.pack("<Q", len(body)) + body + data)
    return path


def test_safetensors_counts_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "w.safetensors"
    save_file({"a": np.zeros((2, 3), "f4"), "b": np.zeros(4, "f2")}, path,
              metadata={"license": "mit", "author": "Jane", "format": "pt"})
    head, size = head_of(path)
    info = formats.read(path, head, size, path.name)
    assert (info.format, info.tensors, info.parameters) == ("safetensors", 2, 10)
    assert info.dtypes == ("F16", "F32")
    assert info.metadata["format"] == "pt"
    assert info.provenance.license == ["mit"] and info.provenance.authors == ["Jane"]


def test_safetensors_length_past_end_of_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "m.safetensors"
    path.write_bytes(struct.pack("<Q", 1000) + b"{}")
    # claimed by name only: the same bytes under another name are not safetensors
    assert reader.sniff(path.read_bytes(), 10, "m.safetensors")
    assert not reader.sniff(path.read_bytes(), 10, "m.bin")
    with pytest.raises(CorruptModelError, match="exceeds the file"):
        reader.read(path, b"", path.stat().st_size)


def test_safetensors_header_over_cap(tmp_path: Path) -> None:
    path = tmp_path / "m.safetensors"
    path.write_bytes(struct.pack("<Q", reader.MAX_HEADER + 1) + b"{}")
    with pytest.raises(CorruptModelError, match="cap"):
        reader.read(path, b"", path.stat().st_size)


T = {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}


@pytest.mark.parametrize("header, data, reason", [
    (None, b"", "header is not JSON"),
    ([1, 2], b"", "not a JSON object"),
    ({"__metadata__": {"a": 1}}, b"", "string-to-string"),
    ({"t": 5}, b"", "is not an object"),
    ({"t": {**T, "dtype": "F99"}}, b"\0" * 8, "unknown dtype"),
    ({"t": {**T, "shape": [-1]}}, b"\0" * 8, "malformed shape"),
    ({"t": {**T, "data_offsets": [0]}}, b"\0" * 8, "malformed shape or data_offsets"),
    ({"t": T}, b"\0" * 4, "outside the file"),
    ({"t": {**T, "shape": [3]}}, b"\0" * 8, "disagrees with its shape"),
    ({"t": {**T, "data_offsets": [4, 12]}}, b"\0" * 12, "gaps or overlaps"),
    ({"t": T, "u": T}, b"\0" * 8, "gaps or overlaps"),
])
def test_safetensors_structural_errors(tmp_path: Path, header, data: bytes, reason: str) -> None:
    path = write_header(tmp_path, header, data, raw=b"{not json" if header is None else None)
    with pytest.raises(CorruptModelError, match=reason):
        reader.read(path, b"", path.stat().st_size)


def test_safetensors_deep_nesting_is_corrupt_not_recursion(tmp_path: Path) -> None:
    path = write_header(tmp_path, None, raw=b"{\"a\":" + b"[" * 100_000 + b"]" * 100_000 + b"}")
    with pytest.raises(CorruptModelError, match="not JSON"):
        reader.read(path, b"", path.stat().st_size)
