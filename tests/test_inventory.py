"""The shared model inventory (mllint/inventory.py)."""

from __future__ import annotations

from pathlib import Path

from mllint.formats import ModelInfo
from mllint.index import Index
from mllint.inventory import (
    FIXTURE_MAX_PARAMETERS,
    FIXTURE_MAX_SIZE,
    MAX_PARTS,
    is_model,
    is_test_fixture,
    model_size,
    parts_of,
)


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


def _tree(root: Path, files: dict[str, int]) -> Index:
    """Files of the given sizes in bytes (sparse: nothing is written)."""
    for name, size in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            f.truncate(size)
    return Index(root, "t")


def test_model_size_adds_the_parts_found_in_the_tree(tmp_path: Path) -> None:
    index = _tree(tmp_path / "t", {"m/saved_model.pb": 100, "m/variables/variables.index": 20,
                                   "m/variables/variables.data-00000-of-00001": 5 << 30})
    item = index.lookup("m/saved_model.pb")
    model = ModelInfo("tf-savedmodel", parts=(
        "variables/variables.index", "variables/variables.data-00000-of-00001",
        "./variables/variables.index",  # the same file twice counts once
        "variables/variables.data-00000-of-00002"))  # absent: not counted
    assert [p.name for p in parts_of(item, model)] == [
        "m/variables/variables.index", "m/variables/variables.data-00000-of-00001"]
    assert model_size(item, model) == 100 + 20 + (5 << 30)
    assert model_size(item, ModelInfo("tf-savedmodel")) == 100


def test_model_size_never_leaves_the_tree_nor_follows_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "big.bin").write_bytes(b"\0" * 5000)
    root = tmp_path / "t"
    index_files = {"a/m.onnx": 10, "a/w.bin": 7, "top.bin": 3}
    _tree(root, index_files)
    (root / "a" / "link.bin").symlink_to(outside / "big.bin")
    (root / "a" / "dir").symlink_to(outside)
    index = Index(root, "t")
    item = index.lookup("a/m.onnx")
    hostile = ("../../outside/big.bin", str(outside / "big.bin"), "link.bin", "dir/big.bin",
               "m.onnx", "", ".", "../a/w.bin", "../top.bin")
    assert [p.name for p in parts_of(item, ModelInfo("onnx", parts=hostile))] == [
        "a/w.bin", "top.bin"]  # inside the tree, regular files: counted
    assert model_size(item, ModelInfo("onnx", parts=hostile[:7])) == 10


def test_model_size_looks_at_a_bounded_number_of_parts(tmp_path: Path) -> None:
    index = _tree(tmp_path, {"m.onnx": 1, "w.bin": 2})
    item = index.lookup("m.onnx")
    many = ("missing",) * MAX_PARTS + ("w.bin",)
    assert model_size(item, ModelInfo("onnx", parts=many)) == 1
    assert model_size(item, ModelInfo("onnx", parts=many[1:])) == 3


def test_a_small_graph_with_big_weights_under_tests_is_no_fixture(tmp_path: Path) -> None:
    index = _tree(tmp_path, {"tests/m.onnx": 700, "tests/m.onnx.data": FIXTURE_MAX_SIZE})
    item = index.lookup("tests/m.onnx")
    assert is_test_fixture(item, ModelInfo("onnx"))
    assert not is_test_fixture(item, ModelInfo("onnx", parts=("m.onnx.data",)))


def test_pickled_pandas_tables_are_data(tmp_path: Path) -> None:
    """pandas' tests/io/data/pickle/test_py27.pkl: a DataFrame is a table, whatever its suffix."""
    for name in ("test_py27.pkl", "model_weights.pkl", "sarimax.pkl"):
        (tmp_path / name).write_bytes(b"\0")
    index = Index(tmp_path, "t")
    frame = ["pandas.core.frame.DataFrame", "pandas.core.internals.managers.BlockManager",
             "pandas.core.indexes.base._new_Index", "numpy.core.multiarray._reconstruct"]
    assert not is_model(index.lookup("test_py27.pkl"), ModelInfo("pickle", pickle_globals=frame))
    assert is_model(index.lookup("model_weights.pkl"), ModelInfo("pickle", pickle_globals=frame))
    fitted = frame + ["statsmodels.tsa.statespace.sarimax.SARIMAXResultsWrapper"]
    assert is_model(index.lookup("sarimax.pkl"), ModelInfo("pickle", pickle_globals=fitted))


