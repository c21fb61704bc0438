"""mllint.prefetch: models parsed in forked workers give the records an in-order parse gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mllint import prefetch
from mllint.index import Index
from tests.conftest import TESTDATA

CASES = ("container-models", "classic-models", "pickle-models", "container-corrupt",
         "text-models", "framework-models")


def _tree(tmp_path: Path) -> Path:
    """Several golden packages side by side: models, broken models and plain files."""
    root = tmp_path / "tree"
    for case in CASES:
        shutil.copytree(TESTDATA / case / "tree", root / case, symlinks=True)
    return root


def _records(index: Index) -> dict[str, tuple[object, ...]]:
    """Each file's header record and error, as text (a record's member errors are exceptions,
    which compare by identity, so a pickled copy is compared by its repr), head, size and mode."""
    return {item.name: (repr(item.model), repr(item.model_error), item.head, item.size,
                        item.mode) for item in index.files()}


@pytest.mark.parametrize("workers", [2, 3])
def test_prefetched_records_equal_an_in_order_parse(tmp_path: Path, workers: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)
    expected = _records(Index(root, "t"))
    assert any(model != "None" for model, *_ in expected.values())
    assert any(error != "None" for _, error, *_ in expected.values())
    monkeypatch.setattr(prefetch, "MIN_FILES", 0)
    index = Index(root, "t")
    prefetch.prefetch(index, workers)
    # nothing left to parse or to read
    assert all(item._parsed is not None and item._head is not None for item in index.files())
    assert _records(index) == expected


def test_small_trees_and_one_worker_are_left_to_the_checks(tmp_path: Path) -> None:
    index = Index(_tree(tmp_path), "t")
    prefetch.prefetch(index, 2)  # fewer than MIN_FILES files
    prefetch.prefetch(index, 1)
    assert all(item._parsed is None for item in index.files())
