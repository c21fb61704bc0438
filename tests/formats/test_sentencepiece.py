"""SentencePiece reader: hand-encoded ModelProto, training inputs, look-alikes, truncation."""

from __future__ import annotations

from pathlib import Path

import pytest

from mllint.formats import FormatError, identify
from mllint.formats import sentencepiece
from mllint.formats.base import HEAD_SIZE
from builders import sentencepiece_model
from pb import ld


def _model() -> bytes:
    return sentencepiece_model(("/home/u/corpus/wiki.txt", "data/extra.txt"))


def _read(path: Path):
    data = path.read_bytes()
    return sentencepiece.read(path, data[:HEAD_SIZE], len(data))


def test_sentencepiece_reads_pieces_trainer_spec_and_inputs(tmp_path: Path) -> None:
    path = tmp_path / "spm.model"
    path.write_bytes(_model())
    assert identify(path.read_bytes(), path.stat().st_size, path.name).id == "sentencepiece"
    info = _read(path)
    assert info.provenance.training_inputs == ["/home/u/corpus/wiki.txt", "data/extra.txt"]
    assert info.extra == {"pieces": 4, "normalizer": "nmt_nfkc", "model_prefix": "m",
                          "model_type": "bpe", "vocab_size": 4, "input_format": "text"}


@pytest.mark.parametrize("data", [
    ld(1, "<unk>"),                                   # a lone string: too little to tell
    ld(1, ld(1, "node") + ld(2, "Const")),            # GraphDef
    ld(1, "CaffeNet") + ld(100, ld(1, "conv")),       # Caffe
    b"\x9d\xde\x7a\x0f" + bytes(64),                  # zinnia handwriting model
    b"",
])
def test_sentencepiece_look_alikes_are_not_sentencepiece(data: bytes) -> None:
    assert not sentencepiece.sniff(data[:HEAD_SIZE], len(data), "x.model")


def test_sentencepiece_every_truncation_raises_format_error_or_reads(tmp_path: Path) -> None:
    data = _model()
    path = tmp_path / "spm.model"
    corrupt = 0
    for cut in range(1, len(data)):
        path.write_bytes(data[:cut])
        if sentencepiece.sniff(data[:cut], cut, path.name):
            try:
                _read(path)
            except FormatError:
                corrupt += 1
    assert corrupt > len(data) // 3
