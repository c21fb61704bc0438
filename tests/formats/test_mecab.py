"""MeCab dictionaries (mllint/formats/mecab.py): matrix.def, matrix.bin, sys.dic/unk.dic, and
the text and binary files that look like them."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import fmt_of, mecab_dic, mecab_matrix_bin, mecab_matrix_def, write
from builders import read_file as read

from mllint.formats import mecab
from mllint.formats.base import CorruptModelError, FormatError


def test_matrix_def_with_its_dictionary_sources(tmp_path: Path) -> None:
    for name in ("feature.def", "dicrc", "char.def", "unk.def", "Noun.csv"):
        write(tmp_path, name, b"x\n")
    info = read(write(tmp_path, "matrix.def", mecab_matrix_def(4, 4)))
    assert info.format == "mecab" and info.parameters == 16
    assert info.extra == {"kind": "connection-matrix", "lsize": 4, "rsize": 4,
                          "feature_template": True,
                          "dictionary_files": ["feature.def", "dicrc", "char.def", "unk.def"],
                          "csv_lexicon": True}


def test_matrix_def_alone_is_not_called_crf_trained(tmp_path: Path) -> None:
    info = read(write(tmp_path, "matrix.def", mecab_matrix_def(3, 5)))
    assert info.extra["feature_template"] is False and info.extra["csv_lexicon"] is False
    assert info.extra["dictionary_files"] == [] and (info.extra["lsize"], info.extra["rsize"]) == (3, 5)


def test_matrix_def_with_bos_sorting_after_other_features(tmp_path: Path) -> None:
    """ContextID::build numbers features 1, 2, ... then puts BOS/EOS at 0 wherever its string
    sorts: with ASCII part-of-speech names the 0 comes later in each column."""
    data = mecab_matrix_def(4, 4, bos_at=2)
    assert data.startswith(b"4 4\n1 1 ") and b"\n1 0 " in data
    assert read(write(tmp_path, "matrix.def", data)).format == "mecab"


def test_large_matrix_def_is_read_from_head_and_tail(tmp_path: Path) -> None:
    data = mecab_matrix_def(60, 70).replace(b" ", b"\t")
    assert len(data) > 8 * 4096
    info = read(write(tmp_path, "matrix_60x70.def", data))
    assert info.format == "mecab" and info.parameters == 4200


def test_crlf_matrix_def(tmp_path: Path) -> None:
    data = mecab_matrix_def(4, 4).replace(b"\n", b"\r\n")
    assert read(write(tmp_path, "matrix.def", data)).format == "mecab"


def test_truncated_at_a_line_boundary_is_corrupt(tmp_path: Path) -> None:
    data = mecab_matrix_def(60, 70)
    cut = data[:data.index(b"\n", len(data) // 2) + 1]
    with pytest.raises(CorruptModelError, match="truncated: last row"):
        read(write(tmp_path, "matrix.def", cut))


def test_truncated_inside_a_row_is_corrupt(tmp_path: Path) -> None:
    data = mecab_matrix_def(60, 70)
    cut = data[:data.index(b"\n", len(data) // 2) + 3]  # "12 3" style fragment at the end
    with pytest.raises(CorruptModelError):
        read(write(tmp_path, "matrix.def", cut))


def test_damaged_tail_is_corrupt(tmp_path: Path) -> None:
    data = mecab_matrix_def(60, 70)[:-40] + b"garbage garbage\n59 69 3\n"
    with pytest.raises(CorruptModelError, match="malformed row"):
        read(write(tmp_path, "matrix.def", data))


def test_out_of_range_tail_is_corrupt(tmp_path: Path) -> None:
    data = mecab_matrix_def(60, 70) + b"59 70 3\n"
    with pytest.raises(CorruptModelError, match="malformed row"):
        read(write(tmp_path, "matrix.def", data))


# -- matrix.def look-alikes --------------------------------------------------------------------
MODULE_DEF = b"LIBRARY mecab\nEXPORTS\n  mecab_new @1\n  mecab_destroy @2\n"
CHAR_DEF = b"DEFAULT 0 1 0\nSPACE 0 1 0\nKANJI 0 0 2\n0x0020 SPACE\n0x00D0 SPACE\n"
UNK_DEF = b"DEFAULT,5,5,4769,x,x,*,*,*,*,*\nSPACE,9,9,8903,x,x,*,*,*,*,*\n"
EDGE_LIST = b"5 8\n1 2 7\n1 3 9\n1 6 14\n2 3 10\n2 4 15\n3 4 11\n"  # weighted graph, 1-based
GRID = b"4 4\n0 0 1\n0 2 5\n0 1 3\n0 3 2\n1 0 4\n"  # right shape, columns out of order
PROSE = b"2 2\nThis is the second edition of the notes.\nIt has 2 parts and 2 appendices.\n"
FLOATS = b"3 3\n0 0 0.5\n0 1 0.25\n0 2 1.5\n1 0 2.0\n"
TOO_BIG = b"70000 2\n0 0 1\n0 1 2\n1 0 3\n1 1 4\n"
BAD_COST = b"2 2\n0 0 1\n0 1 99999\n1 0 3\n1 1 4\n"
ONE_ROW = b"1 1\n0 0 0\n"  # MATRIX_DEF_DEFAULT: no trained cost at all
TOO_FEW = b"4 4\n0 0 1\n0 1 2\n"


@pytest.mark.parametrize("data, name", [
    (MODULE_DEF, "mecab.def"), (CHAR_DEF, "char.def"), (UNK_DEF, "unk.def"),
    (EDGE_LIST, "graph.txt"), (EDGE_LIST, "matrix.def"), (GRID, "matrix.def"),
    (PROSE, "notes.txt"), (PROSE, "matrix.def"), (FLOATS, "matrix.def"),
    (TOO_BIG, "matrix.def"), (BAD_COST, "matrix.def"), (ONE_ROW, "matrix.def"),
    (TOO_FEW, "matrix.def"), (b"", "matrix.def"), (b"4 4", "matrix.def"),
    (b"4 4\n", "matrix.def"),
])
def test_matrix_def_lookalikes(data: bytes, name: str) -> None:
    assert fmt_of(data, name) is None


def test_rows_beyond_the_matrix_in_a_whole_file_are_no_matrix() -> None:
    data = mecab_matrix_def(2, 2) + b"2 0 5\n"
    assert fmt_of(data, "matrix.def") is None


# -- matrix.bin ----------------------------------------------------------------------------------
@pytest.mark.parametrize("order, label", [("<", "little"), (">", "big")])
def test_matrix_bin(tmp_path: Path, order: str, label: str) -> None:
    info = read(write(tmp_path, "matrix.bin", mecab_matrix_bin(5, 3, order)))
    assert info.format == "mecab" and info.parameters == 15
    assert info.extra["byte_order"] == label and info.extra["compiled"] is True


def test_matrix_bin_needs_its_name_and_exact_size() -> None:
    data = mecab_matrix_bin(5, 3)
    assert fmt_of(data, "image.bin") is None  # u16 u16 + i16 cells is any small raster too
    assert fmt_of(data + b"\0\0", "matrix.bin") is None
    assert fmt_of(data[:-2], "matrix.bin") is None
    assert fmt_of(b"\0\0\0\0", "matrix.bin") is None


# -- sys.dic / unk.dic ------------------------------------------------------------------------
@pytest.mark.parametrize("kind, label", [(0, "system-dictionary"), (2, "unknown-word-dictionary"),
                                         (1, "user-dictionary")])
def test_compiled_dictionary(tmp_path: Path, kind: int, label: str) -> None:
    info = read(write(tmp_path, "any-name.bin", mecab_dic(kind, entries=392126)))
    assert info.format == "mecab" and info.parameters == 392126
    assert info.extra == {"kind": label, "version": 102, "entries": 392126, "lsize": 4,
                          "rsize": 4, "charset": "EUC-JP", "compiled": True}


@pytest.mark.parametrize("damage", ["size", "sections", "type", "small"])
def test_compiled_dictionary_lookalikes(damage: str) -> None:
    data = mecab_dic()
    if damage == "size":
        data += b"\0"  # the magic is keyed to the file size
    elif damage == "sections":
        data = mecab_dic(sections=(64, 48, 41))[:-1]
        data = (len(data) ^ 0xEF718F77).to_bytes(4, "little") + data[4:]
    elif damage == "type":
        data = data[:8] + (3).to_bytes(4, "little") + data[12:]
    else:
        data = mecab_dic(sections=(8, 8, 8))
    assert fmt_of(data, "sys.dic") is None


def test_hunspell_dic_is_no_mecab_dictionary() -> None:
    assert fmt_of(b"3\nhello\nworld/S\nfoo\n", "en_US.dic") is None


# -- every prefix: a typed error or a record, never another exception ---------------------------
SAMPLES = {"matrix.def": mecab_matrix_def(9, 9), "matrix.bin": mecab_matrix_bin(3, 3),
           "sys.dic": mecab_dic()}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_prefix_reads_or_fails_typed(tmp_path: Path, name: str) -> None:
    data = SAMPLES[name]
    for cut in range(0, len(data) + 1, max(1, len(data) // 200)):
        path = write(tmp_path, name, data[:cut])
        for fmt in mecab.FORMATS:
            if fmt.sniff(data[:cut][:4096], cut, name):
                try:
                    assert fmt.read(path, data[:cut][:4096], cut).format == "mecab"
                except FormatError:
                    pass
