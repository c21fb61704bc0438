"""TFLite reader: hand-built FlatBuffers, look-alikes and hostile offsets."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mllint.formats import CorruptModelError, FormatError, identify
from mllint.formats import tflite
from mllint.formats.base import HEAD_SIZE
from flatbuf import U64, Byte, Ints, build


def _model() -> bytes:
    metadata = build({0: "mobilenet", 1: "classifier", 4: "Jane Doe", 5: "Apache-2.0"},
                     identifier=b"M001")
    return build({
        0: 3,
        1: [{3: 3}, {1: "FlexMyOp", 3: 32}],
        2: [{0: [{0: Ints([2, 3]), 1: Byte(0), 2: 1, 3: "w"},
                 {0: Ints([1, 3]), 1: Byte(0), 2: 0, 3: "x"}],
             3: [{0: 0}, {0: 1}], 4: "main"}],
        3: "TOCO Converted.",
        4: [{}, {0: bytes(24)}, {0: b"1.14.0\0\0\0\0\0\0\0\0\0\0"}, {0: metadata}],
        6: [{0: "min_runtime_version", 1: 2}, {0: "TFLITE_METADATA", 1: 3}],
    })


def _read(path: Path):
    data = path.read_bytes()
    return tflite.read(path, data[:HEAD_SIZE], len(data))


def test_tflite_reads_version_description_counts_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "m.tflite"
    path.write_bytes(_model())
    info = _read(path)
    assert info.format == "tflite"
    assert info.extra["version"] == 3
    assert info.extra["description"] == "TOCO Converted."
    assert (info.extra["subgraphs"], info.tensors, info.extra["operators"]) == (1, 2, 2)
    assert info.extra["metadata_names"] == ["min_runtime_version", "TFLITE_METADATA"]
    assert info.extra["min_runtime_version"] == "1.14.0"
    assert info.extra["custom_ops"] == ["FlexMyOp"]
    assert (info.parameters, info.dtypes, info.trained) == (6, ("FLOAT32",), True)
    assert info.provenance.license == ["Apache-2.0"]
    assert info.provenance.authors == ["Jane Doe"]
    assert info.metadata["name"] == "mobilenet"


def test_tflite_buffer_by_offset_and_size_counts_as_weights(tmp_path: Path) -> None:
    data = build({0: 3, 2: [{0: [{0: Ints([4]), 1: Byte(9), 2: 1}]}],
                  4: [{}, {1: U64(8), 2: U64(4)}]})
    path = tmp_path / "m.tflite"
    path.write_bytes(data)
    info = _read(path)
    assert (info.parameters, info.dtypes) == (4, ("INT8",))


@pytest.mark.parametrize("name", ["model.tflite", "model.bin", "m.tfl", "m.lite", "noext"])
def test_tflite_is_identified_by_content_whatever_the_name(name: str) -> None:
    data = _model()
    assert identify(data[:HEAD_SIZE], len(data), name).id == "tflite"


def test_tflite_without_tensor_data_is_untrained(tmp_path: Path) -> None:
    path = tmp_path / "m.tflite"
    path.write_bytes(build({0: 3, 2: [{0: [{0: Ints([4]), 2: 0}]}], 4: [{}]}))
    assert _read(path).trained is False


@pytest.mark.parametrize("data", [
    b"", b"TFL3", b"\x10\x00\x00\x00XXXXTFL3" + bytes(64),  # identifier at offset 8
    b"\xff\xff\xff\x7fTFL3" + bytes(64),  # root offset past the end
    b"\x55\xaa" + bytes(4094),  # a VGA ROM's start
])
def test_tflite_look_alikes_are_not_identified(data: bytes) -> None:
    assert not tflite.sniff(data[:HEAD_SIZE], len(data), "firmware.bin")
    assert identify(data[:HEAD_SIZE], len(data), "firmware.bin") is None


def test_tflite_vtable_outside_the_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "m.tflite"
    path.write_bytes(struct.pack("<I4si", 8, b"TFL3", -10_000))
    with pytest.raises(CorruptModelError, match="outside the buffer"):
        _read(path)


def test_tflite_huge_vector_count_is_corrupt(tmp_path: Path) -> None:
    data = bytearray(build({2: [{}]}))
    # Patch the subgraphs vector's count (the first u32 after the root table) to 2^31.
    vec = data.index(struct.pack("<I", 1), 12)
    data[vec:vec + 4] = struct.pack("<I", 2**31)
    path = tmp_path / "m.tflite"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptModelError, match="runs past the buffer"):
        _read(path)


def test_tflite_every_truncation_raises_format_error_or_reads(tmp_path: Path) -> None:
    data = _model()
    path = tmp_path / "m.tflite"
    corrupt = 0
    for cut in range(12, len(data)):
        path.write_bytes(data[:cut])
        if tflite.sniff(data[:cut], cut, "m.tflite"):
            try:
                _read(path)
            except FormatError:
                corrupt += 1
    assert corrupt > (len(data) - 12) // 2


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.data())
def test_tflite_mutations_raise_only_format_errors(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(_model())
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(8, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "m.tflite"
    path.write_bytes(bytes(raw))
    try:
        _read(path)
    except FormatError:
        pass
