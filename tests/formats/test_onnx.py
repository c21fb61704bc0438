"""ONNX reader: real files written by the onnx package, look-alikes and hostile protobufs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from onnx import TensorProto, helper, numpy_helper

from mllint.formats import CorruptModelError, FormatError, LimitExceededError, identify
from mllint.formats import onnx as onnx_format
from mllint.formats.base import HEAD_SIZE


def _read(path: Path):
    data = path.read_bytes()
    return onnx_format.read(path, data[:HEAD_SIZE], len(data))


def _sniff(data: bytes, name: str = "m.onnx") -> bool:
    return onnx_format.sniff(data[:HEAD_SIZE], len(data), name)


def _model(initializers: bool = True, **props: str) -> onnx.ModelProto:
    weights = [numpy_helper.from_array(np.ones((3, 4), dtype=np.float32), "W")] if initializers \
        else []
    nodes = [helper.make_node("MatMul", ["x", "W"], ["y"]),
             helper.make_node("Custom", ["y"], ["z"], domain="com.example")]
    graph = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3]),
                     helper.make_tensor_value_info("W", TensorProto.FLOAT, [3, 4])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 4])], weights)
    model = helper.make_model(graph, producer_name="pytorch", producer_version="2.1",
                              opset_imports=[helper.make_opsetid("", 17),
                                             helper.make_opsetid("com.example", 1)])
    helper.set_model_props(model, props)
    return model


def _write(tmp_path: Path, model: onnx.ModelProto, name: str = "m.onnx") -> Path:
    path = tmp_path / name
    path.write_bytes(model.SerializeToString())
    return path


def test_onnx_reads_producer_opsets_ops_and_parameters(tmp_path: Path) -> None:
    info = _read(_write(tmp_path, _model()))
    assert info.format == "onnx"
    assert info.provenance.producer == ["pytorch 2.1"]
    assert info.extra["opset_import"] == [["", 17], ["com.example", 1]]
    assert info.extra["ops"] == ["Custom", "MatMul"]
    assert info.extra["custom_domains"] == ["com.example"]
    assert (info.tensors, info.parameters, info.dtypes) == (1, 12, ("FLOAT",))
    assert info.trained is True
    assert info.external_data == ()


def test_onnx_metadata_props_feed_provenance(tmp_path: Path) -> None:
    info = _read(_write(tmp_path, _model(License="Apache-2.0", author="Jane", datasets="coco",
                                         note="x")))
    assert info.metadata == {"License": "Apache-2.0", "author": "Jane", "datasets": "coco",
                             "note": "x"}
    assert info.provenance.license == ["Apache-2.0"]
    assert info.provenance.authors == ["Jane"]
    assert info.provenance.datasets == ["coco"]


def test_onnx_graph_without_initializers_is_untrained(tmp_path: Path) -> None:
    info = _read(_write(tmp_path, _model(initializers=False)))
    assert info.trained is False
    assert (info.tensors, info.parameters) == (0, 0)


def test_onnx_external_data_of_initializers_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "m.onnx"
    onnx.save(_model(), path, save_as_external_data=True, location="weights.bin",
              size_threshold=0)
    info = _read(path)
    assert info.external_data == info.parts == ("weights.bin",)
    assert info.extra["external_data_extents"] == [["weights.bin", 0, 48]]
    assert info.parameters == 12


def _external(name: str, location: str) -> TensorProto:
    tensor = helper.make_tensor(name, TensorProto.FLOAT, [2], [1.0, 2.0])
    tensor.ClearField("float_data")
    tensor.data_location = TensorProto.EXTERNAL
    entry = tensor.external_data.add()
    entry.key, entry.value = "location", location
    return tensor


def test_onnx_external_data_in_attributes_subgraphs_functions_and_training(
        tmp_path: Path) -> None:
    const = helper.make_node("Constant", [], ["c"], value=_external("c", "../attr.bin"))
    body = helper.make_graph([helper.make_node("Identity", ["s"], ["o"])], "then", [],
                             [helper.make_tensor_value_info("o", TensorProto.FLOAT, [2])],
                             [_external("s", "/abs/sub.bin")])
    branch = helper.make_node("If", ["cond"], ["o"], then_branch=body, else_branch=body)
    graph = helper.make_graph([const, branch], "g", [], [], [])
    func = helper.make_function("local", "F", [], ["k"], [
        helper.make_node("Constant", [], ["k"], value=_external("k", "func.bin"))],
        [helper.make_opsetid("", 17)])
    model = helper.make_model(graph, functions=[func])
    training = model.training_info.add()
    training.initialization.CopyFrom(helper.make_graph([], "init", [], [],
                                                       [_external("t", "train.bin")]))
    info = _read(_write(tmp_path, model))
    assert set(info.external_data) == {"../attr.bin", "/abs/sub.bin", "func.bin", "train.bin"}
    assert info.extra["functions"] == 1 and info.extra["training_info"] == 1
    assert info.trained is True


def test_onnx_sparse_initializer_counts_its_values(tmp_path: Path) -> None:
    values = numpy_helper.from_array(np.ones(5, dtype=np.float32), "S")
    indices = numpy_helper.from_array(np.arange(5, dtype=np.int64), "S_idx")
    sparse = helper.make_sparse_tensor(values, indices, [10, 10])
    graph = helper.make_graph([], "g", [], [], sparse_initializer=[sparse])
    info = _read(_write(tmp_path, helper.make_model(graph)))
    assert info.extra["sparse_initializers"] == 1
    assert (info.tensors, info.parameters) == (1, 5)


def test_onnx_doc_string_longer_than_the_head_still_identifies(tmp_path: Path) -> None:
    model = _model()
    model.doc_string = "A long description.\n" * 500
    path = _write(tmp_path, model)
    assert _sniff(path.read_bytes())
    assert _read(path).extra["doc_string"].startswith("A long description.")


def test_onnx_model_proto_without_graph_is_not_a_model(tmp_path: Path) -> None:
    path = tmp_path / "m.onnx"
    path.write_bytes(b"\x08\x07\x12\x03abc" + b"\x32\x05hello" * 1000)
    assert _sniff(path.read_bytes())
    assert _read(path) is None


def test_file_descriptor_set_pb_is_not_a_model(tmp_path: Path) -> None:
    from google.protobuf import descriptor_pb2

    fds = descriptor_pb2.FileDescriptorSet()
    descriptor_pb2.DESCRIPTOR.CopyToProto(fds.file.add())
    data = fds.SerializeToString()
    assert identify(data[:HEAD_SIZE], len(data), "descriptor.pb") is None


def test_coreml_and_savedmodel_prefixes_are_not_onnx() -> None:
    coreml = b"\x08\x04\x12\x0c\x0a\x0a\x0a\x05input\x1a\x01\x00" + b"\xc2\x1f\x02\x08\x01"
    saved_model = b"\x08\x01\x12\x08\x0a\x06\x0a\x04\x12\x02\x08\x01"
    assert not _sniff(coreml)
    assert not _sniff(saved_model, "saved_model.pb")


@pytest.mark.parametrize("data", [b"", b"\x08", b"\x00" * 64, b"\x08\x07" + bytes(range(256))])
def test_onnx_sniff_rejects_non_protobuf(data: bytes) -> None:
    assert not _sniff(data)


def test_onnx_huge_declared_length_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "m.onnx"
    path.write_bytes(b"\x08\x07\x3a\xff\xff\xff\xff\x0f" + b"\x0a\x00")
    with pytest.raises(CorruptModelError, match="runs past the end of the file"):
        _read(path)


def test_onnx_overlong_varint_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "m.onnx"
    path.write_bytes(b"\x08" + b"\xff" * 11 + b"\x01")
    with pytest.raises(CorruptModelError, match="longer than 10 bytes"):
        _read(path)


def test_onnx_deeply_nested_subgraphs_hit_the_depth_cap(tmp_path: Path) -> None:
    # graph -> node -> attribute -> graph ... 40 times: 120 protobuf levels, no recursion error.
    inner = b""
    for _ in range(40):
        attr = b"\x32" + _len(inner) + inner            # AttributeProto.g (6)
        node = b"\x2a" + _len(attr) + attr              # NodeProto.attribute (5)
        inner = b"\x0a" + _len(node) + node             # GraphProto.node (1)
    path = tmp_path / "m.onnx"
    path.write_bytes(b"\x08\x07\x3a" + _len(inner) + inner)
    with pytest.raises(LimitExceededError, match="nested deeper"):
        _read(path)


def _len(payload: bytes) -> bytes:
    n, out = len(payload), bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def test_onnx_group_wire_type_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "m.onnx"
    path.write_bytes(b"\x08\x07\x3a\x02\x0b\x0c")
    with pytest.raises(CorruptModelError, match="wire type 3"):
        _read(path)


def test_onnx_every_truncation_raises_format_error_or_reads(tmp_path: Path) -> None:
    data = _model(license="MIT").SerializeToString()
    path = tmp_path / "m.onnx"
    corrupt = 0
    for cut in range(len(data)):
        path.write_bytes(data[:cut])
        if _sniff(data[:cut]):
            try:
                _read(path)
            except FormatError:
                corrupt += 1
    assert corrupt > len(data) // 2  # most cuts fall inside the graph, whose length then lies


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.data())
def test_onnx_mutations_raise_only_format_errors(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(_model(license="MIT").SerializeToString())
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "m.onnx"
    path.write_bytes(bytes(raw))
    try:
        _read(path)
    except FormatError:
        pass


ONNX_DATA = Path(onnx.__file__).parent / "backend" / "test" / "data"


def _all_nodes(graph: onnx.GraphProto) -> list[onnx.NodeProto]:
    nodes = list(graph.node)
    for node in graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                nodes += _all_nodes(attr.g)
            for sub in attr.graphs:
                nodes += _all_nodes(sub)
    return nodes


@pytest.mark.skipif(not ONNX_DATA.is_dir(), reason="the onnx package ships no backend test data")
def test_onnx_reader_agrees_with_onnx_load_on_the_onnx_packages_own_models() -> None:
    paths = sorted(ONNX_DATA.glob("**/*.onnx"))
    assert len(paths) > 50
    for path in paths:
        model = onnx.load(path, load_external_data=False)
        info = _read(path)
        nodes = _all_nodes(model.graph) + [n for f in model.functions for n in f.node]
        for training in model.training_info:
            nodes += _all_nodes(training.initialization) + _all_nodes(training.algorithm)
        assert info.extra["ops"] == sorted({n.op_type for n in nodes}), path
        assert info.extra["opset_import"] == [[o.domain, o.version] for o in model.opset_import]
        assert info.extra["ir_version"] == model.ir_version
        assert info.metadata == {p.key: p.value for p in model.metadata_props}
        if model.training_info or model.graph.sparse_initializer:
            continue
        if not any(a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS)
                   for n in model.graph.node for a in n.attribute):
            assert info.parameters == sum(int(np.prod(t.dims)) for t in model.graph.initializer)
            big_constants = info.extra["constant_elements"] >= onnx_format.SMALL_CONSTANTS
            assert info.trained is (bool(model.graph.initializer) or big_constants), path


@pytest.mark.parametrize("array", [np.zeros((2, 3), np.float32), np.arange(7), np.float32(1.5)])
def test_onnx_test_data_tensor_pb_is_not_a_model(array: np.ndarray) -> None:
    # onnx/backend/test/data/*/test_data_set_0/input_0.pb: a TensorProto, not a ModelProto.
    data = numpy_helper.from_array(np.asarray(array), "input_0").SerializeToString()
    assert identify(data[:HEAD_SIZE], len(data), "input_0.pb") is None
