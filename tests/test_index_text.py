"""Item.text() serves files that fit in the head from the head; larger files are read again."""

from __future__ import annotations

from pathlib import Path

from mllint.formats import HEAD_SIZE
from mllint.index import Index


def test_text_of_small_and_large_files(tmp_path: Path) -> None:
    (tmp_path / "small.py").write_bytes("print('h\u00e9')\n".encode())
    (tmp_path / "big.txt").write_bytes(b"a" * HEAD_SIZE + b"tail\xff")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "bin").write_bytes(b"\x00\x01text")
    index = Index(tmp_path, "t")
    small, big = index.lookup("small.py"), index.lookup("big.txt")
    assert small is not None and big is not None
    assert small.text() == "print('h\u00e9')\n"
    assert small.text(5) == "print"
    assert big.text() == "a" * HEAD_SIZE + "tail\ufffd"
    assert big.text(3) == "aaa"
    assert index.lookup("empty").text() == ""  # type: ignore[union-attr]
    assert index.lookup("bin").text() is None  # type: ignore[union-attr]


def test_small_file_is_not_opened_twice(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("same\n")
    item = Index(tmp_path, "t").lookup("f.txt")
    assert item is not None
    assert item.head == b"same\n"
    path.write_text("changed\n")  # a second read would see this; the head does not
    assert item.text() == "same\n"
