"""Which hints are shown and which count for the exit status (lintian-compat.md §2.2, §2.4).

Display levels follow lintian's ``-L`` grammar; the start state, the fixed order in which
``--default-display-level``, ``-I``, ``--pedantic`` and ``-L`` apply, and the ``--tags`` rule are
those of lintian's ``bin/lintian``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mllint.hints import Hint
from mllint.tags import SEVERITIES

LETTERS = {"error": "E", "warning": "W", "info": "I", "pedantic": "P", "classification": "C"}
CODE_RANK = {"E": 30, "W": 40, "I": 50, "P": 60, "X": 70, "C": 80, "O": 90}
TYPE_RANK = {"source": 30, "binary": 40, "udeb": 50, "changes": 60, "buildinfo": 70}
FAIL_ON = ("error", "warning", "info", "pedantic", "experimental", "override", "none")
LEVEL = re.compile(r"^([=+-]?)(<=|>=|<|>|=)?([a-z]+)$")


class UsageError(Exception):
    """A bad option value; the message is printed as one line and mllint exits 1."""


@dataclass
class DisplayLevel:
    shown: set[str] = field(default_factory=lambda: {"warning", "error"})

    def apply(self, spec: str) -> None:
        """Apply one ``[OP][REL]SEV`` constraint. Raises :class:`UsageError`."""
        m = LEVEL.match(spec.strip())
        if not m or m.group(3) not in SEVERITIES:
            raise UsageError(f"Invalid display constraint {spec}")
        op, rel, sev = m.group(1) or "=", m.group(2) or "=", m.group(3)
        rank = SEVERITIES.index(sev)
        chosen = {s for i, s in enumerate(SEVERITIES) if (
            (rel == "=" and i == rank) or (rel == "<" and i < rank) or (rel == "<=" and i <= rank)
            or (rel == ">" and i > rank) or (rel == ">=" and i >= rank))}
        if op == "=":
            self.shown = chosen
        elif op == "+":
            self.shown |= chosen
        else:
            self.shown -= chosen


def code(hint: Hint) -> str:
    """The EWI letter: the severity's, then X if experimental, then O if overridden."""
    if hint.override is not None:
        return "O"
    if hint.experimental:
        return "X"
    return LETTERS[hint.severity]


@dataclass
class Visibility:
    level: DisplayLevel
    experimental: bool = False
    show_overrides: bool = False

    def shown(self, hint: Hint) -> bool:
        if hint.severity not in self.level.shown:
            return False
        if hint.experimental and not self.experimental:
            return False
        return hint.override is None or self.show_overrides


def parse_fail_on(values: list[str]) -> set[str]:
    """``--fail-on`` values, comma lists, repeated. Raises :class:`UsageError`."""
    chosen = {v.strip() for value in values for v in value.split(",") if v.strip()}
    for v in chosen:
        if v not in FAIL_ON:
            raise UsageError(f"Unrecognized fail-on argument: {v}")
    if "none" in chosen and len(chosen) > 1:
        raise UsageError("Cannot combine 'none' with other conditions: --fail-on")
    return chosen - {"none"}


def counts_as(hint: Hint) -> str | None:
    """What a hint counts as for ``--fail-on`` (``Pool.pm``), displayed or not: overridden
    ones as ``override``, experimental ones as ``experimental``; classification never."""
    if hint.override is not None:
        return "override"
    if hint.experimental:
        return "experimental"
    return None if hint.severity == "classification" else hint.severity
