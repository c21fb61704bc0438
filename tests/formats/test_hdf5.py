from __future__ import annotations

import io
import json
import multiprocessing
import sys
import zipfile
from pathlib import Path

import h5py
import numpy as np
import pytest
from builders import head_of

from mllint import formats
from mllint.formats import hdf5 as reader
from mllint.formats.base import CorruptModelError, LimitExceededError

CONFIG = {"class_name": "Sequential", "config": {"layers": [
    {"class_name": "Dense", "config": {"units": 2}}]}}
TRAINING = {"loss": "mse", "optimizer_config": {"class_name": "Adam", "config": {}}}


def read(path: Path):
    head, size = head_of(path)
    return formats.read(path, head, size, path.name)


def keras2(path: Path, userblock: int = 0) -> Path:
    with h5py.File(path, "w", userblock_size=userblock) as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(CONFIG)
        f.attrs["training_config"] = json.dumps(TRAINING)
        w = f.create_group("model_weights").create_group("dense")
        w.create_dataset("kernel", (3, 2), "f4")
        w.create_dataset("bias", (2,), "f4")
    return path


def test_keras2_full_model_attributes_and_counts(tmp_path: Path) -> None:
    info = read(keras2(tmp_path / "m.h5"))
    assert info.format == "hdf5-keras"
    assert info.extra["keras_version"] == "2.15.0" and info.extra["backend"] == "tensorflow"
    assert info.extra["model_config"] == CONFIG
    assert info.extra["class_names"] == ["Sequential", "Dense"]
    assert info.extra["optimizer"] == "Adam"
    assert (info.tensors, info.parameters) == (2, 8)
    assert info.provenance.producer == ["keras 2.15.0"]


def test_signature_after_a_user_block_is_found(tmp_path: Path) -> None:
    path = keras2(tmp_path / "u.h5", userblock=1024)
    assert path.read_bytes()[:8] != reader.SIGNATURE
    assert read(path).format == "hdf5-keras"


def test_keras3_weights_file_is_a_model(tmp_path: Path) -> None:
    path = tmp_path / "m.weights.h5"
    with h5py.File(path, "w") as f:
        f.create_group("layers").create_group("dense").create_group("vars").create_dataset(
            "0", (4, 4), "f4")
        f.create_group("vars")
    info = read(path)
    assert info.extra["keras3_weights"] is True and info.parameters == 16


def test_netcdf4_and_science_hdf5_are_not_models(tmp_path: Path) -> None:
    path = tmp_path / "obs.nc"
    with h5py.File(path, "w") as f:
        f.attrs["_NCProperties"] = "version=2,netcdf=4.9.0,hdf5=1.14.0"
        f.attrs["Conventions"] = "CF-1.8"
        f.create_dataset("temperature", data=np.zeros((10, 10), "f4"))
        f.create_group("layers")  # one Keras-looking group alone is not enough
    assert read(path) is None


def test_external_and_soft_links_are_not_followed(tmp_path: Path) -> None:
    other = tmp_path / "big.h5"
    with h5py.File(other, "w") as f:
        f.create_dataset("huge", (1000, 1000), "f4")
    path = keras2(tmp_path / "m.h5")
    with h5py.File(path, "a") as f:
        f["elsewhere"] = h5py.ExternalLink(str(other), "/huge")
        f["alias"] = h5py.SoftLink("/model_weights/dense/kernel")
    other.unlink()  # following the link would now fail loudly
    assert read(path).parameters == 8


def test_bad_model_config_json_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "j.h5"
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.1"
        f.attrs["model_config"] = "{not json"
    with pytest.raises(CorruptModelError, match="model_config attribute is not JSON"):
        read(path)


def test_truncated_hdf5_is_corrupt_not_a_traceback(tmp_path: Path) -> None:
    data = keras2(tmp_path / "m.h5").read_bytes()
    path = tmp_path / "t.h5"
    for n in range(8, len(data), max(1, len(data) // 40)):
        path.write_bytes(data[:n])
        try:
            read(path)
        except formats.FormatError:
            pass


def test_without_h5py_keras_attribute_names_are_cheap_evidence(tmp_path: Path,
                                                               monkeypatch) -> None:
    model = keras2(tmp_path / "m.h5")
    science = tmp_path / "s.h5"
    with h5py.File(science, "w") as f:
        f.create_dataset("x", data=np.zeros(3))
    monkeypatch.setitem(sys.modules, "h5py", None)  # import h5py now raises ImportError
    info = read(model)
    assert info.format == "hdf5-keras" and info.extra["inspected"] is False
    assert read(science) is None


def test_a_file_that_hangs_libhdf5_is_cut_off(tmp_path: Path, monkeypatch) -> None:
    # Found by fuzzing: shrinking the global heap's free-space object makes reading the
    # variable-length keras_version attribute loop forever inside libhdf5.
    config = json.dumps({"class_name": "Sequential"}).encode()
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["model_config"] = config.decode()
        f.create_dataset("w", data=np.zeros(4, "f4"))
    data = bytearray(buf.getvalue())
    free_size = data.index(config) + -(-len(config) // 8) * 8 + 8
    if data[free_size:free_size + 2] != b"\xa8\x0f":
        pytest.skip("this libhdf5 lays the global heap out differently")
    data[free_size + 1] = 7
    path = tmp_path / "hang.h5"
    path.write_bytes(bytes(data))
    monkeypatch.setattr(reader, "TIMEOUT", 3.0)
    with pytest.raises(LimitExceededError, match="did not finish within 3 s"):
        read(path)


def test_h5_member_of_a_zip_is_read_through_a_file_object(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(keras2(tmp_path / "m.h5"), "models/m.h5")
    info = read(path)
    assert [(m.name, m.model.format, m.model.parameters) for m in info.members] == [
        ("models/m.h5", "hdf5-keras", 8)]


def _read_in_daemon(path: Path, out) -> None:
    info = read(path)
    out.put((info.format, info.parameters))


def test_hdf5_reads_inside_a_daemonic_pool_worker(tmp_path: Path) -> None:
    # the CLI scans inputs in daemonic fork-pool workers, which may not start Process children
    path = keras2(tmp_path / "m.h5")
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    worker = ctx.Process(target=_read_in_daemon, args=(path, out), daemon=True)
    worker.start()
    assert out.get(timeout=60) == ("hdf5-keras", 8)
    worker.join()
