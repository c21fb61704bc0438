"""identify() orders the heuristic sniffers by extension through lookups and a cache; the order
must be the one the plain per-file sort gives, for every extension the registry knows and for
names that only share a suffix with one, and the cache must hold across distinct file names."""

from __future__ import annotations

import pytest

from mllint.formats import _heuristic_for, _heuristic_order, all_formats, identify


def plain_order(name: str) -> list[str]:
    lname = name.lower()
    heuristic = [f for f in all_formats() if not f.magic]
    heuristic.sort(key=lambda f: not any(lname.endswith(e) for e in f.extensions))
    return [f.id for f in heuristic]


def names() -> list[str]:
    exts = sorted({e for f in all_formats() for e in f.extensions})
    found = ["", "x", "README", "model", ".", "..", "a.", ".bin", "a.b.c.d.e.f.g.h.i.j.k.l"]
    for e in exts:
        found += [f"m{e}", f"M{e.upper()}", f"long-prefix.tar{e}", e[1:], f"m{e}.orig",
                  f"x{e[1:]}", f"m.{e}"]
    return found


@pytest.mark.parametrize("name", names())
def test_order_matches_plain_sort(name: str) -> None:
    assert [f.id for f in _heuristic_for(name.lower())] == plain_order(name)


def test_order_is_cached_across_distinct_names() -> None:
    # A cache keyed on the name would miss on every file of a tree (mod1.py, mod2.py, ...).
    _heuristic_for("warm-up.py")
    before = _heuristic_order.cache_info()
    for i in range(200):
        _heuristic_for(f"module{i}.py")
        _heuristic_for(f"weights{i}.onnx")
    after = _heuristic_order.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 399


def test_identify_depends_on_content_not_cache_state() -> None:
    text = b"svm_type c_svc\nkernel_type rbf\ngamma 0.5\nnr_class 2\ntotal_sv 1\nrho 0\n" \
           b"label 1 -1\nnr_sv 1 0\nSV\n1 1:0.5\n"
    first = identify(text, len(text), "a.model")
    assert first is not None
    assert identify(text, len(text), "A.MODEL") is first
    assert identify(b"hello world\n", 12, "a.model") is None
