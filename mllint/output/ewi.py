"""EWI output, lintian's default (``lib/Lintian/Output/EWI.pm``; lintian-compat.md §1.1-§1.3)."""

from __future__ import annotations

from collections import Counter

from mllint import lazy
from mllint.display import CODE_RANK, TYPE_RANK, code
from mllint.hints import Hint
from mllint.output import Run
from mllint.processable import Processable

explain = lazy.module("mllint.explain")  # only -i needs the tag descriptions
textwrap = lazy.module("textwrap")  # only justified overrides are wrapped

SGR = {"E": "97;101", "W": "30;103", "I": "97;104", "P": "97;42", "X": "97;43", "C": "97;105",
       "O": "97;100"}
META = ("unused-mllint-override", "mismatched-mllint-override")


def printable(text: str) -> str:
    """EWI prints every non-printable character as ``?`` (overrides match the raw context)."""
    return "".join(c if c.isprintable() else "?" for c in text)


def sort_key(p: Processable, h: Hint) -> tuple:
    return (h.override is not None, CODE_RANK[code(h)], h.tag, TYPE_RANK.get(p.type, 99),
            p.name, h.context)


def shown_hints(run: Run) -> list[tuple[Processable, Hint]]:
    """Every displayed hint of the run, in lintian's order (§1.2); ties keep input order."""
    pairs = [(p, h) for g in run.groups for p in g.processables for h in p.hints
             if run.visibility.shown(h)]
    return sorted(pairs, key=lambda ph: sort_key(*ph))


def hint_line(p: Processable, h: Hint, color: bool, context: str | None = None) -> str:
    letter = code(h)
    kind = "" if p.type == "binary" else f" {p.type}"
    tag = f"\x1b[{SGR[letter]}m{h.tag}\x1b[0m" if color else h.tag
    ctx = printable(h.context if context is None else context)
    return f"{letter}: {p.display_name}{kind}: {tag} {ctx}"


def write(run: Run) -> str:
    lines: list[str] = []
    described: set[str] = set()
    per_tag: Counter[tuple[str, str, str]] = Counter()
    for p, h in shown_hints(run):
        key = (p.type, p.name, h.tag)
        per_tag[key] += 1
        if run.display_limit and per_tag[key] > run.display_limit:
            continue
        if run.info:
            lines.append("N:")
        if h.override is not None and h.override.justification:
            lines += textwrap.wrap(h.override.justification, run.width - 4, initial_indent="N: ",
                                   subsequent_indent="N: ", break_long_words=False,
                                   break_on_hyphens=False)
        limited = run.display_limit and per_tag[key] == run.display_limit
        context = (' ... use "--tag-display-limit 0" to see all (or pipe to a file/program)'
                   if limited else None)
        lines.append(hint_line(p, h, run.color, context))
        if run.info and h.tag not in described:
            described.add(h.tag)
            lines += explain.describe(run.tags[h.tag], h.severity)
    if run.summary:
        summary = _summary(run)
        if summary:
            lines.append(summary)
    return "".join(line + "\n" for line in lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def _summary(run: Run) -> str | None:
    """``N: <n> hint(s) overridden (<e> error(s), ...); <u> unused override(s)`` (§1.3)."""
    overridden = Counter(h.severity for g in run.groups for p in g.processables for h in p.hints
                         if h.override is not None)
    # Counted whether shown or not, as lintian's Pool.pm counts them before display filtering.
    unused = sum(1 for g in run.groups for p in g.processables for h in p.hints
                 if h.tag in META)
    if not (overridden["error"] or overridden["warning"] or overridden["info"] or unused):
        return None
    parts = [_plural(overridden[s], s) for s in ("error", "warning", "info") if overridden[s]]
    total = sum(overridden.values())
    text = f"N: {total} hint{'' if total == 1 else 's'} overridden"
    if parts:
        text += f" ({', '.join(parts)})"
    return text + f"; {unused} unused override{'' if unused == 1 else 's'}"
