"""The engine's run loop: a check that raises on one file is reported and the rest still checked
(architecture.md, property 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mllint.engine import Options, run_checks
from mllint.index import Item
from mllint.processable import source_from_tree
from mllint.profiles import load_profile
from tests.conftest import TESTDATA

TREE = TESTDATA / "model-files-positive" / "tree"
VICTIM = "models/encoder.onnx"


def _hints(options: Options) -> set[tuple[str, str]]:
    p = source_from_tree(TREE, str(TREE))
    return {(h.tag, h.pointer.name) for h in run_checks(p, options) if h.check == "model-files"}


def _break_one_file(monkeypatch: pytest.MonkeyPatch) -> None:
    parse = Item._parse

    def broken(self: Item):  # a reader bug on one file only
        if self.name == VICTIM:
            raise OverflowError("boom")
        return parse(self)
    monkeypatch.setattr(Item, "_parse", broken)


def test_a_check_failing_on_one_file_goes_on_with_the_next(monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    monkeypatch.delenv("MLLINT_STRICT")
    before = _hints(Options(load_profile("debian")))
    assert {name for _, name in before} >= {VICTIM, "models/large.safetensors"}
    _break_one_file(monkeypatch)
    options = Options(load_profile("debian"))
    after = _hints(options)
    assert after == {hint for hint in before if hint[1] != VICTIM}
    assert ("check model-files failed on model-files-positive source file models/encoder.onnx:"
            " OverflowError: boom") in options.errors


def test_strict_mode_raises_the_check_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _break_one_file(monkeypatch)
    with pytest.raises(OverflowError):
        _hints(Options(load_profile("debian")))


def test_unreadable_files_and_directories_are_named_and_fail_the_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """chmod 000 on a model or a directory (newcomer trial): the run says what it could not
    check and exits 1 instead of passing in silence. Root reads anything, so the refusals are
    simulated at the two places mllint reads: the head of a file and a directory listing."""
    from mllint import cli, index

    tree = tmp_path / "pkg"
    (tree / "models").mkdir(parents=True)
    (tree / "models" / "classifier.safetensors").write_bytes(b"x" * 64)
    (tree / "locked").mkdir()
    (tree / "README").write_text("hello\n")
    real_head, real_scandir = index._read_head, index.os.scandir

    def head(path: str):
        if path.endswith("classifier.safetensors"):
            raise PermissionError(13, "Permission denied")
        return real_head(path)

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(index, "_read_head", head)
    monkeypatch.setattr(index.os, "scandir", scandir)
    assert cli.main(["-j1", str(tree)]) == 1
    captured = capsys.readouterr()
    assert "ml-model-corrupt" not in captured.out  # unread is not broken (newcomer trial)
    err = captured.err.splitlines()
    assert err == ["mllint: pkg source: cannot read locked/: Permission denied",
                   "mllint: pkg source: cannot read models/classifier.safetensors: "
                   "Permission denied"]
