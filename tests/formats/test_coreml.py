"""Core ML reader: hand-encoded Model protos, metadata, ONNX and SavedModel look-alikes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mllint.formats import FormatError, identify
from mllint.formats import coreml
from mllint.formats.base import HEAD_SIZE
from pb import ld, vi


def _model(metadata: bytes = b"") -> bytes:
    description = ld(1, ld(1, "image")) + ld(10, ld(1, "label")) + ld(11, "label")
    if metadata:
        description += ld(100, metadata)
    network = ld(1, ld(1, "conv") + ld(100, vi(1, 3)))
    return vi(1, 4) + ld(2, description) + ld(403, network)


def _read(path: Path):
    data = path.read_bytes()
    return coreml.read(path, data[:HEAD_SIZE], len(data))


def test_coreml_reads_spec_version_type_and_metadata(tmp_path: Path) -> None:
    user = ld(100, ld(1, "com.github.apple.coremltools.source") + ld(2, "torch==2.1"))
    path = tmp_path / "m.mlmodel"
    path.write_bytes(_model(ld(1, "A classifier") + ld(3, "Jane") + ld(4, "MIT") + user))
    assert identify(path.read_bytes(), path.stat().st_size, path.name).id == "coreml"
    info = _read(path)
    assert info.extra == {"specification_version": 4, "model_type": "neuralNetworkClassifier",
                          "inputs": 1, "outputs": 1}
    assert info.metadata["com.github.apple.coremltools.source"] == "torch==2.1"
    assert (info.provenance.authors, info.provenance.license) == (["Jane"], ["MIT"])


def test_coreml_description_longer_than_the_head_still_identifies(tmp_path: Path) -> None:
    long = ld(1, "x" * 8000)
    data = vi(1, 5) + ld(2, ld(1, ld(1, "in")) + ld(100, long)) + ld(500, b"")
    assert coreml.sniff(data[:HEAD_SIZE], len(data), "m.mlmodel")


@pytest.mark.parametrize("data", [
    b"\x08\x07" + ld(2, "pytorch") + ld(7, ld(1, ld(4, "Relu"))),        # ONNX
    vi(1, 1) + ld(2, ld(1, ld(4, "serve")) + ld(2, ld(1, ld(2, "Const")))),  # SavedModel
    vi(1, 1) + ld(2, ld(1, ld(1, "x" * 5000) + ld(4, "serve"))),       # ... past the head
    vi(1, 3) + vi(2, 99),                                              # varints only
    b"",
])
def test_coreml_look_alikes_are_not_coreml(data: bytes) -> None:
    assert not coreml.sniff(data[:HEAD_SIZE], len(data), "m.mlmodel")


def test_coreml_every_truncation_raises_format_error_or_reads(tmp_path: Path) -> None:
    data = _model(ld(3, "Jane"))
    path = tmp_path / "m.mlmodel"
    corrupt = 0
    for cut in range(1, len(data)):
        path.write_bytes(data[:cut])
        if coreml.sniff(data[:cut], cut, path.name):
            try:
                _read(path)
            except FormatError:
                corrupt += 1
    assert corrupt > len(data) // 2
