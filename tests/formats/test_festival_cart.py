"""Festival CART trees (mllint/formats/festival_cart.py): the golden packages' trained trees,
Scheme in the same syntax without estimated leaves, and hostile cuts."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import fmt_of, write
from builders import read_file as read

from mllint.formats import festival_cart
from tests.conftest import TESTDATA

MODELS = TESTDATA / "festival-cart-models" / "tree"
LOOKALIKES = TESTDATA / "festival-cart-lookalikes" / "tree"
VOICE = MODELS / "usr/share/festival/voices/english/tiny_diphone/festvox"


@pytest.mark.parametrize("path, tree, leaves", [
    (VOICE / "tinydurtreeZ.scm", "tiny_duration_cart_tree", 64),
    (VOICE / "tiny_accent.scm", "tiny_accent_cart_tree", 64),
    (MODELS / "usr/share/festival/dicts/tiny/tiny_lts_rules.scm", "tiny_lts_rules", 64),
])
def test_trained_trees_behind_a_banner_longer_than_the_head(path: Path, tree: str,
                                                           leaves: int) -> None:
    assert b"set!" not in path.read_bytes()[:4096]  # the head shows only the banner
    info = read(path)
    assert info.format == "festival-cart"
    assert info.extra["trees"] == [tree]
    assert info.extra["leaves"] == leaves and info.extra["questions"] == leaves - 1


@pytest.mark.parametrize("path", sorted(p for p in LOOKALIKES.rglob("*.scm")))
def test_same_syntax_without_estimated_leaves_is_no_model(path: Path) -> None:
    assert read(path) is None


def test_only_scm_files_big_enough_and_text_are_tried(tmp_path: Path) -> None:
    data = (VOICE / "tinydurtreeZ.scm").read_bytes()
    assert fmt_of(data, "durtree.scm") == "festival-cart"
    assert fmt_of(data, "durtree.txt") is None  # named: .scm only
    assert not festival_cart.sniff(data[:4096], festival_cart.MIN_SIZE - 1, "t.scm")
    assert not festival_cart.sniff(b"\0" + data[1:4096], len(data), "t.scm")


def test_a_file_is_judged_from_its_first_mebibyte(tmp_path: Path) -> None:
    data = (VOICE / "tinydurtreeZ.scm").read_bytes()
    padded = b";" * festival_cart.READ_LIMIT + b"\n" + data
    assert read(write(tmp_path, "late.scm", padded)) is None


def test_every_cut_reads_or_is_no_model(tmp_path: Path) -> None:
    data = (VOICE / "tiny_accent.scm").read_bytes()
    kinds = set()
    for cut in range(0, len(data) + 1, 97):
        info = read(write(tmp_path, "cut.scm", data[:cut]))
        kinds.add(None if info is None else info.format)
    assert kinds == {None, "festival-cart"}
