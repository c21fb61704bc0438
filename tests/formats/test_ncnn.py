"""ncnn reader: text and binary .param files, look-alikes, truncated layer lists."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from builders import NCNN_PARAM, ncnn_param_bin

from mllint.formats import CorruptModelError, identify
from mllint.formats import ncnn
from mllint.formats.base import HEAD_SIZE

PARAM = NCNN_PARAM


def _read(path: Path):
    data = path.read_bytes()
    return ncnn.read(path, data[:HEAD_SIZE], len(data))


def test_ncnn_text_param_reads_counts_and_layer_types(tmp_path: Path) -> None:
    path = tmp_path / "squeezenet.param"
    path.write_bytes(PARAM)
    assert identify(PARAM, len(PARAM), path.name).id == "ncnn"
    info = _read(path)
    assert info.extra == {"layers": 3, "blobs": 3, "binary": False,
                          "layer_types": ["Convolution", "Input", "ReLU"]}
    assert info.parts == ("squeezenet.bin",)


def test_ncnn_binary_param_reads_counts(tmp_path: Path) -> None:
    path = tmp_path / "m.param.bin"
    path.write_bytes(ncnn_param_bin())
    assert ncnn.sniff(path.read_bytes(), path.stat().st_size, path.name)
    info = _read(path)
    assert info.extra == {"layers": 3, "blobs": 4, "binary": True}
    assert info.parts == ("m.bin",)


def test_ncnn_param_with_fewer_layers_than_declared_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "m.param"
    path.write_bytes(PARAM.replace(b"3 3", b"9 3"))
    with pytest.raises(CorruptModelError, match="declares 9 layers but has 3"):
        _read(path)


@pytest.mark.parametrize("data", [
    b"7767517 is a number\n", b"77675170\n1 1\n", b"# hmmer params\n7767517\n",
    struct.pack("<iii", 7767517, 0, 0), b"",
])
def test_ncnn_look_alikes_are_not_identified(data: bytes) -> None:
    assert not ncnn.sniff(data[:HEAD_SIZE], len(data), "x.param")
