"""dlib shape predictors and DNNs (mllint/formats/dlib.py), and the plain ``.dat`` files that
must not match: the devset's game levels, pickled and zipped arrays, text tables."""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path

import pytest
from builders import (dlib_column, dlib_dnn, dlib_float, dlib_int, dlib_shape_predictor,
                      dlib_str, fmt_of, write)
from builders import read_file as read
from hypothesis import given, settings
from hypothesis import strategies as st

from mllint.formats import dlib
from mllint.formats.base import CorruptModelError, FormatError, LimitExceededError


def test_packed_integers_are_dlibs() -> None:
    # pack_int: 0 is one zero byte; a negative value sets 0x80 in the control byte.
    assert dlib_int(0) == b"\x01\x00" and dlib_int(-136) == b"\x81\x88"
    assert dlib_int(70000) == b"\x03\x70\x11\x01"


def test_shape_predictor_is_read(tmp_path: Path) -> None:
    info = read(write(tmp_path, "shape_predictor_3_landmarks.dat", dlib_shape_predictor()))
    assert info.format == "dlib" and info.dtypes == ("F32",)
    assert info.extra == {"kind": "shape-predictor", "landmarks": 3, "cascades": 2,
                          "trees_per_cascade": 3, "tree_depth": 2}
    # 2 cascades x 3 trees x (4 leaves x 6 rows + 3 splits x 3 values)
    assert info.parameters == 198


def test_dnn_loss_and_input_are_read(tmp_path: Path) -> None:
    info = read(write(tmp_path, "dlib_face_recognition_resnet_model_v1.dat", dlib_dnn()))
    assert info.format == "dlib"
    assert info.extra == {"kind": "dnn", "loss": "loss_metric_2", "input": "input_rgb_image"}


def test_dnn_names_are_cut_at_their_size(tmp_path: Path) -> None:
    # Bytes after a name that could continue it (here letters) are not part of it.
    data = dlib_int(1) + dlib_str("loss_mmod_") + b"zz" + dlib_int(3) + dlib_str("input") + b"abc"
    info = read(write(tmp_path, "m.dat", data + bytes(40)))
    assert info.extra == {"kind": "dnn", "loss": "loss_mmod_", "input": "input"}


def test_dnn_is_found_by_content_under_any_name() -> None:
    assert fmt_of(dlib_dnn("loss_mmod_", "input_rgb_image_pyramid"), "detector") == "dlib"


@pytest.mark.parametrize("data, name", [
    (b"\x80\x02cnumpy.core.multiarray\n_reconstruct\nq\x00" + bytes(200), "ascent.dat"),
    (struct.pack("<i", 18) + b"bump.mod".ljust(12, b"\0") + bytes(300), "castle2.dat"),
    (b"PK\x03\x04" + bytes(100), "ecg.dat"),
    (b"  1.0  2.0\n  3.0  4.0\n", "e1.dat"),
    (b"\x01\x01\x02\x03\x04\x05" * 40, "table.dat"),        # starts like version 1, then junk
    (b"\x01\x01" + dlib_int(-6) + dlib_int(-2) + bytes(100), "m.dat"),  # a 6 x 2 matrix
    (b"\x01\x01" + dlib_int(-5) + dlib_int(-1) + bytes(100), "m.dat"),  # odd rows: no shape
    (b"\x01\x01\x01\x0aloss-mmod-" + bytes(100), "m.dat"),  # not a loss-layer name
    (b"\x01\x01\x01\x0bloss_mmod_" + bytes(100), "m.dat"),  # length disagrees with the name
])
def test_plain_dat_files_are_no_dlib(data: bytes, name: str) -> None:
    assert fmt_of(data, name) != "dlib"


def test_incomplete_tree_is_corrupt(tmp_path: Path) -> None:
    good = dlib_shape_predictor(landmarks=1, depth=2)
    at = len(dlib_int(1) + dlib_column([0.0, 0.125]) + dlib_int(2) + dlib_int(3))
    assert good[at:at + 2] == dlib_int(3)  # the first tree's split count
    with pytest.raises(CorruptModelError, match="not complete"):
        read(write(tmp_path, "sp.dat", good[:at] + dlib_int(2) + good[at + 2:]))


def test_leaves_shaped_unlike_the_mean_shape_are_corrupt(tmp_path: Path) -> None:
    good = dlib_shape_predictor(landmarks=1, depth=1)
    bad = good.replace(dlib_column([0.015625] * 2), dlib_column([0.015625] * 4), 1)
    assert bad != good
    with pytest.raises(CorruptModelError, match="leaves"):
        read(write(tmp_path, "sp.dat", bad))


def test_count_near_two_to_the_64_is_corrupt_not_allocated(tmp_path: Path) -> None:
    data = dlib_int(1) + dlib_column([0.5, 0.25]) + b"\x08" + b"\xff" * 8 + bytes(64)
    with pytest.raises(CorruptModelError, match="cascade count"):
        read(write(tmp_path, "sp.dat", data))


def test_truncated_shape_predictor_is_corrupt(tmp_path: Path) -> None:
    data = dlib_shape_predictor()
    with pytest.raises(CorruptModelError, match="truncated"):
        read(write(tmp_path, "sp.dat", data[:40]))  # inside the first tree
    with pytest.raises(CorruptModelError, match="trees need"):
        read(write(tmp_path, "sp.dat", data[:400]))  # the first tree whole, the rest cut


def test_header_past_the_cap_is_a_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dlib, "HEADER_CAP", 64)
    with pytest.raises(LimitExceededError):
        read(write(tmp_path, "sp.dat", dlib_shape_predictor(landmarks=20)))


def test_control_byte_with_reserved_bits_is_no_float() -> None:
    head = dlib_int(1) + dlib_int(-2) + dlib_int(-1) + b"\x11\x05" + dlib_float(0.5) * 8
    assert fmt_of(head, "m.dat") is None


SAMPLES = {"sp.dat": dlib_shape_predictor(), "net.dat": dlib_dnn(),
           "mmod.dat": dlib_dnn("loss_mmod_", "input_rgb_image_pyramid")}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_prefix_reads_or_fails_typed(tmp_path: Path, name: str) -> None:
    data = SAMPLES[name]
    for cut in range(len(data) + 1):
        path = write(tmp_path, name, data[:cut])
        if dlib.sniff(data[:cut][:4096], cut, name):
            try:
                dlib.read(path, data[:cut][:4096], cut)
            except FormatError:
                pass


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([s[:n] for s in SAMPLES.values() for n in (2, 6, 16, 40)]),
       st.binary(max_size=300))
def test_prefix_then_random_bytes_never_raise_untyped(prefix: bytes, tail: bytes) -> None:
    data = prefix + tail
    with tempfile.TemporaryDirectory() as d:
        path = write(Path(d), "m.dat", data)
        if dlib.sniff(data[:4096], len(data), "m.dat"):
            try:
                dlib.read(path, data[:4096], len(data))
            except FormatError:
                pass


def test_dnn_name_string_helper_matches_dlib() -> None:
    # serialize("loss_mmod_") writes the C string without its NUL, like a std::string.
    assert dlib_str("loss_mmod_") == b"\x01\x0aloss_mmod_"
