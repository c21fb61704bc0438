"""The shared model inventory (mllint/inventory.py)."""

from __future__ import annotations

from pathlib import Path

from mllint.formats import ModelInfo
from mllint.index import Index
from mllint.inventory import is_model, is_test_fixture


def test_arrays_are_models_only_when_named_so(tmp_path: Path) -> None:
    for name in ("weights.npy", "table.npy", "tests/m.onnx", "m.onnx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"\0")
    index = Index(tmp_path, "t")
    assert is_model(index.lookup("weights.npy"), ModelInfo("npy"))
    assert not is_model(index.lookup("table.npy"), ModelInfo("npy"))
    assert not is_model(index.lookup("m.onnx"), ModelInfo("git-lfs-pointer"))
    assert is_test_fixture(index.lookup("tests/m.onnx"), ModelInfo("onnx"))
    assert not is_test_fixture(index.lookup("m.onnx"), ModelInfo("onnx"))


def test_test_case_and_test_data_directories_hold_fixtures(tmp_path: Path) -> None:
    """libonnx-testdata: ONNX's backend cases, small graphs with random initializers."""
    names = ("usr/share/libonnx-testdata/data/pytorch-converted/test_Conv2d/model.onnx",
             "data/test_relu/model.onnx", "onnx-tests/m.onnx", "share/latest/m.onnx",
             "contest/m.onnx", "pytest/m.onnx")
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"\0" * 700)
    index = Index(tmp_path, "t")
    assert [is_test_fixture(index.lookup(n), ModelInfo("onnx")) for n in names] == \
        [True, True, True, False, False, False]


def test_savedmodel_variables_are_part_of_the_savedmodel(tmp_path: Path) -> None:
    """saved_model.pb + variables/variables.index is one model; a checkpoint elsewhere, or a
    variables/ directory without a SavedModel graph beside it, is a model of its own."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "formats"))
    from builders import tf_checkpoint, tf_graph_def, tf_node, tf_saved_model, tf_variable

    index_bytes = tf_checkpoint([(b"", b"\x08\x01"), (b"w", tf_variable([4, 4]))])
    for name in ("export/variables/variables.index", "variables/variables.index",
                 "ckpt/variables/variables.index", "myvariables/variables.index"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(index_bytes)
    graph = tf_saved_model(tf_graph_def([tf_node("x", "Placeholder")]))
    for name in ("export/saved_model.pb", "saved_model.pb", "my/saved_model.pb"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(graph)
    (tmp_path / "ckpt" / "saved_model.pb").write_bytes(b"not a graph")
    index = Index(tmp_path, "t")
    assert index.lookup("export/saved_model.pb").model.format == "tf-savedmodel"
    found = {n: is_model(index.lookup(n), index.lookup(n).model)
             for n in ("export/variables/variables.index", "variables/variables.index",
                       "ckpt/variables/variables.index", "myvariables/variables.index")}
    assert found == {"export/variables/variables.index": False,
                     "variables/variables.index": False,
                     "ckpt/variables/variables.index": True,
                     "myvariables/variables.index": True}
