"""The file index: one walk, symlinks recorded and never followed, lazy shared parses."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from mllint.index import Index, Item


def test_walk_records_symlinks_without_following_them(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "models").mkdir(parents=True)
    (tmp_path / "secret.safetensors").write_bytes(b"x" * 100)
    os.symlink(tmp_path / "secret.safetensors", tmp_path / "pkg" / "models" / "out.safetensors")
    os.symlink("..", tmp_path / "pkg" / "models" / "loop")
    index = Index(tmp_path / "pkg", "pkg (patched)")
    link = index.lookup("models/out.safetensors")
    assert link is not None and link.is_symlink and not link.is_file
    assert link.head == b"" and link.model is None and link.text() is None
    assert index.lookup("models/loop").link == ".."
    assert [i.name for i in index] == ["models/", "models/loop", "models/out.safetensors"]


def test_vcs_and_quilt_directories_are_skipped(tmp_path: Path) -> None:
    for d in (".git", ".pc", "src"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "f").write_text("x")
    assert [i.name for i in Index(tmp_path, "t")] == ["src/", "src/f"]


def test_python_ast_is_parsed_once_and_quietly(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.py").write_text('import re\nx = re.compile("\\d+")\n')
    (tmp_path / "b.py").write_text("print 'python 2'\n")
    index = Index(tmp_path, "t")
    tree = index.lookup("a.py").python_ast()
    assert tree is not None and index.lookup("a.py").python_ast() is tree
    assert index.lookup("b.py").python_ast() is None
    assert capsys.readouterr().err == ""


def test_python_ast_cache_is_bounded_by_source_bytes(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mllint.index.AST_CACHE_BYTES", 100)
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text("x = 1\n" * 10)  # 60 bytes each
    index = Index(tmp_path, "t")
    for name in ("a.py", "b.py", "c.py"):
        assert index.lookup(name).python_ast() is not None
    assert list(index.ast_cache) == ["c.py"] and index.ast_cache_bytes == 60


def test_children_lists_one_directory(tmp_path: Path) -> None:
    (tmp_path / "m" / "sub").mkdir(parents=True)
    (tmp_path / "m" / "a.onnx").write_bytes(b"")
    (tmp_path / "m" / "sub" / "b.onnx").write_bytes(b"")
    index = Index(tmp_path, "t")
    assert [i.name for i in index.children("m/")] == ["m/a.onnx", "m/sub/"]
    assert [i.name for i in index.children("")] == ["m/"]


@pytest.mark.parametrize(("name", "link", "escapes"), [
    ("models/a.onnx", "/etc/passwd", True),
    ("models/a.onnx", "../../etc/passwd", True),
    ("a.onnx", "../x", True),
    ("models/a.onnx", "../b.onnx", False),
    ("models/deep/a.onnx", "../../b.onnx", False),
    ("models/a.onnx", "./sub/../../b.onnx", False),
    ("models/a.onnx", "sub/../../../b.onnx", True),
    ("models/a.onnx", "b.onnx", False),
])
def test_symlink_escapes_the_root(name: str, link: str, escapes: bool) -> None:
    item = Item(name, "/nonexistent", 0, 0o120777, link, None)  # type: ignore[arg-type]
    assert item.escapes is escapes


def test_python_ast_cache_makes_room_before_parsing(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Only one large tree is alive at a time: the cache is emptied before the parse, not after.
    monkeypatch.setattr("mllint.index.AST_CACHE_BYTES", 100)
    (tmp_path / "a.py").write_text("x = 1\n" * 10)  # 60 bytes
    (tmp_path / "big.py").write_text("y = 2\n" * 15)  # 90 bytes
    index = Index(tmp_path, "t")
    assert index.lookup("a.py").python_ast() is not None
    seen: list[list[str]] = []
    parse = ast.parse
    monkeypatch.setattr(ast, "parse", lambda *a, **k: seen.append(list(index.ast_cache))
                        or parse(*a, **k))
    assert index.lookup("big.py").python_ast() is not None
    assert seen == [[]] and list(index.ast_cache) == ["big.py"]
