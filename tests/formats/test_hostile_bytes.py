"""Truncated and mutated copies of valid files: readers return or raise FormatError, nothing else.

Readers are called directly (not through ``formats.read``, which would turn a reader bug into a
CorruptModelError and hide it).
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import h5py
import numpy as np
import pytest
from builders import (armnn_graph, dlib_dnn, dlib_shape_predictor, sendump, small_gguf,
                      stack_global_pickle, torch_zip)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safetensors.numpy import save as st_save

from mllint import formats
from mllint.formats.base import FormatError


def _keras_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.15.1"}))
        z.writestr("config.json", json.dumps({"class_name": "Sequential", "config": {}}))
        z.writestr("extra.pkl", stack_global_pickle("posix", "system", "x"))
    return buf.getvalue()


def _npz() -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, a=np.arange(10, dtype="f4"), o=np.array([1, "x"], dtype=object))
    return buf.getvalue()


def _npy() -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.arange(12, dtype="<i4").reshape(3, 4))
    return buf.getvalue()


def _h5() -> bytes:
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential"})
        f.create_dataset("w", data=np.zeros(4, "f4"))
    return buf.getvalue()


def _torch(tmp: Path) -> bytes:
    return torch_zip(tmp / "t.pt").read_bytes()


SAMPLES = {
    "safetensors": lambda tmp: st_save({"w": np.zeros((2, 2), "f4")}, {"license": "mit"}),
    "gguf": lambda tmp: small_gguf(),
    "ggml": lambda tmp: struct.pack("<II7i", 0x67676A74, 3, 1, 2, 3, 4, 5, 6, 7) + b"\0" * 8,
    "npy": lambda tmp: _npy(),
    "npz": lambda tmp: _npz(),
    "keras": lambda tmp: _keras_zip(),
    "torch-zip": _torch,
    "hdf5-keras": lambda tmp: _h5(),
    "dlib": lambda tmp: dlib_shape_predictor(),
    "dlib-dnn": lambda tmp: dlib_dnn(),
    "sendump": lambda tmp: sendump(),
    "armnn": lambda tmp: armnn_graph(),
}


def run_reader(path: Path, data: bytes) -> None:
    fmt = formats.identify(data[:4096], len(data), path.name)
    if fmt is None:
        return
    try:
        fmt.read(path, data[:4096], len(data))
    except FormatError:
        pass


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_truncation_is_handled(tmp_path: Path, kind: str) -> None:
    data = SAMPLES[kind](tmp_path)
    path = tmp_path / "cut"
    step = max(1, len(data) // 400)  # the HDF5 sample is a few KB
    for n in range(0, len(data), step):
        path.write_bytes(data[:n])
        run_reader(path, data[:n])


@pytest.mark.parametrize("kind", sorted(SAMPLES))
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                      min_size=1, max_size=6),
       cut=st.floats(0.5, 1))
def test_mutations_are_handled(tmp_path: Path, kind: str, edits, cut: float) -> None:
    data = bytearray(SAMPLES[kind](tmp_path))
    for where, value in edits:
        data[int(where * len(data))] = value
    data = bytes(data[: max(1, int(cut * len(data)))])
    path = tmp_path / "mutant"
    path.write_bytes(data)
    run_reader(path, data)


# Heads the sniffers meet in real trees: random data that happens to start like a format, then
# lengths near 2**64 (a sniffer once seeked to one and raised OverflowError).
PREFIXES = [b"", b"\x80\x02", b"\x80\x04\x8d", b"\x80\x04\x8e", b"(", b"GGUF", b"lmgg", b"tjgg",
            b"\x93NUMPY", b"PK\x03\x04", b"\x89HDF\r\n\x1a\n", b"\x08\x07\x12", b"TFL3",
            b"\x1f\x8b", b"<?xml", b"version ", b"\\data\\", b"\x04\x22\x4d\x18\x60\x40",
            b"\x01\x01", b"\x01\x01\x01\x0aloss_mmod_", b"\x01\x01\x81\x88\x81\x01",
            b"\x04\x00\x00\x00", b"\x1e\x00\x00\x00BEGIN FILE FORMAT DESCRIPTION\x00"]


@settings(max_examples=400, deadline=None)
@given(prefix=st.sampled_from(PREFIXES), huge=st.booleans(), rest=st.binary(max_size=200),
       extra=st.integers(0, 1 << 40))
def test_no_sniffer_raises_on_random_heads(prefix: bytes, huge: bool, rest: bytes,
                                           extra: int) -> None:
    head = prefix + (b"\xff" * 8 if huge else b"") + rest
    for fmt in formats.all_formats():
        assert fmt.sniff(head, len(head), "f.bin") in (True, False), fmt.name
        assert fmt.sniff(head, len(head) + extra, "f.bin") in (True, False), fmt.name


# Text heads that make a backtracking pattern explode: python3-biopython's JATS DTDs and entity
# files are 57 XML comments in a row with no element after them, and OpenVINO's sniffer once
# tried 2**57 ways to split them (one package ran for hours). 24 comments took 3 s then.
COMMENT_HEADS = [
    b'<?xml version="1.0" encoding="UTF-8"?>\n' + b"<!-- ==== part ==== -->\n" * 24
    + b"<!ENTITY % x 'y'>\n",
    b"<!-- a -->" * 24 + b"<!-- unclosed",
    b"%YAML:1.0\n" + b"# comment\n" * 400,
]


@pytest.mark.parametrize("head", COMMENT_HEADS)
def test_sniffers_are_linear_on_comment_runs(head: bytes) -> None:
    import time

    for fmt in formats.all_formats():
        start = time.process_time()
        fmt.sniff(head, len(head) + 10_000, "JATS-common1-3.ent")
        assert time.process_time() - start < 0.5, fmt.id
