"""A small reader for makefiles (debian/rules, upstream Makefiles): rules, recipes, variables and
the conditionals each line sits in.

GNU make itself cannot be used: running it executes the package. This reader does what the
provenance checks need and no more: logical lines (backslash continuations joined), simple
variable assignments expanded at most :data:`MAX_EXPANSION` levels deep, explicit rules with their
recipe lines, and for every line the stack of ``ifeq``/``ifneq``/``ifdef``/``ifndef`` conditions
that guard it, with the branch taken (GNU make manual, "Conditional Parts of Makefiles").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_EXPANSION = 5
"""Levels of ``$(VAR)`` expansion; deeper references stay as written."""
MAX_EXPANDED = 64 << 10
"""Longest expansion kept, in characters (64 KiB): ``A = $(A) $(A)`` doubles at every level, so
expansion stops once a line grows past this."""

_ASSIGN = re.compile(
    r"^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?::{1,3}=|\?=|\+=|=)\s*(.*)$")
_RULE = re.compile(r"^([^\t#=:][^=:]*?)\s*::?\s*(?![=])(.*)$")
_REF = re.compile(r"\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]")
_CONDITIONAL = re.compile(r"^(ifeq|ifneq|ifdef|ifndef)\b\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Guard:
    """One enclosing conditional: its directive and text, and whether the line is in its
    ``else`` branch."""

    directive: str
    condition: str
    negated: bool
    chained: bool = False  # opened by "else ifeq ...": closed by its chain's single endif


@dataclass(slots=True)
class Rule:
    """An explicit rule: targets and prerequisites as written, its 1-based line, recipe lines
    (line number, text without the leading tab) and the conditionals around the rule line."""

    targets: list[str]
    prereqs: list[str]
    line: int
    guards: tuple[Guard, ...]
    recipe: list[tuple[int, str, tuple[Guard, ...]]] = field(default_factory=list)


@dataclass(slots=True)
class Makefile:
    variables: dict[str, str] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)

    def expand(self, text: str, target: str = "", prereqs: tuple[str, ...] = ()) -> str:
        """Replace ``$(VAR)`` from simple assignments and the automatic variables ``$@``,
        ``$<``, ``$^``; unknown references are kept; ``$$`` becomes ``$``."""
        for _ in range(MAX_EXPANSION):
            new = _REF.sub(lambda m: self.variables.get(m.group(1), m.group(0)), text)
            if new == text or len(new) > MAX_EXPANDED:
                break
            text = new
        text = text.replace("$@", target).replace("$<", prereqs[0] if prereqs else "")
        return text.replace("$^", " ".join(prereqs)).replace("$$", "$")

    def default_goal(self) -> Rule | None:
        """The first rule whose first target is not special (``.PHONY``) or a pattern: what a
        plain ``make`` builds (GNU make manual, "How make Processes a Makefile")."""
        for rule in self.rules:
            first = rule.targets[0] if rule.targets else ""
            if first and not first.startswith(".") and "%" not in first:
                return rule
        return None

    def rules_for(self, target: str) -> list[Rule]:
        return [r for r in self.rules if target in (self.expand(t) for t in r.targets)]

    def reachable(self, start: Rule, limit: int = 500) -> list[Rule]:
        """``start`` and the rules its prerequisites name, transitively (at most ``limit``)."""
        seen: list[Rule] = []
        todo = [start]
        while todo and len(seen) < limit:
            rule = todo.pop()
            if any(r is rule for r in seen):
                continue
            seen.append(rule)
            for prereq in rule.prereqs:
                todo.extend(self.rules_for(self.expand(prereq)))
        return seen


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(1-based first line, text) with backslash-newline continuations joined by a space."""
    out: list[tuple[int, str]] = []
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if raw.endswith("\\"):
            pending += raw[:-1] + " "
            continue
        out.append((start, pending + raw))
        pending = ""
    if pending:
        out.append((start, pending))
    return out


def parse(text: str) -> Makefile:
    """Read ``text`` as a makefile; never raises (unparsable lines are skipped)."""
    mk = Makefile()
    guards: list[Guard] = []
    current: Rule | None = None
    for number, line in logical_lines(text):
        if line.startswith("\t"):
            if current is not None:
                body = line[1:].strip()
                if body and not body.startswith("#"):
                    current.recipe.append((number, body, tuple(guards)))
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cond = _CONDITIONAL.match(stripped)
        if cond:
            guards.append(Guard(cond.group(1), cond.group(2), False))
            continue
        if stripped.startswith("else"):
            if guards:
                g = guards.pop()
                rest = stripped[4:].strip()
                nested = _CONDITIONAL.match(rest)
                guards.append(Guard(g.directive, g.condition, True, g.chained))
                if nested:  # "else ifeq ...": a new condition inside the else branch
                    guards.append(Guard(nested.group(1), nested.group(2), False, chained=True))
            continue
        if stripped.startswith("endif"):
            while guards and guards[-1].chained:  # one endif closes an else-if chain
                guards.pop()
            if guards:
                guards.pop()
            continue
        assign = _ASSIGN.match(stripped)
        if assign and not _looks_like_rule(stripped):
            mk.variables.setdefault(assign.group(1), assign.group(2).strip())
            current = None
            continue
        rule = _RULE.match(stripped)
        if rule and not stripped.startswith(("include", "-include", "define", "endef", "vpath")):
            targets = rule.group(1).split()
            prereqs = rule.group(2).split(";")[0].split("#")[0].split()
            current = Rule(targets, prereqs, number, tuple(guards))
            mk.rules.append(current)
            inline = rule.group(2).split(";", 1)
            if len(inline) == 2 and inline[1].strip():
                current.recipe.append((number, inline[1].strip(), tuple(guards)))
            continue
        current = None
    return mk


def _looks_like_rule(line: str) -> bool:
    """``a: b=c`` is a target-specific assignment, a rule line; ``a := b`` is an assignment."""
    colon = line.find(":")
    equal = line.find("=")
    return 0 <= colon < equal and line[colon + 1:colon + 2] != "="

