"""Caffe2 NetDef reader: an init net with filled values is a model, a predict net is not, and
neither is claimed by the Caffe reader (nor V1 Caffe by this one). Hand-encoded nets."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from mllint.formats import FormatError, caffe, caffe2, identify
from mllint.formats.base import HEAD_SIZE
from pb import f32, ld, vi


def _arg(name: str, body: bytes) -> bytes:
    return ld(5, ld(1, name) + body)


def _op(inputs: list[str], outputs: list[str], kind: str, args: bytes = b"") -> bytes:
    body = b"".join(ld(1, i) for i in inputs) + b"".join(ld(2, o) for o in outputs)
    return ld(2, body + ld(4, kind) + args + ld(6, vi(1, 0)))  # device_option CPU


def _init_net() -> bytes:
    weights = _arg("values", ld(5, struct.pack("<64f", *[0.25] * 64))) \
        + _arg("shape", ld(6, bytes([8, 8])))
    bias = _arg("values", f32(5, struct.pack("<f", 0.5)) * 8) + _arg("shape", vi(6, 8))
    quant = _arg("values", ld(4, bytes(32))) + _arg("Y_scale", f32(2, struct.pack("<f", 0.1)))
    return (ld(1, "squeezenet_init") + _op([], ["conv1_w"], "GivenTensorFill", weights)
            + _op([], ["conv1_b"], "GivenTensorFill", bias)
            + _op([], ["fc_w"], "Int8GivenTensorFill", quant) + ld(8, "conv1_w"))


def _predict_net() -> bytes:
    conv = _op(["data", "conv1_w", "conv1_b"], ["conv1"], "Conv",
               _arg("stride", vi(3, 2)) + _arg("kernel", vi(3, 3)))
    relu = _op(["conv1"], ["conv1"], "Relu")
    return (ld(1, "") + conv + relu + ld(7, "data") + ld(7, "conv1_w") + ld(7, "conv1_b")
            + ld(8, "conv1"))


def _read(path: Path):
    data = path.read_bytes()
    return caffe2.read(path, data[:HEAD_SIZE], len(data))


def test_init_net_values_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "init_net.pb"
    path.write_bytes(_init_net())
    assert identify(path.read_bytes()[:HEAD_SIZE], path.stat().st_size, path.name).id == "caffe2"
    info = _read(path)
    assert info is not None and info.format == "caffe2"
    assert (info.tensors, info.parameters, info.trained) == (3, 64 + 8 + 32, True)
    assert info.extra == {"name": "squeezenet_init", "ops": 3,
                          "op_types": ["GivenTensorFill", "Int8GivenTensorFill"]}


@pytest.mark.parametrize("tail", [b"", b"\n"])
def test_predict_net_is_not_a_model(tmp_path: Path, tail: bytes) -> None:
    # pytorch 1.13's squeeze_predict_net.pb ends in a newline: a dangling key, not corruption.
    path = tmp_path / "predict_net.pb"
    path.write_bytes(_predict_net() + tail)
    data = path.read_bytes()
    assert caffe2.sniff(data[:HEAD_SIZE], len(data), path.name)
    assert not caffe.sniff(data[:HEAD_SIZE], len(data), path.name)
    assert _read(path) is None


def test_caffe_and_caffe2_do_not_claim_each_other() -> None:
    v1 = ld(1, "LeNet") + ld(2, ld(2, "data") + ld(3, "ip") + ld(4, "ip") + vi(5, 14))
    assert caffe.sniff(v1, len(v1), "x.caffemodel") and not caffe2.sniff(v1, len(v1), "x.pb")
    for net in (_init_net(), _predict_net()):
        assert caffe2.sniff(net, len(net), "x.pb") and not caffe.sniff(net, len(net), "x.pb")


@pytest.mark.parametrize("data", [
    ld(1, "just a name"),                                  # no operators
    ld(1, ld(1, "node") + ld(2, "Const")),                 # a TensorFlow GraphDef
    b"\x08\x07" + ld(2, "pytorch") + ld(7, ld(1, "n")),    # ONNX
    ld(2, b"\x80\x01\x02"),                                # an op that is no message
    ld(2, ld(4, b"\xff\xfe")),                             # an op type that is no text
    b"name: \"train_net\"\nop {\n  input: \"x\"\n}\n",     # a NetDef in text format
    b"",
])
def test_look_alikes_are_not_caffe2(data: bytes) -> None:
    assert not caffe2.sniff(data[:HEAD_SIZE], len(data), "net.pb")


def test_every_truncation_raises_format_error_or_reads(tmp_path: Path) -> None:
    data = _init_net()
    path = tmp_path / "init_net.pb"
    corrupt = 0
    for cut in range(1, len(data)):
        path.write_bytes(data[:cut])
        if caffe2.sniff(data[:cut], cut, path.name):
            try:
                _read(path)
            except FormatError:
                corrupt += 1
    assert corrupt > len(data) // 2
