"""Run mllint on every test package in testdata/ and compare the whole output line by line."""

from __future__ import annotations

import pytest

from tests.golden import Case, cases, tags_in
from mllint.tags import load_tags

CASES = cases()
UNIVERSAL = ("--exp-output", "format=universal", "-L", ">=classification", "-E")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hints(case: Case, cli) -> None:
    result = cli(*UNIVERSAL, *case.options, case.input, cwd=case.dir)
    assert result.stderr == ""
    assert result.stdout.splitlines() == case.expected
    assert not tags_in(case.expected) & case.test_against, "a Test-Against tag is expected"
    if "exit" in case.fields:
        assert result.returncode == int(case.fields["exit"])


@pytest.mark.parametrize("case", [c for c in CASES if (c.dir / "ewi").exists()],
                         ids=lambda c: c.name)
def test_ewi(case: Case, cli) -> None:
    result = cli(*case.fields.get("ewi-options", "").split(), case.input, cwd=case.dir)
    assert result.stdout == (case.dir / "ewi").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", [c for c in CASES if (c.dir / "json").exists()],
                         ids=lambda c: c.name)
def test_json(case: Case, cli) -> None:
    result = cli("--exp-output", "format=json", *case.fields.get("json-options", "").split(),
                 case.input, cwd=case.dir)
    assert result.stdout == (case.dir / "json").read_text(encoding="utf-8")


def test_every_tag_is_emitted_and_guarded() -> None:
    emitted = set().union(*(tags_in(c.expected) for c in CASES))
    guarded = set().union(*(c.test_against for c in CASES))
    missing = [t.name for t in load_tags() if t.name not in emitted]
    unguarded = [t.name for t in load_tags() if t.name not in guarded]
    assert not missing, f"no test package emits: {missing}"
    assert not unguarded, f"no look-alike guards: {unguarded}"
