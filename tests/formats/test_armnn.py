"""Arm NN serialized graphs (mllint/formats/armnn.py): a file Debian's own libarmnn wrote, graphs
built here from the schema, and FlatBuffers of other schemas that must not match."""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path

import pytest
from builders import armnn_graph, armnn_layer, fmt_of, write
from builders import read_file as read
from flatbuf import Ints, build
from hypothesis import given, settings
from hypothesis import strategies as st

from mllint.formats import armnn
from mllint.formats.base import CorruptModelError, FormatError, LimitExceededError

# armnnSerializer::ISerializer of libarmnn22 20.08-12 (Debian bookworm, amd64) on a network
# built with INetwork: Input "input" [1, 4] -> FullyConnected "fc1" (weights [4, 2] of 0.5, bias
# [2] of 0.1) -> Output "output"; bytes as SaveSerializedToStream wrote them. No "ARMN" at 4.
ARMNN_20_08_FC = bytes.fromhex(
    "0400000060ffffff100000001c000000200000002400000003000000d8010000780000001c00000001000000"
    "0000000001000000000000000affffff0100000054feffff0000000b040000001effffff0400000026ffffff"
    "04000000eefeffff0200000010000000030000001400000018000000060000006f7574707574000001000000"
    "0800000000000000b4feffff0100000000000000acfeffff00000008100000000c001400040008000c001000"
    "0c000000c8000000b000000044000000040000005efeffff00000003080000001c0000006efeffff00000001"
    "08000000000000000100000002000000beffffff0400000002000000cdcccc3dcdcccc3d9afeffff00000003"
    "0800000028000000aafeffff0000000108000000000000000200000004000000020000000000060008000400"
    "0600000004000000080000000000003f0000003f0000003f0000003f0000003f0000003f0000003f0000003f"
    "00000600060005000600000000010e001800040008000c00100014000e00000001000000100000000b000000"
    "100000001400000003000000666331000100000040000000010000000c000000080008000000040008000000"
    "0400000056ffffff00000001080000000000000002000000010000000200000008000c000000040008000000"
    "000000000000000008000c0007000800080000000000000904000000f6ffffff0c000000000006000a000400"
    "060000001400000000000e0014000000040008000c0010000e00000010000000010000001400000014000000"
    "05000000696e70757400000000000000010000000c00000008000a0000000400080000001000000000000a00"
    "1000080007000c000a000000000000010800000000000000020000000100000004000000"
)


def test_file_written_by_debians_libarmnn(tmp_path: Path) -> None:
    assert ARMNN_20_08_FC[4:8] != b"ARMN"
    info = read(write(tmp_path, "fc.armnn", ARMNN_20_08_FC))
    assert info.format == "armnn" and info.trained
    assert (info.tensors, info.parameters, info.dtypes) == (2, 10, ("Float32",))
    assert info.extra == {
        "layers": 3, "layer_kinds": {"FullyConnected": 1, "Input": 1, "Output": 1},
        "inputs": 1, "outputs": 1,
        "feature_versions": {"bindingIdsScheme": 1, "weightsLayoutScheme": 0,
                             "constantTensorsAsInputs": 0}}


def test_identified_by_content_under_another_name() -> None:
    assert fmt_of(ARMNN_20_08_FC, "network.bin") == "armnn"
    assert fmt_of(armnn_graph(), "model") == "armnn"


def test_graph_built_from_the_schema(tmp_path: Path) -> None:
    info = read(write(tmp_path, "g.armnn", armnn_graph(weights=(3, 5))))
    assert (info.tensors, info.parameters) == (2, 18)
    assert info.extra["layer_kinds"] == {"FullyConnected": 1, "Input": 1, "Output": 1}


