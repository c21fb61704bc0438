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
