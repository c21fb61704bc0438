"""TensorFlow readers: SavedModel, frozen GraphDef, checkpoint index (hand-encoded protobufs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mllint.formats import FormatError, identify
from mllint.formats import tensorflow as tf
from mllint.formats.base import HEAD_SIZE
from builders import read_file
from builders import (tf_checkpoint, tf_const, tf_graph_def, tf_node, tf_saved_model,
                      tf_variable)
from pb import ld, varint, vi


def _graph_def() -> bytes:
    return tf_graph_def([tf_node("input", "Placeholder"), tf_const("dense/kernel", [64, 32]),
                         tf_node("out", "MatMul", "input", "dense/kernel"),
                         tf_node("py", "PyFunc")], producer=1087)


def _saved_model() -> bytes:
    library = ld(1, ld(1, ld(1, "fn")) + ld(3, ld(1, "r") + ld(2, "ReadFile")))
    return tf_saved_model(tf_graph_def([tf_node("save", "SaveV2"),
                                        tf_node("restore", "RestoreV2")], library=library))


def _read(reader, path: Path):
    data = path.read_bytes()
    return reader(path, data[:HEAD_SIZE], len(data))


def _identify(data: bytes, name: str):
    fmt = identify(data[:HEAD_SIZE], len(data), name)
    return fmt.id if fmt else None


def test_graphdef_frozen_model_reads_ops_consts_and_producer(tmp_path: Path) -> None:
    path = tmp_path / "frozen.pb"
    path.write_bytes(_graph_def())
    assert _identify(path.read_bytes(), path.name) == "tf-graphdef"
    info = _read(tf.read_graphdef, path)
    assert info.extra["ops"] == ["Const", "MatMul", "Placeholder", "PyFunc"]
    assert info.extra["unsafe_ops"] == ["PyFunc"]
    assert (info.tensors, info.parameters, info.dtypes) == (1, 2048, ("DT_FLOAT",))
    assert info.trained is True
    assert info.provenance.producer == ["tensorflow graph producer 1087"]


def test_graphdef_without_weights_is_untrained(tmp_path: Path) -> None:
    path = tmp_path / "graph.pb"
    path.write_bytes(ld(1, tf_node("x", "Placeholder")) + ld(1, tf_const("shape", [2])))
    assert _read(tf.read_graphdef, path).trained is False


def test_protobuf_of_string_pairs_is_not_a_graphdef(tmp_path: Path) -> None:
    # A label map {1 {1 id, 2 name}} walks like NodeDefs {1 name, 2 op}; no op is a source.
    labels = [("n01440764", "tench"), ("n01443537", "goldfish"), ("n01484850", "shark")]
    path = tmp_path / "labels.pb"
    path.write_bytes(b"".join(ld(1, ld(1, key) + ld(2, name)) for key, name in labels))
    assert tf.sniff_graphdef(path.read_bytes(), path.stat().st_size, path.name)
    assert _read(tf.read_graphdef, path) is None
    assert read_file(path) is None


def test_savedmodel_reads_tags_version_and_library_ops(tmp_path: Path) -> None:
    path = tmp_path / "saved_model.pb"
    path.write_bytes(_saved_model())
    assert _identify(path.read_bytes(), path.name) == "tf-savedmodel"
    info = _read(tf.read_savedmodel, path)
    assert info.extra["tags"] == ["serve"]
    assert info.provenance.producer == ["tensorflow 2.15.0"]
    assert info.extra["ops"] == ["ReadFile", "RestoreV2", "SaveV2"]
    assert info.extra["unsafe_ops"] == ["ReadFile"]


def test_checkpoint_index_counts_variables_and_lists_data_shards(tmp_path: Path) -> None:
    header = vi(1, 2) + ld(3, vi(1, 1))
    path = tmp_path / "variables.index"
    path.write_bytes(tf_checkpoint([(b"", header), (b"dense/bias", tf_variable([32])),
                                    (b"dense/kernel", tf_variable([64, 32]))]))
    assert _identify(path.read_bytes(), path.name) == "tf-checkpoint"
    info = _read(tf.read_checkpoint, path)
    assert (info.tensors, info.parameters, info.dtypes) == (2, 2080, ("DT_FLOAT",))
    assert info.parts == ("variables.data-00000-of-00002", "variables.data-00001-of-00002")


def _saved_model_dir(root: Path, shards: int = 2) -> Path:
    """``root/saved_model.pb`` with a variables checkpoint of ``shards`` data files."""
    (root / "variables").mkdir(parents=True)
    (root / "saved_model.pb").write_bytes(_saved_model())
    header = vi(1, shards) + ld(3, vi(1, 1))
    (root / "variables" / "variables.index").write_bytes(tf_checkpoint(
        [(b"", header), (b"dense/kernel", tf_variable([64, 32]))]))
    return root / "saved_model.pb"


def test_savedmodel_reads_its_variables_and_owns_their_files(tmp_path: Path) -> None:
    info = _read(tf.read_savedmodel, _saved_model_dir(tmp_path / "sm"))
    assert (info.tensors, info.parameters, info.dtypes) == (1, 2048, ("DT_FLOAT",))
    assert info.parts == ("variables/variables.index",
                          "variables/variables.data-00000-of-00002",
                          "variables/variables.data-00001-of-00002")
    assert info.extra["variables"]["num_shards"] == 2 and info.members == []


def test_variables_index_of_a_savedmodel_is_no_model_of_its_own(tmp_path: Path) -> None:
    """Reported at saved_model.pb; alone, or beside a saved_model.pb that is none, it is a
    checkpoint."""
    _saved_model_dir(tmp_path / "sm")
    index = tmp_path / "sm" / "variables" / "variables.index"
    assert _identify(index.read_bytes(), index.name) == "tf-checkpoint"
    assert _read(tf.read_checkpoint, index) is None
    (tmp_path / "sm" / "saved_model.pb").write_bytes(b"not a SavedModel")
    assert _read(tf.read_checkpoint, index).format == "tf-checkpoint"
    (tmp_path / "sm" / "saved_model.pb").unlink()
    (tmp_path / "sm" / "saved_model.pb").symlink_to(tmp_path / "elsewhere.pb")
    (tmp_path / "elsewhere.pb").write_bytes(_saved_model())
    assert _read(tf.read_checkpoint, index).format == "tf-checkpoint"


def test_savedmodel_with_a_broken_variables_index_names_it(tmp_path: Path) -> None:
    model = _saved_model_dir(tmp_path / "sm")
    index = tmp_path / "sm" / "variables" / "variables.index"
    data = bytearray(index.read_bytes())
    data[-48:-8] = (varint(0) + varint(1) + varint(2**30) + varint(10)).ljust(40, b"\0")
    index.write_bytes(bytes(data))
    info = _read(tf.read_savedmodel, model)
    assert [(m.name, m.error.reason) for m in info.members] == [
        ("variables/variables.index", "checkpoint index block lies outside the file")]
    assert info.parts == () and info.extra["ops"]  # the graph's facts stay


def test_savedmodel_without_variables_owns_nothing(tmp_path: Path) -> None:
    path = tmp_path / "saved_model.pb"
    path.write_bytes(_saved_model())
    (tmp_path / "variables").mkdir()
    (tmp_path / "variables" / "variables.index").symlink_to(tmp_path / "nowhere")
    info = _read(tf.read_savedmodel, path)
    assert info.parts == () and info.members == [] and info.tensors == 0


def test_checkpoint_header_without_table_footer_is_not_a_model(tmp_path: Path) -> None:
    path = tmp_path / "x.index"
    path.write_bytes(b"\x00\x00\x06\x08\x01\x1a\x02\x08\x01" + bytes(100))
    assert tf.sniff_checkpoint(path.read_bytes(), 109, path.name)
    assert _read(tf.read_checkpoint, path) is None


def test_checkpoint_block_handle_past_the_file_is_corrupt(tmp_path: Path) -> None:
    data = bytearray(tf_checkpoint([(b"", vi(1, 1)), (b"v", tf_variable([2]))]))
    handles = varint(0) + varint(1) + varint(2**30) + varint(10)
    data[-48:-8] = handles.ljust(40, b"\0")
    path = tmp_path / "variables.index"
    path.write_bytes(bytes(data))
    with pytest.raises(FormatError, match="outside the file"):
        _read(tf.read_checkpoint, path)


@pytest.mark.parametrize("name,data", [
    ("sentencepiece.pb", ld(1, ld(1, "<unk>") + b"\x15\0\0\0\0" + vi(3, 2)) * 3),
    ("net.pb", ld(1, "CaffeNet") + ld(100, ld(1, "conv1") + ld(2, "Convolution"))),
    ("__model__", ld(1, vi(1, 0) + vi(2, -1) + ld(3, ld(1, "x")))),  # PaddlePaddle ProgramDesc
    ("fingerprint.pb", vi(1, 2**63 + 5) + vi(2, 77) + vi(3, 9) + ld(6, vi(1, 1))),
    ("variables.data-00000-of-00001", bytes(range(256)) * 4),
    ("empty.pb", b""),
])
def test_tensorflow_look_alikes_are_not_identified(name: str, data: bytes) -> None:
    assert _identify(data, name) not in ("tf-graphdef", "tf-savedmodel", "tf-checkpoint")


def test_file_descriptor_set_named_graph_pb_is_not_a_model() -> None:
    from google.protobuf import descriptor_pb2

    fds = descriptor_pb2.FileDescriptorSet()
    descriptor_pb2.DESCRIPTOR.CopyToProto(fds.file.add())
    assert _identify(fds.SerializeToString(), "graph.pb") is None


@pytest.mark.parametrize("build,reader,sniffer", [
    (_graph_def, tf.read_graphdef, tf.sniff_graphdef),
    (_saved_model, tf.read_savedmodel, tf.sniff_savedmodel),
])
def test_tensorflow_every_truncation_raises_format_error_or_reads(
        tmp_path: Path, build, reader, sniffer) -> None:
    data = build()
    path = tmp_path / "m.pb"
    corrupt = 0
    for cut in range(1, len(data)):
        path.write_bytes(data[:cut])
        if sniffer(data[:cut], cut, path.name):
            try:
                _read(reader, path)
            except FormatError:
                corrupt += 1
    assert corrupt > len(data) // 2


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.data())
def test_tensorflow_mutations_raise_only_format_errors(tmp_path: Path,
                                                      data: st.DataObject) -> None:
    header = vi(1, 1) + ld(3, vi(1, 1))
    inputs = [_graph_def(), _saved_model(),
              tf_checkpoint([(b"", header), (b"a", tf_variable([3, 3]))])]
    raw = bytearray(data.draw(st.sampled_from(inputs)))
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "m.pb"
    path.write_bytes(bytes(raw))
    for reader in (tf.read_graphdef, tf.read_savedmodel, tf.read_checkpoint):
        try:
            _read(reader, path)
        except FormatError:
            pass


def test_savedmodel_carries_keras_metadata_of_its_directory(tmp_path: Path) -> None:
    lambda_layer = '{"class_name": "Lambda", "config": {"function": ["4wEAAAAA", null, null]}}'
    nodes = ld(1, ld(1, vi(1, 1)) + vi(2, 0) + ld(3, "root") + ld(4, "_tf_keras_network")
               + ld(5, '{"class_name": "Functional"}')) \
        + ld(1, vi(2, 3) + ld(3, "root.layer-1") + ld(4, "_tf_keras_layer") + ld(5, lambda_layer))
    (tmp_path / "keras_metadata.pb").write_bytes(nodes)
    path = tmp_path / "saved_model.pb"
    path.write_bytes(_saved_model())
    assert _read(tf.read_savedmodel, path).extra["keras_metadata"] == [
        ["root", "_tf_keras_network", '{"class_name": "Functional"}'],
        ["root.layer-1", "_tf_keras_layer", lambda_layer]]
    assert _identify(nodes, "keras_metadata.pb") is None


def test_savedmodel_ignores_a_symlinked_keras_metadata(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.pb").write_bytes(ld(1, ld(4, "_tf_keras_layer")))
    (tmp_path / "keras_metadata.pb").symlink_to(tmp_path / "elsewhere.pb")
    path = tmp_path / "saved_model.pb"
    path.write_bytes(_saved_model())
    assert "keras_metadata" not in _read(tf.read_savedmodel, path).extra
