"""Names and versions of upstream trees and archives; Git LFS rules from .gitattributes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mllint.index import Index
from mllint.upstream import (GitAttributes, identify, parse_gitattributes, source_name,
                             split_name_version)


@pytest.mark.parametrize(("base", "name", "version"), [
    ("foo-1.2", "foo", "1.2"),
    ("foo_1.2", "foo", "1.2"),
    ("foo-1.2.tar.gz", "foo", "1.2"),
    ("foo-1.2.TGZ", "foo", "1.2"),
    ("foo-1.2.zip", "foo", "1.2"),
    ("foo_1.2.orig.tar.xz", "foo", "1.2"),
    ("foo_1.2.orig-data.tar.xz", "foo", "1.2"),
    ("hmmer_3.3.2+dfsg.orig.tar.xz", "hmmer", "3.3.2+dfsg"),
    ("mecab-ipadic_2.7.0-20070801+main.orig.tar.gz", "mecab-ipadic", "2.7.0-20070801+main"),
    ("python3-foo-1.0", "python3-foo", "1.0"),
    ("lc0-0.30.0", "lc0", "0.30.0"),
    ("Stockfish-sf_16", "Stockfish-sf", "16"),
    ("node-v18.0.0", "node", "18.0.0"),
    ("foo-1.2-3-gabcdef0", "foo", "1.2-3-gabcdef0"),
    ("whisper.cpp-1.5.4", "whisper.cpp", "1.5.4"),
    ("vosk-api-0.3.45.tar.gz", "vosk-api", "0.3.45"),
    ("kaldi-master", "kaldi-master", ""),
    ("2048-game", "2048-game", ""),
    ("foo", "foo", ""),
    ("foo.tar.gz", "foo", ""),
])
def test_split_name_version(base: str, name: str, version: str) -> None:
    assert split_name_version(base) == (name, version)


@pytest.mark.parametrize(("raw", "name"), [
    ("foo", "foo"), ("Stockfish-sf", "stockfish-sf"), ("My Project", "my-project"),
    ("a_b", "a-b"), ("whisper.cpp", "whisper.cpp"), ("gtk+", "gtk+"), ("x", "upstream"),
    ("日本語", "upstream"), ("-lead", "lead"),
])
def test_source_name(raw: str, name: str) -> None:
    assert source_name(raw) == name


def test_identify(tmp_path: Path) -> None:
    tree = tmp_path / "Tess-OCR-5.3.0"
    tree.mkdir()
    assert identify(tree) == ("tess-ocr", "5.3.0")
    assert identify(tree, "tesseract") == ("tesseract", "5.3.0")
    assert identify(tmp_path / "foo_1.2.orig.tar.xz") == ("foo", "1.2")
    # "." is named after the directory it is
    assert identify(tree / ".") == ("tess-ocr", "5.3.0")


GITATTRIBUTES = """\
# LFS, as `git lfs track` writes it
*.onnx filter=lfs diff=lfs merge=lfs -text
*.bin filter=lfs diff=lfs merge=lfs -text
"with space/*.pt" filter=lfs
models/**/*.safetensors filter=lfs
/top.gguf filter=lfs
small.bin -filter
docs/ filter=lfs
!neg.onnx filter=lfs
[attr]lfsmacro filter=lfs
*.txt text
*.h5	filter=lfs
weights/** filter=lfs
ckpt[0-9].pth filter=lfs
data[!x].npy filter=lfs
"""


@pytest.mark.parametrize(("path", "pattern"), [
    ("model.onnx", "*.onnx"),
    ("deep/er/model.onnx", "*.onnx"),
    ("pytorch_model.bin", "*.bin"),
    ("sub/small.bin", None),  # a later -filter takes it out again
    ("small.bin.txt", None),
    ("with space/m.pt", "with space/*.pt"),
    ("x/with space/m.pt", None),  # a pattern with a slash is anchored
    ("models/a.safetensors", "models/**/*.safetensors"),
    ("models/a/b/c.safetensors", "models/**/*.safetensors"),
    ("other/models/a.safetensors", None),
    ("top.gguf", "/top.gguf"),
    ("sub/top.gguf", None),
    ("docs/readme.md", None),  # directory patterns never match files
    ("neg.onnx", "*.onnx"),  # negative patterns are ignored, not applied
    ("a.txt", None),
    ("keras.h5", "*.h5"),
    ("weights/x/y.dat", "weights/**"),
    ("ckpt3.pth", "ckpt[0-9].pth"),
    ("ckptx.pth", None),
    ("datay.npy", "data[!x].npy"),
    ("datax.npy", None),
])
def test_lfs_rule(path: str, pattern: str | None) -> None:
    attrs = GitAttributes(parse_gitattributes(GITATTRIBUTES))
    rule = attrs.lfs_rule(path)
    assert (rule.pattern if rule else None) == pattern


def test_rules_keep_file_and_line() -> None:
    rules = parse_gitattributes(GITATTRIBUTES)
    first = rules[0]
    assert (first.pattern, first.file, first.line, first.lfs) == (
        "*.onnx", ".gitattributes", 2, True)
    assert str(first) == "*.onnx (.gitattributes:2)"


def test_deeper_file_overrides_and_is_relative(tmp_path: Path) -> None:
    (tmp_path / "models" / "x").mkdir(parents=True)
    (tmp_path / ".gitattributes").write_text("*.pt filter=lfs\n")
    (tmp_path / "models" / ".gitattributes").write_text("keep.pt -filter\n/x/*.npz filter=lfs\n")
    attrs = GitAttributes.of_index(Index(tmp_path, "t (patched)"))
    assert attrs.lfs_rule("a/b.pt").file == ".gitattributes"
    assert attrs.lfs_rule("keep.pt").file == ".gitattributes"  # outside models/
    assert attrs.lfs_rule("models/keep.pt") is None
    assert attrs.lfs_rule("models/x/m.npz").pattern == "/x/*.npz"
    assert attrs.lfs_rule("x/m.npz") is None
    assert [r.pattern for r in attrs.lfs_rules] == ["*.pt", "/x/*.npz"]


def test_of_index_is_read_once(tmp_path: Path) -> None:
    (tmp_path / ".gitattributes").write_text("*.pt filter=lfs\n")
    index = Index(tmp_path, "t (patched)")
    assert GitAttributes.of_index(index) is GitAttributes.of_index(index)


def test_hostile_gitattributes_lines_are_skipped() -> None:
    text = ("x" * 3000 + " filter=lfs\n" '"unterminated filter=lfs\n' "[z-a] filter=lfs\n"
            "[ filter=lfs\n")
    rules = parse_gitattributes(text)
    assert [r.pattern for r in rules] == ["["]
    assert GitAttributes(rules).lfs_rule("[") is not None
