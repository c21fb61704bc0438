"""A hint: one tag raised on one package, with its note and pointer (lintian's ``Hint::Pointed``)."""

from __future__ import annotations

from dataclasses import dataclass

from mllint.index import Pointer


@dataclass(slots=True)
class Override:
    """The override that matched a hint; ``justification`` is its comment text, possibly empty."""

    justification: str


@dataclass(slots=True)
class Hint:
    """``tag`` as emitted; ``note`` is the joined, trimmed notes (may be ``""``).

    ``check`` names the check that issued it, for ownership validation. ``severity`` is filled in
    by the engine from the tag file and the profile; ``override`` when an override matched.
    """

    tag: str
    note: str
    pointer: Pointer
    check: str
    severity: str = ""
    experimental: bool = False
    override: Override | None = None

    @property
    def context(self) -> str:
        """``note [pointer]`` exactly as lintian prints and matches it (note may be empty)."""
        ptr = f"[{self.pointer}]"
        return f"{self.note} {ptr}" if self.note else ptr


def join_notes(notes: tuple[object, ...]) -> str:
    """Lintian's ``stringify``: drop empty arguments, trim each, join with a space, and make
    a newline the two characters ``\\n`` so a note is always one line."""
    parts = (str(n).strip() for n in notes)
    return " ".join(p for p in parts if p).replace("\n", "\\n")
