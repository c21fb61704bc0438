"""Caffe reader: hand-encoded NetParameter files, V1 layers, look-alikes, truncation."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from mllint.formats import FormatError, identify
from mllint.formats import caffe
from mllint.formats.base import HEAD_SIZE
from builders import caffe_layer, caffe_net
from pb import f32, ld, vi


def _net() -> bytes:
    return caffe_net("CaffeNet", [caffe_layer("conv1", "Convolution", "data", "conv1", (27, 3)),
                                  caffe_layer("relu1", "ReLU")])


def _read(path: Path):
    data = path.read_bytes()
    return caffe.read(path, data[:HEAD_SIZE], len(data))


def test_caffe_reads_layers_types_and_blob_sizes(tmp_path: Path) -> None:
    path = tmp_path / "net.caffemodel"
    path.write_bytes(_net())
    assert identify(path.read_bytes()[:HEAD_SIZE], path.stat().st_size, path.name).id == "caffe"
    info = _read(path)
    assert info.extra == {"name": "CaffeNet", "layers": 2, "layer_types": ["Convolution", "ReLU"]}
    assert (info.tensors, info.parameters, info.trained) == (2, 30, True)


def test_caffe_v1_layers_with_unpacked_floats(tmp_path: Path) -> None:
    blob = vi(1, 1) + f32(5, struct.pack("<f", 1.0)) + f32(5, struct.pack("<f", 2.0))
    layer = ld(2, "data") + ld(3, "ip") + ld(4, "ip") + vi(5, 14) + ld(6, blob)
    path = tmp_path / "old.caffemodel"
    path.write_bytes(ld(1, "LeNet") + ld(2, layer))
    assert caffe.sniff(path.read_bytes(), path.stat().st_size, path.name)
    info = _read(path)
    assert (info.extra["layer_types"], info.parameters) == (["14"], 2)


def test_caffe_net_without_blobs_is_untrained(tmp_path: Path) -> None:
    path = tmp_path / "deploy.caffemodel"
    path.write_bytes(ld(1, "Net") + ld(100, ld(1, "relu") + ld(2, "ReLU")))
    assert _read(path).trained is False


@pytest.mark.parametrize("data", [
    ld(1, "just a name"),                                  # no layers
    ld(1, ld(1, "node") + ld(2, "Const")),                 # a GraphDef
    ld(1, ld(1, "<unk>") + b"\x15\0\0\0\0") * 2,           # sentencepiece
    b"\x08\x07" + ld(2, "pytorch"),                        # ONNX
    b"",
])
def test_caffe_look_alikes_are_not_caffe(data: bytes) -> None:
    assert not caffe.sniff(data[:HEAD_SIZE], len(data), "x.caffemodel")


def test_caffe_every_truncation_raises_format_error_or_reads(tmp_path: Path) -> None:
    data = _net()
    path = tmp_path / "net.caffemodel"
    corrupt = 0
    for cut in range(1, len(data)):
        path.write_bytes(data[:cut])
        if caffe.sniff(data[:cut], cut, path.name):
            try:
                _read(path)
            except FormatError:
                corrupt += 1
    assert corrupt > len(data) // 2
