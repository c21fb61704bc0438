"""Override files: lintian's syntax, parsing and matching, under mllint's own file names.

Parsing follows ``parse_overrides`` in lintian's ``lib/Lintian/Processable/Overrides.pm``;
matching follows ``process`` in ``lib/Lintian/Group.pm`` and ``match_glob`` (lintian-compat.md §4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from mllint.hints import Hint, Override
from mllint.index import Pointer


@dataclass(slots=True)
class Entry:
    """One override line. ``tag`` as written; ``pattern`` whitespace-collapsed, may be empty."""

    tag: str
    pattern: str
    justification: str
    line: int
    arches: tuple[str, ...] = ()
    used: bool = False


@dataclass(slots=True)
class ParseError:
    line: int
    message: str  # lintian's wording: "Expected a colon", "Cannot parse line: ...", ...


@cache
def _arch_table():
    # python-debian reads dpkg's own tables (/usr/share/dpkg), so wildcards match exactly as
    # `dpkg-architecture --is` does without a subprocess per override.
    from debian._arch_table import DpkgArchTable

    return DpkgArchTable.load_arch_table()


def _known_arch(name: str) -> bool:
    """A real architecture (dpkg knows its multiarch triplet) or a dpkg wildcard."""
    table = _arch_table()
    if name in ("any", "all") or table.is_wildcard(name):
        return True
    try:
        table.dpkg_arch_to_multiarch(name)
    except KeyError:
        return False
    return True


def arch_matches(arch: str, entries: Iterable[str]) -> bool:
    """Whether an override with arch list ``entries`` applies to ``arch`` (§4.3): with ``!``
    entries it applies unless one matches; otherwise only if one matches."""
    entries = list(entries)
    negated = any(e.startswith("!") for e in entries)
    hit = False
    for e in entries:
        wildcard = e.lstrip("!")
        try:
            hit = hit or _arch_table().matches_architecture(arch, wildcard)
        except (KeyError, ValueError):
            continue
    return not hit if negated else hit


TYPES = frozenset({"binary", "source", "udeb", "changes"})
# A prefix naming a package, as "name [arch] type:" does before the tag: one that is not ours
# says "possibly wrong package", as lintian's parser said; a type word that is not ours, before
# the colon, says which type the file is for (a colon-less reading called both "Expected a
# colon" or an unknown tag "name:"; newcomer trial).
OTHER_PREFIX = re.compile(
    r"^([a-z0-9][a-z0-9+.-]+)(?: \[[^\]]*\])?(?: (?:binary|source|udeb|changes))? ?:")
WRONG_TYPE = re.compile(r"^(binary|source|udeb|changes) ?:")


def parse(text: str, name: str, pkg_type: str, architecture: str,
          ) -> tuple[list[Entry], list[ParseError]]:
    """Parse an override file for package ``name`` of ``pkg_type`` (source, binary, udeb).

    Returns the entries (later duplicates of a (tag, pattern) key replace earlier ones, with their
    justification) and the malformed lines.
    """
    entries: dict[tuple[str, str], Entry] = {}
    errors: list[ParseError] = []
    comment: list[str] = []
    previous: Entry | None = None
    name_re = re.compile(rf"^{re.escape(name)}(?=[\s:])")
    type_re = re.compile(rf"^{re.escape(pkg_type)}(?=[\s:])")
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            comment, previous = [], None
            continue
        if line.startswith("#"):
            rest = re.sub(r"^#\s*", "", line)
            if rest:
                comment.append(rest)
            continue
        line = re.sub(r"\s+", " ", line)
        other = OTHER_PREFIX.match(line)
        if other and other.group(1) != name and other.group(1) not in TYPES:
            errors.append(ParseError(number, "Possibly wrong package in override "
                                             f"(got {other.group(1)}, expected {name})"))
            comment, previous = [], None
            continue
        require_colon = False
        line, n = name_re.subn("", line)
        require_colon |= bool(n)
        line = line.lstrip()
        arches: tuple[str, ...] = ()
        m = re.match(r"^\[([^\]]*)\](?=[\s:])", line)
        if m:
            arches = tuple(m.group(1).split())
            line = line[m.end():].lstrip()
            require_colon = True
        line, n = type_re.subn("", line)
        require_colon |= bool(n)
        wrong = WRONG_TYPE.match(line)
        if not n and wrong and wrong.group(1) != pkg_type:
            errors.append(ParseError(number, f"Override for package type {wrong.group(1)} "
                                             f"(expecting {pkg_type})"))
            comment, previous = [], None
            continue
        if require_colon:
            m = re.match(r"^\s*:\s*", line)
            if not m:
                errors.append(ParseError(number, "Expected a colon"))
                comment, previous = [], None
                continue
            line = line[m.end():]
        tag, _, pattern = line.partition(" ")
        if not tag:
            errors.append(ParseError(number, f"Cannot parse line: {raw.strip()}"))
            comment, previous = [], None
            continue
        if arches:
            problem = _arch_problem(arches, pkg_type, architecture)
            if problem:
                errors.append(ParseError(number, problem))
                comment, previous = [], None
                continue
        justification = " ".join(" ".join(comment).split())
        if not justification and previous is not None and previous.tag == tag:
            justification = previous.justification
        entry = Entry(tag, pattern.strip(), justification, number, arches)
        entries.pop((tag, entry.pattern), None)  # the later line wins, and keeps file order
        entries[(tag, entry.pattern)] = entry
        comment, previous = [], entry
    return list(entries.values()), errors


def _arch_problem(arches: tuple[str, ...], pkg_type: str, architecture: str) -> str | None:
    if pkg_type == "source":
        return "Architecture list in source override"
    if architecture == "all":
        return "Architecture list in Arch:all installable"
    for a in arches:
        if not _known_arch(a.lstrip("!")):
            return f"Unknown architecture wildcard {a.lstrip('!')}"
    negations = {a.startswith("!") for a in arches}
    if len(negations) > 1:
        return "Inconsistent architecture negation"
    return None


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """lintian's ``match_glob``: ``*`` any string, ``?`` one character, ``\\`` escapes, all
    else literal (``[`` too); anchored on the whole context."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if c == "*" else "." if c == "?" else re.escape(c))
        i += 1
    return re.compile("".join(out), re.DOTALL)


def matches(pattern: str, context: str) -> bool:
    if pattern.startswith("./"):
        pattern = pattern[2:]
    return _glob_regex(pattern).fullmatch(context) is not None


def apply(hints: list[Hint], entries: list[Entry], resolve, arch: str,
          ) -> None:
    """Mark the hints each override covers. ``resolve(tag) -> current name or None`` maps
    ``Renamed-From`` aliases. Overrides skipped for their architecture are marked used, so they
    are never reported as unused (§4.3)."""
    by_tag: dict[str, list[Entry]] = {}
    for e in entries:
        current = resolve(e.tag)
        if current is None:
            continue
        if e.arches and not arch_matches(arch, e.arches):
            e.used = True
            continue
        by_tag.setdefault(current, []).append(e)
    for tag_entries in by_tag.values():
        tag_entries.sort(key=lambda e: (len(e.pattern), e.line))
    for hint in hints:
        candidates = by_tag.get(hint.tag)
        if not candidates:
            continue
        empty = next((e for e in candidates if not e.pattern), None)
        chosen = empty or next((e for e in candidates if matches(e.pattern, hint.context)), None)
        if chosen is not None:
            chosen.used = True
            hint.override = Override(chosen.justification)


def unused(entries: list[Entry], emitted: set[str], resolve, file: str, index: str,
           ) -> list[tuple[str, str, Pointer]]:
    """(meta-tag, note, pointer) for each override that matched nothing: ``mismatched-`` when
    its tag was emitted for the package at all, ``unused-`` otherwise (§4.3)."""
    out = []
    for e in entries:
        current = resolve(e.tag)
        if e.used or current is None:
            continue
        meta = "mismatched-mllint-override" if current in emitted else "unused-mllint-override"
        out.append((meta, f"{e.tag} {e.pattern}", Pointer(file, e.line, index)))
    return out