def test_union_type_disagreeing_with_layer_type_is_no_armnn(tmp_path: Path) -> None:
    data = armnn_graph(fc_layer_type=6)  # a FullyConnectedLayer whose base says Softmax
    assert fmt_of(data, "g.bin") is None
    with pytest.raises(CorruptModelError, match="layer type 6"):
        armnn.read(write(tmp_path, "g.armnn", data), data[:4096], len(data))


def test_other_flatbuffers_are_no_armnn() -> None:
    tflite_like = build({0: 3, 1: [{0: 1}], 2: [{0: [{0: Ints([1, 4])}]}], 3: "converted"})
    assert not armnn.sniff(tflite_like, len(tflite_like), "m.armnn")
    no_identifier = tflite_like[:4] + b"\0" * 4 + tflite_like[8:]
    assert not armnn.sniff(no_identifier, len(no_identifier), "m.bin")


def test_unknown_union_type_is_corrupt(tmp_path: Path) -> None:
    root = {0: [armnn_layer(9, 1, 0, "input", bindable=True), armnn_layer(100, 1, 1, "x")]}
    data = build(root, identifier=b"")
    assert not armnn.sniff(data, len(data), "g.armnn")
    with pytest.raises(CorruptModelError, match="union type 100"):
        armnn.read(write(tmp_path, "g.armnn", data), data, len(data))


def test_layer_count_near_two_to_the_32_is_corrupt(tmp_path: Path) -> None:
    data = bytearray(armnn_graph())
    (root,) = struct.unpack_from("<I", data)
    (vtable,) = struct.unpack_from("<i", data, root)
    (field,) = struct.unpack_from("<H", data, root - vtable + 4)  # slot 0: layers
    vec = root + field + struct.unpack_from("<I", data, root + field)[0]
    assert struct.unpack_from("<I", data, vec) == (3,)
    data[vec:vec + 4] = struct.pack("<I", 0xFFFFFFFF)
    assert not armnn.sniff(bytes(data), len(data), "g.armnn")
    with pytest.raises(CorruptModelError, match="does not fit"):
        armnn.read(write(tmp_path, "g.armnn", bytes(data)), bytes(data), len(data))


def test_tensor_rank_is_capped(tmp_path: Path) -> None:
    data = armnn_graph(weights=(1,) * 20)
    with pytest.raises(CorruptModelError, match="20 dimensions"):
        read(write(tmp_path, "g.armnn", data))


def test_table_cap_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mllint.formats import tflite

    monkeypatch.setattr(tflite, "MAX_TABLES", 5)
    data = armnn_graph()
    with pytest.raises(LimitExceededError):
        armnn.read(write(tmp_path, "g.armnn", data), data, len(data))


def test_graph_past_the_head_is_decided_by_the_extension() -> None:
    # Arm NN shares vtables, so a large file's root vtable can lie megabytes past the head.
    data = armnn_graph()
    head = data[:24]  # the root table, not its layers
    assert armnn.sniff(head, len(data), "mobilenet.armnn")
    assert not armnn.sniff(head, len(data), "mobilenet.bin")


SAMPLES = {"debian.armnn": ARMNN_20_08_FC, "built.armnn": armnn_graph()}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_prefix_reads_or_fails_typed(tmp_path: Path, name: str) -> None:
    data = SAMPLES[name]
    for cut in range(len(data) + 1):
        path = write(tmp_path, name, data[:cut])
        if armnn.sniff(data[:cut][:4096], cut, name):
            try:
                armnn.read(path, data[:cut][:4096], cut)
            except FormatError:
                pass


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(SAMPLES)), st.lists(
    st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=6))
def test_mutations_read_or_fail_typed(name: str, edits: list[tuple[float, int]]) -> None:
    data = bytearray(SAMPLES[name])
    for where, value in edits:
        data[int(where * len(data))] = value
    with tempfile.TemporaryDirectory() as d:
        path = write(Path(d), name, bytes(data))
        if armnn.sniff(bytes(data), len(data), name):
            try:
                armnn.read(path, bytes(data), len(data))
            except FormatError:
                pass
