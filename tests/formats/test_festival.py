"""Edinburgh Speech Tools n-gram models (mllint/formats/festival.py), binary and text, and
files that start like them."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from builders import est_ngram_bin, est_ngram_text, fmt_of, write
from builders import read_file as read

from mllint.formats import festival
from mllint.formats.base import CorruptModelError, LimitExceededError


@pytest.mark.parametrize("byte_order, label", [(">", "big"), ("<", "little")])
def test_binary(tmp_path: Path, byte_order: str, label: str) -> None:
    info = read(write(tmp_path, "wsj.tri.ngrambin", est_ngram_bin(byte_order=byte_order)))
    assert info.format == "est-ngram" and info.parameters == 4 ** 2 * 4
    assert info.dtypes == ("float64",)
    assert info.extra == {"kind": "ngram-frequencies", "order": 3, "vocabulary": 4,
                          "predicted_vocabulary": 4, "form": "binary", "byte_order": label,
                          "stored_values": 5}


def test_binary_is_found_under_any_name() -> None:
    assert fmt_of(est_ngram_bin(), "pos.data") == "est-ngram"


def test_text(tmp_path: Path) -> None:
    info = read(write(tmp_path, "phrase.ngram", est_ngram_text()))
    assert info.format == "est-ngram" and info.parameters == 4 and info.dtypes == ()
    assert info.extra["form"] == "text" and info.extra["order"] == 2


def test_vocabulary_longer_than_the_head(tmp_path: Path) -> None:
    vocab = tuple(f"word{i}" for i in range(1000))
    info = read(write(tmp_path, "big.ngrambin", est_ngram_bin(order=2, vocab=vocab)))
    assert info.extra["vocabulary"] == 1000 and info.parameters == 1000 * 1000


@pytest.mark.parametrize("data, reason", [
    (est_ngram_bin() + b"\0\0\0", "not whole doubles"),
    (est_ngram_bin(values=(-3.0, 1.0)), "does not start with a frequency"),
    (est_ngram_bin(values=()), "not whole doubles"),
    (est_ngram_bin(vocab=()), "vocabulary is empty"),
    (struct.pack(">i", 1315402337) + b"mBin_2 3\nnn dt ", "header lines"),
])
def test_damaged_binary(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(CorruptModelError, match=reason):
        read(write(tmp_path, "m.ngrambin", data))


def test_header_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(festival, "MAX_HEADER", 8192)
    data = struct.pack(">i", 1315402337) + b"mBin_2 2\n" + b"w " * 10000
    with pytest.raises(LimitExceededError):
        read(write(tmp_path, "m.ngrambin", data))


@pytest.mark.parametrize("data", [
    b"Ngram_2 is the second release of our n-gram toolkit.\n",  # prose after the magic
    b"Ngram_2 3\nthe cat sat\nthe cat sat\nthe cat 12\n",  # rows without the colon
    est_ngram_text(rows=("B NB NB : 12",)),  # three words in an order-2 model
    b"NgramBin_2 \n",  # no order
    b"NgramBin_2 99\n",  # order past the cap
    b"argNmBin_1 3\n",
    b"Ngrams and more\n",
])
def test_lookalikes(data: bytes) -> None:
    assert fmt_of(data, "notes.ngram") is None
