"""joblib dumps (raw and compressed) and legacy torch files, built by hand; nothing is loaded."""

from __future__ import annotations

import bz2
import gzip
import lzma
import struct
import zlib
from pathlib import Path

import pytest

import mllint.formats.joblib as jl
from mllint.formats import identify
from mllint.formats import read as read_any
from mllint.formats.base import CorruptModelError, LimitExceededError, ModelInfo

PICKLE = b"\x80\x02csklearn.svm._classes\nSVC\n)\x81}(X\x01\x00\x00\x00CG?\xf0\0\0\0\0\0\0ub."
COMPRESSORS = {
    "zlib": zlib.compress, "gzip": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress,
    "lzma": lambda d: lzma.compress(d, format=lzma.FORMAT_ALONE),
}


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path: Path) -> ModelInfo | None:
    data = path.read_bytes()
    return read_any(path, data[:4096], len(data), path.name)


@pytest.mark.parametrize("codec", sorted(COMPRESSORS))
def test_compressed_joblib_is_walked_as_a_stream(tmp_path: Path, codec: str) -> None:
    info = read(write(tmp_path, "model.pkl", COMPRESSORS[codec](PICKLE)))
    assert info.format == "joblib" and info.extra["compression"] == codec
    assert info.pickle_globals == ["sklearn.svm._classes.SVC"]


@pytest.mark.parametrize("codec", sorted(COMPRESSORS))
def test_compressed_non_pickle_is_no_joblib(codec: str) -> None:
    data = COMPRESSORS[codec](b"plain text, compressed, not a pickle\n" * 20)
    found = identify(data[:4096], len(data), "notes.gz")
    assert found is None or found.id != "joblib"


def test_decompression_bomb_is_a_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jl, "RATIO_FLOOR", 0)
    monkeypatch.setattr(jl, "MAX_RATIO", 20)
    data = b"\x80\x02" + b"B" + struct.pack("<I", 200_000) + bytes(200_000) + b"0N."
    with pytest.raises(LimitExceededError, match="decompresses past") as exc:
        read(write(tmp_path, "bomb.joblib", zlib.compress(data)))
    assert exc.value.partial.format == "joblib"  # type: ignore[attr-defined]


def test_truncated_compressed_stream_is_corrupt(tmp_path: Path) -> None:
    data = gzip.compress(PICKLE[:-1] + b"X" + struct.pack("<I", 50_000) + bytes(50_000) + b"0.")
    with pytest.raises(CorruptModelError):
        read(write(tmp_path, "m.joblib", data[: len(data) // 2]))


# -- legacy torch -------------------------------------------------------------------------------
MAGIC = bytes.fromhex("80028a0a6cfc9c46f9206aa850192e")


def legacy(pickles: int = 5, storage: bytes = b"") -> bytes:
    parts = [MAGIC, b"\x80\x02M\xe9\x03.", b"\x80\x02}.",
             (b"\x80\x02(X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x000"
              b"X\x03\x00\x00\x00cpuK\x01tQ."),
             b"\x80\x02]X\x01\x00\x00\x000a."]
    return b"".join(parts[:pickles]) + storage


def test_legacy_torch_walks_five_pickles_and_stops(tmp_path: Path) -> None:
    # The raw storage after the fifth pickle starts like a pickle: it must not be walked.
    storage = struct.pack("<Q", 2) + b"\x80\x02cposix\nsystem\n."
    info = read(write(tmp_path, "model.pt", legacy(storage=storage)))
    assert info.format == "torch-legacy" and info.extra["pickles"] == 5
    assert info.pickle_globals == ["torch.FloatStorage"]


def test_legacy_torch_with_missing_pickles_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptModelError, match="3 of 5"):
        read(write(tmp_path, "model.pt", legacy(pickles=3)))


def test_legacy_magic_one_byte_off_is_a_plain_pickle() -> None:
    data = MAGIC[:-2] + b"\x51." + b"\x80\x02N."
    found = identify(data, len(data), "model.pt")
    assert found is not None and found.id == "pickle"
