from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from builders import head_of

from mllint import formats
from mllint.formats import numpy as reader
from mllint.formats.base import CorruptModelError, LimitExceededError


def read(path: Path):
    head, size = head_of(path)
    return formats.read(path, head, size, path.name)


def npy_v1(header: str, payload: bytes = b"") -> bytes:
    raw = header.encode("latin-1")
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(raw)) + raw + payload


def test_npy_shape_dtype_and_unknown_trainedness(tmp_path: Path) -> None:
    path = tmp_path / "a.npy"
    np.save(path, np.zeros((3, 4), "<f4"))
    info = read(path)
    assert (info.format, info.tensors, info.parameters, info.dtypes) == ("npy", 1, 12, ("<f4",))
    assert info.trained is None  # data unless context says model
    assert "object_dtype" not in info.extra


@pytest.mark.parametrize("version", [(2, 0), (3, 0)])
def test_npy_v2_v3_headers(tmp_path: Path, version: tuple[int, int]) -> None:
    path = tmp_path / "b.npy"
    with path.open("wb") as f:
        np.lib.format.write_array(f, np.arange(5, dtype="<i8"), version=version)
    assert read(path).parameters == 5


def test_npy_object_array_walks_its_pickle(tmp_path: Path) -> None:
    path = tmp_path / "o.npy"
    np.save(path, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    info = read(path)
    assert info.extra["object_dtype"] is True
    assert any(g.endswith("_reconstruct") for g in info.pickle_globals)


def test_npy_field_named_output_is_not_an_object_dtype(tmp_path: Path) -> None:
    path = tmp_path / "s.npy"
    np.save(path, np.zeros(2, dtype=[("Output", "<f4"), ("Other", "<i2", (3,))]))
    info = read(path)
    assert "object_dtype" not in info.extra and info.parameters == 2


def test_npy_object_field_inside_structured_dtype_is_found(tmp_path: Path) -> None:
    path = tmp_path / "so.npy"
    np.save(path, np.zeros(1, dtype=[("x", "<f4"), ("o", "O")]), allow_pickle=True)
    assert read(path).extra["object_dtype"] is True


def test_npy_header_length_2_32_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "h.npy"
    path.write_bytes(b"\x93NUMPY\x02\x00" + struct.pack("<I", 2**32 - 1) + b"{}")
    with pytest.raises(LimitExceededError, match="header length 4294967295"):
        reader.read(path, path.read_bytes(), path.stat().st_size)


@pytest.mark.parametrize("header, reason", [
    ("__import__('os')", "not a Python literal"),
    ("{'descr': '<f4', 'shape': (2,)}", "descr, fortran_order, shape"),
    ("{'descr': 'zz', 'fortran_order': False, 'shape': (2,)}", "not a type code"),
    ("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", "non-negative"),
    ("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", "fortran_order"),
    ("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000,)}", "shorter than shape"),
])
def test_npy_bad_headers_are_corrupt(tmp_path: Path, header: str, reason: str) -> None:
    path = tmp_path / "bad.npy"
    path.write_bytes(npy_v1(header))
    with pytest.raises(CorruptModelError, match=reason):
        reader.read(path, path.read_bytes(), path.stat().st_size)


def test_npy_unknown_version_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "v.npy"
    path.write_bytes(b"\x93NUMPY\x09\x00" + b"\0" * 16)
    with pytest.raises(CorruptModelError, match="version 9.0"):
        reader.read(path, path.read_bytes(), path.stat().st_size)


def test_npy_truncated_at_every_prefix(tmp_path: Path) -> None:
    full = tmp_path / "full.npy"
    np.save(full, np.arange(6, dtype="<f8"))
    data = full.read_bytes()
    path = tmp_path / "t.npy"
    for n in range(len(data)):
        path.write_bytes(data[:n])
        if n < 10:
            assert formats.identify(data[:n], n, "t.npy") is None
            continue
        with pytest.raises(formats.FormatError):
            read(path)


def test_python2_long_integers_in_the_shape(tmp_path: Path) -> None:
    # numpy's own test data (win64python2.npy) has shapes written by Python 2: (2L,)
    path = tmp_path / "py2.npy"
    path.write_bytes(npy_v1("{'descr': '<i8', 'fortran_order': False, 'shape': (2L, 3L), }",
                            bytes(48)))
    info = read(path)
    assert info.format == "npy" and info.parameters == 6