def test_few_parameters_in_a_big_graph_under_tests_is_a_fixture(tmp_path: Path) -> None:
    """onnx's backend/test/data/light/*.onnx: 200 KiB of graph, 2,000 parameters."""
    for name in ("test/data/light/light_densenet121.onnx", "models/densenet121.onnx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"\0" * 200_000)
    index = Index(tmp_path, "t")
    light = ModelInfo("onnx", parameters=1967)
    assert is_test_fixture(index.lookup("test/data/light/light_densenet121.onnx"), light)
    assert not is_test_fixture(index.lookup("test/data/light/light_densenet121.onnx"),
                               ModelInfo("onnx", parameters=8_000_000))
    assert not is_test_fixture(index.lookup("models/densenet121.onnx"), light)


def _read_pickles(root: Path, pickles: dict[str, bytes]) -> tuple[Index, dict[str, ModelInfo]]:
    """Write ``{name: pickle}`` under ``root`` and read each with the pickle reader."""
    from mllint.formats import pickle as reader

    infos = {}
    for name, data in pickles.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        info = reader.read(path, data[:4096], len(data))
        assert info is not None and info.format == "pickle"
        infos[name] = info
    return Index(root, "t"), infos


def test_pickles_of_plain_data_are_data_whatever_their_name(tmp_path: Path) -> None:
    """A newcomer trial: pickle.dumps('hello') as str.pickle and a dict of lists as cities.pkl
    were models, the same bytes as hello.dat were not (model-formats.md §5: by content)."""
    import pickle

    import numpy as np  # pickled here, never unpickled

    cities = {"name": ["Paris", "Rome"], "population": [2_102_650, 2_748_109],
              "lat": [48.857, 41.893], "lon": [2.352, 12.483]}
    lexicon = {chr(0x4E00 + i): (("B", "n"), ("S", "v")) for i in range(300)}
    pickles = {"data/str.pickle": pickle.dumps("hello"), "data/hello.dat": pickle.dumps("hello"),
               "data/cities.pkl": pickle.dumps(cities), "cities.p": pickle.dumps(cities, 0),
               "model.pkl": pickle.dumps({"name": "m", "layers": [3, 2], "dropout": 0.5}),
               "posseg/char_state_tab.p": pickle.dumps(lexicon, 0),  # jieba: strings only
               "image.pkl": pickle.dumps(np.zeros((64, 64), np.uint8), 2),
               "spectrum.pkl": pickle.dumps(np.linspace(0, 1, 100), 4)}
    index, infos = _read_pickles(tmp_path, pickles)
    assert [name for name, info in infos.items() if is_model(index.lookup(name), info)] == []


def test_pickled_tables_of_floats_and_weight_arrays_are_models(tmp_path: Path) -> None:
    """jieba's HMM tables (dicts of log-probabilities, no imports), a float array with more
    elements than a fixture's parameters, and a small array named as weights."""
    import pickle

    import numpy as np

    start = {"B": -0.26, "E": -3.14e100, "M": -3.14e100, "S": -1.47}  # finalseg/prob_start.p
    emit = {s: {chr(0x4E00 + i): -i / 9 for i in range(500)} for s in "BEMS"}
    big = np.zeros(FIXTURE_MAX_PARAMETERS + 1, np.float16)
    pickles = {"finalseg/prob_start.p": pickle.dumps(start, 0), "prob_emit.dat":
               pickle.dumps(emit, 0), "emit.pkl": pickle.dumps(emit, 4),
               "vectors.bin": pickle.dumps(big, 4), "weights.pkl": pickle.dumps(np.ones(3), 2)}
    index, infos = _read_pickles(tmp_path, pickles)
    assert [name for name, info in infos.items() if not is_model(index.lookup(name), info)] == []
    # one float short, a third of the literals short, one element short: data
    few = {"B": -0.26, "E": -3.1, "M": -3.1}
    diluted = {**start, **{f"label{i}": f"text{i}" for i in range(5)}}
    small = np.zeros(FIXTURE_MAX_PARAMETERS, np.float16)
    index, infos = _read_pickles(tmp_path / "data", {
        "few.p": pickle.dumps(few, 0), "diluted.p": pickle.dumps(diluted, 0),
        "vectors.bin": pickle.dumps(small, 4), "ones.pkl": pickle.dumps(np.ones(3), 2)})
    assert [name for name, info in infos.items() if is_model(index.lookup(name), info)] == []


def test_pickles_importing_more_than_data_stay_models(tmp_path: Path) -> None:
    """Estimators and torch state dicts are models by their globals, whatever they hold."""
    (tmp_path / "clf.dat").write_bytes(b"\0")
    index = Index(tmp_path, "t")
    item = index.lookup("clf.dat")
    sklearn = ["sklearn.linear_model._logistic.LogisticRegression", "numpy.dtype"]
    state_dict = ["collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
                  "torch.FloatStorage"]
    assert is_model(item, ModelInfo("pickle", pickle_globals=sklearn))
    assert is_model(item, ModelInfo("pickle", pickle_globals=state_dict))
    assert not is_model(item, ModelInfo("pickle", pickle_globals=["collections.OrderedDict"]))


def test_a_zip_counts_only_through_a_member_that_counts(tmp_path: Path) -> None:
    """A zip of a pickled dict of city names is data, as the pickle alone is (newcomer trial;
    model-formats.md §5: content, not suffix); beside a table of learned floats it is a model."""
    import pickle
    import zipfile

    from mllint.inventory import models

    cities = pickle.dumps({"fr": ["Paris", "Lyon"], "de": ["Berlin"]}, protocol=4)
    weights = pickle.dumps({f"w{i}": i / 7 for i in range(64)}, protocol=4)
    with zipfile.ZipFile(tmp_path / "data.zip", "w") as z:
        z.writestr("cities.pkl", cities)
    with zipfile.ZipFile(tmp_path / "both.zip", "w") as z:
        z.writestr("cities.pkl", cities)
        z.writestr("weights.pkl", weights)
    index = Index(tmp_path, "t")
    assert index.lookup("data.zip").model is not None  # read: a zip with a pickle member
    assert [item.name for item, _ in models(index)] == ["both.zip"]
