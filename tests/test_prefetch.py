"""mllint.prefetch: models parsed in forked workers give the records an in-order parse gives."""

from __future__ import annotations

import os
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


def test_file_facts_are_worked_out_by_the_workers(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A check's file facts come back with the records: the check reads them, and a fact
    that raises is left for the check to compute (and report) in order."""
    root = _tree(tmp_path)
    monkeypatch.setattr(prefetch, "MIN_FILES", 0)

    def size_fact(item):
        if item.name.endswith(".onnx"):
            raise ValueError("broken")
        return ("size", item.size, os.getpid())

    index = Index(root, "t")
    prefetch.prefetch(index, 2, {"size": size_fact})
    facts = [item._facts for item in index.files()]
    assert all(f is not None and "size" in f or item.name.endswith(".onnx")
               for f, item in zip(facts, index.files()))
    pids = {f["size"][2] for f in facts if f and "size" in f}
    assert len(pids) == 2  # this process and one worker
    for item in index.files():
        if item.name.endswith(".onnx"):
            with pytest.raises(ValueError):
                item.fact("size", size_fact)
        else:
            assert item.fact("size", size_fact)[:2] == ("size", item.size)


def test_a_worker_that_dies_leaves_its_share_to_the_checks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    root = _tree(tmp_path)
    expected = _records(Index(root, "t"))
    monkeypatch.setattr(prefetch, "MIN_FILES", 0)
    share = prefetch._parse_share

    def dying(start: int, step: int):
        if start:  # the forked worker, not this process
            os.kill(os.getpid(), signal.SIGKILL)
        return share(start, step)

    monkeypatch.setattr(prefetch, "_parse_share", dying)
    index = Index(root, "t")
    prefetch.prefetch(index, 2)
    files = list(index.files())
    assert all(item._parsed is not None for item in files[0::2])
    assert all(item._parsed is None for item in files[1::2])  # left for the checks
    assert _records(index) == expected
