from __future__ import annotations

import struct
from pathlib import Path

import pytest
from builders import head_of

from mllint import formats
from mllint.formats.base import CorruptModelError


def read(path: Path):
    head, size = head_of(path)
    return formats.read(path, head, size, path.name)


def test_ggjt_llama_hparams(tmp_path: Path) -> None:
    path = tmp_path / "ggml-model-q4_0.bin"
    path.write_bytes(struct.pack("<II7i", 0x67676A74, 3, 32000, 4096, 256, 32, 32, 128, 2)
                     + b"\0" * 64)
    info = read(path)
    assert info.format == "ggml"
    assert info.extra["magic"] == "ggjt" and info.extra["version"] == 3
    assert info.extra["hparams"]["n_vocab"] == 32000 and info.extra["hparams"]["ftype"] == 2


def test_unversioned_ggml_keeps_raw_hparams(tmp_path: Path) -> None:
    path = tmp_path / "ggml-base.en.bin"
    path.write_bytes(struct.pack("<I11i", 0x67676D6C, 51864, 1500, 512, 8, 6, 448, 512, 8, 6,
                                 80, 1) + b"\0" * 16)
    info = read(path)
    assert info.extra["magic"] == "ggml" and info.extra["hparams"][:2] == [51864, 1500]


def test_lora_adapter(tmp_path: Path) -> None:
    path = tmp_path / "ggml-adapter-model.bin"
    path.write_bytes(struct.pack("<IIii", 0x67676C61, 1, 8, 16) + b"\0" * 32)
    assert read(path).extra["hparams"] == {"r": 8, "lora_alpha": 16}


def test_ggjt_cut_inside_its_hparams_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cut.bin"
    path.write_bytes(struct.pack("<II", 0x67676A74, 3) + b"\0" * 24)
    with pytest.raises(CorruptModelError, match="shorter than its hparams"):
        read(path)


def test_text_starting_with_lmgg_is_too_short_to_be_ggml(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"lmgg")
    assert read(path) is None
