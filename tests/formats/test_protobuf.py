"""The shared protobuf walker, and that the protobuf-family sniffers never claim each other's
files (they all start with 08 or 0a)."""

from __future__ import annotations

import io
import struct

import onnx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from onnx import helper

from mllint.formats import CorruptModelError, FormatError, LimitExceededError, all_formats
from mllint.formats.base import HEAD_SIZE
from mllint.formats.protobuf import Walker, decode_varint, scan
import test_caffe
import test_coreml
import test_ncnn
import test_openvino
import test_sentencepiece
import test_tensorflow
import test_tflite
from builders import openvino_xml, tf_checkpoint, tf_variable
from pb import ld, varint, vi


def _walk(data: bytes, **kw) -> list:
    return list(Walker(io.BytesIO(data), len(data), **kw).fields(0, len(data)))


def test_varint_of_ten_bytes_is_accepted_and_eleven_is_corrupt() -> None:
    assert decode_varint(varint(-1), 0, 10) == (2**64 - 1, 10)
    with pytest.raises(CorruptModelError, match="longer than 10 bytes"):
        decode_varint(b"\xff" * 11, 0, 11)


def test_walker_rejects_field_number_zero_and_group_wire_types() -> None:
    with pytest.raises(CorruptModelError, match="field number 0"):
        _walk(b"\x00\x01")
    with pytest.raises(CorruptModelError, match="wire type 4"):
        _walk(b"\x0c")


def test_walker_length_past_the_enclosing_message_is_corrupt() -> None:
    hostile = ld(1, b"\x12\x7f") + ld(3, "x" * 200)  # inner field 2 claims 127 of 2 bytes
    walker = Walker(io.BytesIO(hostile), len(hostile))
    outer = next(walker.fields(0, len(hostile)))
    with pytest.raises(CorruptModelError, match="field 2 length 127 runs past the end of its "
                                                "enclosing message"):
        list(walker.message(outer, 1))


def test_walker_field_cap_raises_limit_error() -> None:
    with pytest.raises(LimitExceededError, match="cap"):
        _walk(vi(1, 1) * 100, max_fields=50)


def test_walker_reads_fixed_width_values_little_endian() -> None:
    data = b"\x0d" + struct.pack("<f", 1.5) + b"\x11" + struct.pack("<Q", 2**40)
    fields = _walk(data)
    assert struct.pack("<I", fields[0].value) == struct.pack("<f", 1.5)
    assert fields[1].value == 2**40


def test_scan_stops_quietly_at_the_end_of_the_head() -> None:
    data = vi(1, 7) + ld(2, "x" * 100) + vi(3, 1)
    fields, complete = scan(data[:20], 0, len(data))
    assert [f.number for f in fields] == [1, 2] and not complete
    fields, complete = scan(data[:20], 0, len(data) - 2)  # field 2 is the last one
    assert [f.number for f in fields] == [1, 2] and complete
    assert scan(b"\x12\x7f" + b"x" * 10, 0, 12) is None  # length past the declared end


def _onnx() -> bytes:
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "g", [], [])
    return helper.make_model(graph, producer_name="onnx-test").SerializeToString()


SAMPLES = {
    "onnx": _onnx,
    "coreml": lambda: test_coreml._model(ld(3, "Jane")),
    "caffe": test_caffe._net,
    "sentencepiece": test_sentencepiece._model,
    "tf-graphdef": test_tensorflow._graph_def,
    "tf-savedmodel": test_tensorflow._saved_model,
    "tf-checkpoint": lambda: tf_checkpoint([(b"", vi(1, 1)), (b"v", tf_variable([2]))]),
    "tflite": test_tflite._model,
    "openvino": lambda: openvino_xml(11, test_openvino.RT_INFO_V11),
    "ncnn": lambda: test_ncnn.PARAM,
}


@pytest.mark.parametrize("expected", sorted(SAMPLES))
@pytest.mark.parametrize("name", ["model.pb", "model.bin", "model.onnx", "model"])
def test_each_protobuf_format_is_claimed_by_its_own_sniffer_only(expected: str,
                                                                 name: str) -> None:
    data = SAMPLES[expected]()
    claimed = {f.id for f in all_formats() if f.sniff(data[:HEAD_SIZE], len(data), name)}
    assert claimed == {expected}


def test_onnx_written_by_onnx_save_is_claimed_by_onnx_only(tmp_path) -> None:
    path = tmp_path / "m.onnx"
    onnx.save(helper.make_model(helper.make_graph([], "g", [], [])), path)
    data = path.read_bytes()
    assert {f.id for f in all_formats() if f.sniff(data, len(data), "m.bin")} == {"onnx"}


MINE = ("onnx", "coreml", "caffe", "sentencepiece", "tf-graphdef", "tf-savedmodel",
        "tf-checkpoint", "tflite", "openvino", "ncnn")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["m.onnx", "m.pb", "m.bin", "m.xml", "m"]))
def test_sniffers_never_raise_on_arbitrary_bytes(data: bytes, name: str) -> None:
    for fmt in all_formats():
        if fmt.id in MINE:
            assert fmt.sniff(data, len(data), name) in (True, False)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.data())
def test_readers_raise_only_format_errors_on_mutated_samples(tmp_path, data) -> None:
    expected = data.draw(st.sampled_from(sorted(SAMPLES)))
    raw = bytearray(SAMPLES[expected]())
    for _ in range(data.draw(st.integers(1, 6))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(raw)))
    path = tmp_path / "m.bin"
    path.write_bytes(bytes(raw[:cut]))
    for fmt in all_formats():
        if fmt.id in MINE and fmt.sniff(bytes(raw[:cut])[:HEAD_SIZE], cut, path.name):
            try:
                fmt.read(path, bytes(raw[:cut])[:HEAD_SIZE], cut)
            except FormatError:
                pass
