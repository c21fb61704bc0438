"""identify() orders the heuristic sniffers by extension through lookups and a cache; the order
must be the one the plain per-file sort gives, for every extension the registry knows and for
names that only share a suffix with one, and the cache must hold across distinct file names.

identify() also skips sniffers whose declared lead lacks the head's first byte, those whose
declared marks the head lacks, binary ones for heads without a NUL at their start, and named
ones for other names: that must never change its answer, on every file of the golden test
packages and on random heads."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mllint.formats import (
    BINARY_SPAN,
    HEAD_SIZE,
    Format,
    _heuristic_for,
    _heuristic_order,
    all_formats,
    identify,
)
from tests.conftest import TESTDATA


def plain_order(name: str, first: int = 256) -> list[str]:
    lname = name.lower()
    heuristic = [f for f in all_formats() if not f.magic
                 and (f.lead is None or first < 256 and first in f.lead)
                 and (not f.named or any(lname.endswith(e) for e in f.extensions))]
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
    assert [f.id for f in _heuristic_for(name.lower(), 256)] == plain_order(name)
    for first in (0x08, 0x0A, ord("#"), ord("s"), 0x80, 0x1F):
        assert [f.id for f in _heuristic_for(name.lower(), first)] == plain_order(name, first)


def test_order_is_cached_across_distinct_names() -> None:
    # A cache keyed on the name would miss on every file of a tree (mod1.py, mod2.py, ...).
    _heuristic_for("warm-up.py", ord("i"))
    _heuristic_for("warm-up.onnx", 0x08)
    before = _heuristic_order.cache_info()
    for i in range(200):
        _heuristic_for(f"module{i}.py", ord("i"))
        _heuristic_for(f"weights{i}.onnx", 0x08)
    after = _heuristic_order.cache_info()
    assert after.misses == before.misses
    assert after.hits - before.hits >= 399


def test_identify_depends_on_content_not_cache_state() -> None:
    text = b"svm_type c_svc\nkernel_type rbf\ngamma 0.5\nnr_class 2\ntotal_sv 1\nrho 0\n" \
           b"label 1 -1\nnr_sv 1 0\nSV\n1 1:0.5\n"
    first = identify(text, len(text), "a.model")
    assert first is not None
    assert identify(text, len(text), "A.MODEL") is first
    assert identify(b"hello world\n", 12, "a.model") is None


def identify_without_leads(head: bytes, size: int, name: str) -> str | None:
    """identify() as it was before leads: every magic sniffer, then every heuristic one."""
    magic = [f for f in all_formats() if f.magic]
    heuristic = sorted((f for f in all_formats() if not f.magic),
                       key=lambda f: not any(name.lower().endswith(e) for e in f.extensions))
    return next((f.id for f in magic + heuristic if f.sniff(head, size, name)), None)


def golden_files() -> list[tuple[str, bytes, int]]:
    found = []
    for directory, _, files in os.walk(TESTDATA):
        for name in files:
            path = os.path.join(directory, name)
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as f:
                    found.append((name, f.read(HEAD_SIZE), os.path.getsize(path)))
    return found


def test_leads_admit_every_model_of_the_golden_packages() -> None:
    models = 0
    for name, head, size in golden_files():
        for fmt in all_formats():
            if head and fmt.sniff(head, size, name):
                assert fmt.lead is None or head[0] in fmt.lead, (name, fmt.id)
                assert not fmt.binary or b"\0" in head[:BINARY_SPAN], (name, fmt.id)
                assert not fmt.marks or any(head.startswith(mark, offset)
                                            for offset, mark in fmt.marks), (name, fmt.id)
        got = identify(head, size, name)
        assert (got and got.id) == identify_without_leads(head, size, name), name
        models += got is not None
    assert models > 100  # the golden packages hold a model of every format


@settings(max_examples=300, deadline=None)
@given(first=st.integers(0, 255), rest=st.binary(max_size=64),
       name=st.sampled_from(["m.pb", "a.model", "x.bin", "w.weights", "README", "m.onnx",
                             "weights.h", "net.cfg"]))
def test_leads_never_change_identify_on_random_heads(first: int, rest: bytes, name: str) -> None:
    head = bytes([first]) + rest
    got = identify(head, len(head), name)
    assert (got and got.id) == identify_without_leads(head, len(head), name)


MARKED = [f for f in all_formats() if f.marks]


def test_marks_are_declared_where_a_signature_follows_a_field_of_any_value() -> None:
    assert {f.id for f in MARKED} >= {"safetensors", "tflite", "tar", "hdf5-keras"}


@settings(max_examples=300, deadline=None)
@given(fmt=st.sampled_from(MARKED), which=st.integers(0, 7), fill=st.binary(min_size=300,
       max_size=600), name=st.sampled_from(["m.safetensors", "x.bin", "a.tar", "m.h5", "x"]))
def test_marks_never_change_identify_on_marked_heads(fmt: Format, which: int, fill: bytes,
                                                     name: str) -> None:
    offset, mark = fmt.marks[which % len(fmt.marks)]
    head = (fill + bytes(offset))[:offset] + mark + fill
    got = identify(head, len(head), name)
    assert (got and got.id) == identify_without_leads(head, len(head), name)
