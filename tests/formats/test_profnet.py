"""Rost lab NNout_jct network files (mllint/formats/profnet.py) and text that starts like them."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import fmt_of, profnet_jct, write
from builders import read_file as read

from mllint.formats.base import CorruptModelError


def test_jct(tmp_path: Path) -> None:
    info = read(write(tmp_path, "jct.in", profnet_jct()))
    assert info.format == "profnet" and info.tensors == 2
    assert info.parameters == 3 * 13 + 4 * 2
    assert info.extra == {"inputs": 12, "hidden": 3, "outputs": 2, "training_samples": 5000,
                          "modepred": "sec", "modenet": "1st,unbal", "modein": "win=5,loc=aa"}


def test_large_jct_is_checked_at_its_end(tmp_path: Path) -> None:
    data = profnet_jct(n_in=209, n_hid=35)
    assert len(data) > 3 * 4096
    info = read(write(tmp_path, "jctAuto9", data))
    assert info.parameters == 35 * 210 + 36 * 2


@pytest.mark.parametrize("data, reason", [
    (profnet_jct(terminator=False), "truncated"),
    (profnet_jct(n_in=40, n_hid=40)[:-2000], "truncated"),
    (profnet_jct().replace(b"NUMOUT:                        2", b"NUMOUT:                        3"),
     "last row"),
    (profnet_jct().replace(b"* jct 1st layer", b"* weights"), "lacks"),
    (profnet_jct().replace(b"NUMIN:                        12", b"NUMIN:                         0"),
     "out of range"),
])
def test_damaged(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(CorruptModelError, match=reason):
        read(write(tmp_path, "jct.in", data))


@pytest.mark.parametrize("data", [
    b"* NNout: see the manual for the jct format\n",
    b"# NNout_jct file\n",
    b"** bold NNout_jct **\n",
    b"Notes on * NNout_jct files\n",
    profnet_jct().replace(b"NUMHID:", b"NHID:"),  # the sizes decide with the magic
])
def test_lookalikes(data: bytes) -> None:
    assert fmt_of(data, "jct.in") is None
