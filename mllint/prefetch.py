"""Identify and read an index's models in parallel before the checks run.

The checks ask every file for its header record (:attr:`mllint.index.Item.model`) one after
another; on a large tree that sniffing and header reading is much of mllint's own work (pytorch:
the c-array reader alone is 2.4 s). Here the files of one index are shared out by position among
``workers`` processes forked from this one (they inherit the index; nothing is sent to them);
each parses its share and sends back the records of the files that are models or broken,
every file's head and status, which the checks would otherwise read a second time here, and the
checks' per-file facts (:attr:`mllint.check.Check.file_facts`: the download analysis of each
code file).
This process parses its own share meanwhile. The result is the same as parsing in order: each
file's record depends on that file alone (and its siblings on disk, read the same way).

A failure of the pool (no fork, a worker killed, a record that does not pickle) leaves that
share unparsed, and the checks parse it here as they would have anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from mllint.formats import FormatError, ModelInfo
from mllint.index import Index, Item

MIN_FILES = 2000  # below this a fork costs more than it saves (about 10 ms per worker)

_FILES: list[Item] = []  # the files being prefetched; forked workers inherit the list

_FACTS: dict[str, Callable[[Item], object]] = {}  # likewise: the checks' file facts

Parsed = tuple[ModelInfo | None, FormatError | None]
Read = tuple[bytes | None, int | None, int | None, dict[str, object] | None]
Share = tuple[dict[int, Parsed], list[Read]]


def _parse_share(start: int, step: int) -> Share:
    """Parse files ``start, start + step, ...`` and work out their facts; return the records
    that are not empty, by position, and each file's head, size, mode and facts, in share
    order. A fact that raises is left for the check to compute again, and report."""
    found = {}
    read = []
    for i in range(start, len(_FILES), step):
        item = _FILES[i]
        parsed = item._parse()
        if parsed != (None, None):
            found[i] = parsed
        for key, compute in _FACTS.items():
            try:
                item.fact(key, compute)
            except Exception:  # noqa: BLE001 - reported when the check meets it in order
                pass
        read.append((item._head, item._size, item._mode, item._facts))
    return found, read


def prefetch(index: Index, workers: int,
             facts: dict[str, Callable[[Item], object]] | None = None) -> None:
    """Parse the models of ``index`` and work out ``facts`` for its files with ``workers``
    processes in all (this one included); nothing for fewer than :data:`MIN_FILES` files or
    one worker."""
    global _FILES, _FACTS
    files = list(index.files())
    if workers < 2 or len(files) < MIN_FILES:
        return
    # Imported here: 25 ms of start-up that a small input never needs.
    import multiprocessing
    import pickle  # our own records between our own processes, never package content
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _FILES, _FACTS = files, facts or {}
    try:
        with ProcessPoolExecutor(workers - 1,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            shares = {k: pool.submit(_parse_share, k, workers) for k in range(1, workers)}
            _parse_share(0, workers)
            for k, future in shares.items():
                try:
                    found, read = future.result()
                except (BrokenProcessPool, OSError, pickle.PicklingError, AttributeError,
                        TypeError):
                    continue  # that share is parsed later, here, by the checks
                for i, (head, size, mode, done) in zip(range(k, len(files), workers), read):
                    item = files[i]
                    item._parsed = found.get(i, (None, None))
                    item._facts = done
                    if head or size is not None:  # else unreadable there: read here again,
                        item._head, item._size, item._mode = head, size, mode  # to report it
    except (OSError, BrokenProcessPool):
        pass
    finally:
        _FILES, _FACTS = [], {}
