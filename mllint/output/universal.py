"""Universal output: ``name (type): tag context``, the format of lintian's test suite
(``lib/Lintian/Output/Universal.pm``; lintian-compat.md §1.4)."""

from __future__ import annotations

from mllint.output import Run


def write(run: Run) -> str:
    out: list[str] = []
    for group in sorted(run.groups, key=lambda g: g.id):
        lines = [(p.type, f"{p.name} ({p.type}): {h.tag} {h.context}")
                 for p in group.processables for h in p.hints if run.visibility.shown(h)]
        out += [line for _, line in sorted(lines, key=lambda tl: tl[0] + tl[1], reverse=True)]
    return "".join(line + "\n" for line in out)
