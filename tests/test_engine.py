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
