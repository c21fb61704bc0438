"""Input-method n-gram models (mllint/formats/input_methods.py): libkkc sorted n-gram files,
sunpinyin .t3g threaded models, libpinyin table.conf, and files shaped like them."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from builders import fmt_of, kkc_model, pinyin_table_conf, sunpinyin_t3g, write
from builders import read_file as read

from mllint.formats.base import CorruptModelError


def _kkc(tmp_path: Path, **kwargs) -> Path:
    for name, data in kkc_model(**kwargs).items():
        write(tmp_path, name, data)
    return tmp_path / f"{kwargs.get('prefix', 'data')}.1gram"


# -- libkkc -----------------------------------------------------------------------------------
def test_kkc_sorted3(tmp_path: Path) -> None:
    info = read(_kkc(tmp_path))
    assert info.format == "libkkc" and info.dtypes == ("uint16",)
    assert info.extra == {"kind": "sorted-ngram", "order": 3, "ngrams": [8, 6, 4], "quantized": True}
    assert info.parameters == 8 * 2 + 6 * 2 + 4
    assert info.parts == ("data.1gram.index", "data.input", "data.2gram", "data.2gram.filter",
                          "data.3gram", "data.3gram.filter")


def test_kkc_sorted2_has_no_trigram_part(tmp_path: Path) -> None:
    info = read(_kkc(tmp_path, trigrams=0, prefix="lm"))
    assert info.extra["order"] == 2 and info.extra["ngrams"] == [8, 6]
    assert "lm.3gram" not in info.parts and info.parameters == 8 * 2 + 6 * 2


def test_kkc_records_without_the_vocabulary_trie_are_no_model(tmp_path: Path) -> None:
    path = _kkc(tmp_path)
    (tmp_path / "data.1gram.index").unlink()
    assert fmt_of(path.read_bytes(), path.name) == "libkkc"  # the sniffer sees the head only
    assert read(path) is None
    (tmp_path / "data.1gram.index").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8))
    assert read(path) is None


def test_kkc_trie_that_is_a_fifo_is_not_opened(tmp_path: Path) -> None:
    import os
    path = _kkc(tmp_path)
    (tmp_path / "data.1gram.index").unlink()
    os.mkfifo(tmp_path / "data.1gram.index")
    assert read(path) is None


@pytest.mark.parametrize("name, data", [
    ("data.2gram", struct.pack("<IIHH", 1, 2, 3, 4) + b"\0"),  # not whole records
    ("data.2gram", struct.pack("<IIHH", 99, 2, 3, 4)),  # word id past the vocabulary
    ("data.3gram", struct.pack("<IIH", 1, 6, 3)),  # parent past the 6 bigrams
])
def test_kkc_broken_higher_orders(tmp_path: Path, name: str, data: bytes) -> None:
    path = _kkc(tmp_path)
    (tmp_path / name).write_bytes(data)
    with pytest.raises(CorruptModelError):
        read(path)


@pytest.mark.parametrize("data", [
    kkc_model()["data.1gram"][:-1],  # cut record
    b"".join(struct.pack("<HHH", 40000, 900, 7) for _ in range(8)),  # reserved u16 not 0
    bytes(48),  # all zero
    kkc_model(unigrams=3)["data.1gram"],  # too few words
    b"the 1234\nof 999\nand 812\n",  # a text unigram count list
])
def test_kkc_sniffer_refuses(data: bytes) -> None:
    assert fmt_of(data, "data.1gram") is None


def test_kkc_needs_its_extension() -> None:
    assert fmt_of(kkc_model()["data.1gram"], "data.bin") is None


# -- sunpinyin --------------------------------------------------------------------------------
@pytest.mark.parametrize("order, label", [("<", "little"), (">", "big")])
def test_sunpinyin_both_byte_orders(tmp_path: Path, order: str, label: str) -> None:
    info = read(write(tmp_path, "lm_sc.t3g", sunpinyin_t3g(order=order, use_log=1)))
    assert info.format == "sunpinyin" and info.dtypes == ("float32",)
    assert info.extra == {"kind": "threaded-backoff-ngram", "order": 3, "ngrams": [5, 7, 4],
                          "log_pr": True, "byte_order": label, "quantized": True}
    assert info.parameters == 2 * (5 + 7) + 4


def test_sunpinyin_is_found_by_content_under_any_name() -> None:
    assert fmt_of(sunpinyin_t3g((2, 9, 3)), "lm.dat") == "sunpinyin"


@pytest.mark.parametrize("data", [sunpinyin_t3g()[:-1], sunpinyin_t3g() + b"\0"])
def test_sunpinyin_size_mismatch(tmp_path: Path, data: bytes) -> None:
    """Truncated or with trailing bytes: a damaged model under its extension, nothing under
    another name."""
    assert fmt_of(data, "lm.dat") is None
    with pytest.raises(CorruptModelError, match="disagree with the file size"):
        read(write(tmp_path, "lm_sc.t3g", data))


@pytest.mark.parametrize("data", [
    sunpinyin_t3g(use_log=2),  # flag is a bool
    sunpinyin_t3g(probabilities=0),  # an all-zero probability table
    sunpinyin_t3g((2, 0, 7, 4)),  # an empty level
    struct.pack("<II", 3, 0) + struct.pack("<4I", 2, 5, 7, 4) + struct.pack("<4f", -1, 2, 3, 4)
    + bytes(327680 - 16 + 12 * 14 + 32),  # right size, negative probability
    struct.pack("<I", 3) + bytes(4000),  # a u32 array starting 3, 0
])
def test_sunpinyin_sniffer_refuses(data: bytes) -> None:
    assert fmt_of(data, "lm_sc.t3g") is None


# -- libpinyin --------------------------------------------------------------------------------
def test_libpinyin_table_conf(tmp_path: Path) -> None:
    info = read(write(tmp_path, "table.conf", pinyin_table_conf()))
    assert info.format == "libpinyin"
    assert info.parts == ("bigram.db", "gb_char.bin", "art.bin")
    assert info.extra == {"kind": "interpolated-bigram", "binary_format_version": 7,
                          "model_data_version": 14, "lambda": 0.312699, "phrase_tables": 2}


def test_libpinyin_bad_lambda(tmp_path: Path) -> None:
    with pytest.raises(CorruptModelError, match="outside"):
        read(write(tmp_path, "table.conf", pinyin_table_conf(lam="1.5")))
    with pytest.raises(CorruptModelError, match="not a number"):
        read(write(tmp_path, "table.conf", pinyin_table_conf(lam="1.2.3")))


@pytest.mark.parametrize("data", [
    # libpinyin's user.conf (UserTableInfo::save): no lambda, not a model
    b"binary format version:7\nmodel data version:14\ndatabase format:BerkeleyDB\nopen counter:3\n",
    b"binary format version: 2\nformat: ascii\n",
    b"# table.conf\nbinary format version:7\nmodel data version:14\nlambda parameter:0.3\n",
])
def test_libpinyin_lookalikes(data: bytes) -> None:
    assert fmt_of(data, "table.conf") is None
