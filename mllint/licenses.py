"""Licence expressions -> DFSG status: free, non-free, use-restricted or unknown.

The status of each licence name comes from ``mllint/data/licenses.tsv`` (ml-policy.md §3.8); this
module only parses expressions and combines the statuses of their symbols. Expressions are parsed
by ``license-expression`` (the ScanCode project's parser), which accepts SPDX ids, DEP-5 short names
(``GPL-2+``, ``Expat``) and multi-word symbols (``GPL-2+ with OpenSSL exception``). Text it cannot
parse (``Research use only, no commercial use``) is classified as one free-text symbol.

Combination follows the expression's meaning: with ``OR`` the recipient may pick, so the freest
part decides; with ``AND`` every part applies, so the least free decides. ``WITH`` adds an
exception, which only grants permissions, so the licence part decides. Ranks, least free first:
non-free < use-restricted < unknown < free. So ``MIT AND CC-BY-NC-4.0`` is non-free, ``non-free OR
unknown`` is unknown (the unknown part may be free) and ``free AND unknown`` is unknown.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from functools import cache
from typing import Literal, NamedTuple

from mllint import lazy, resources

Status = Literal["free", "non-free", "use-restricted", "unknown"]

_RANK: dict[Status, int] = {"non-free": 0, "use-restricted": 1, "unknown": 2, "free": 3}

MAX_EXPRESSION = 4096
"""Longest expression parsed, in characters; longer text is classified as free text (a licence
field holding a whole licence text must not cost more than its first lines)."""

LICENSE_TEXT_HEAD = 8192
"""Bytes of a licence file searched for a title or grant sentence (8 KiB)."""


class LicenseVerdict(NamedTuple):
    """What one licence expression means for the DFSG.

    ``expression`` is normalised: canonical spellings from the table, ``AND``/``OR``/``WITH`` in
    upper case, parentheses only where nesting needs them. ``reason`` is the table's reason for the
    symbol that decided (empty when nothing decided, e.g. an empty expression).
    """

    verdict: Status
    expression: str
    reason: str = ""
    symbols: tuple[str, ...] = ()  # licence names in the expression (canonical), exceptions omitted

    @property
    def is_free(self) -> bool:
        return self.verdict == "free"


class _Row(NamedTuple):
    kind: Literal["exact", "glob", "phrase"]
    pattern: str
    status: Status
    name: str  # "-": keep the symbol as written
    reason: str


class _Table(NamedTuple):
    exact: dict[str, _Row]
    globs: tuple[_Row, ...]
    phrases: tuple[_Row, ...]


def _data(name: str) -> str:
    return resources.data(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _data(name).splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def _table() -> _Table:
    exact: dict[str, _Row] = {}
    globs: list[_Row] = []
    phrases: list[_Row] = []
    for kind, pattern, status, name, reason in _rows("licenses.tsv"):
        row = _Row(kind, pattern.lower(), status, name, reason)  # type: ignore[arg-type]
        if status not in _RANK:
            raise ValueError(f"licenses.tsv: bad status {status!r} for {pattern!r}")
        if kind == "exact":
            exact[row.pattern] = row
        elif kind == "glob":
            globs.append(row)
        elif kind == "phrase":
            phrases.append(row)
        else:
            raise ValueError(f"licenses.tsv: bad kind {kind!r} for {pattern!r}")
    return _Table(exact, tuple(globs), tuple(phrases))


@cache
def _text_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(regex, re.IGNORECASE), expression)
                 for regex, expression in _rows("license-texts.tsv"))


_SPACES = re.compile(r"\s+")


def _symbol(text: str) -> LicenseVerdict:
    """Classify one licence name; unknown names keep their spelling."""
    written = _SPACES.sub(" ", text).strip()
    key = written.lower()
    table = _table()
    row = table.exact.get(key)
    if row is None:
        row = next((r for r in table.globs if fnmatchcase(key, r.pattern)), None)
    if row is None:
        # Prose uses "_" and "-" loosely ("non_commercial", "research-only").
        loose = key.replace("_", " ").replace("-", " ")
        row = next((r for r in table.phrases
                    if r.pattern in key or r.pattern.replace("-", " ") in loose), None)
    name = _spdx_spelling(written) if row is None or row.name == "-" else row.name
    if row is None:
        return LicenseVerdict("unknown", name, symbols=(name,))
    return LicenseVerdict(row.status, name, row.reason, (name,))


@cache
def _spdx_case() -> dict[str, str]:
    from license_expression import get_spdx_licensing  # 50 ms: only when a name needs it
    return {low: sym.key for low, sym in get_spdx_licensing().known_symbols_lowercase.items()}


def _spdx_spelling(name: str) -> str:
    """The SPDX list's spelling of ``name`` (``bsd-3-clause``: ``BSD-3-Clause``), or ``name``."""
    return _spdx_case().get(name.lower(), name)


# Executed on first use (mllint.lazy): ~20 ms of start-up that a run meeting no licence
# never needs.
license_expression = lazy.module("license_expression")


@cache
def _licensing() -> object:
    return license_expression.Licensing()


def _walk(node: object, nested: bool) -> LicenseVerdict:
    le = license_expression
    AND, OR = le.AND, le.OR  # noqa: N806 - the library's names for the operators
    if isinstance(node, le.LicenseWithExceptionSymbol):
        lic = _symbol(str(node.license_symbol.key))
        return LicenseVerdict(lic.verdict, f"{lic.expression} WITH {node.exception_symbol.key}",
                              lic.reason, lic.symbols)
    if isinstance(node, le.LicenseSymbol):
        return _symbol(str(node.key))
    if isinstance(node, (AND, OR)):
        parts = [_walk(arg, True) for arg in node.args]
        pick = min if isinstance(node, AND) else max
        decider = pick(parts, key=lambda v: _RANK[v.verdict])
        text = (" AND " if isinstance(node, AND) else " OR ").join(p.expression for p in parts)
        symbols = tuple(dict.fromkeys(s for p in parts for s in p.symbols))
        return LicenseVerdict(decider.verdict, f"({text})" if nested else text, decider.reason,
                              symbols)
    raise TypeError(f"unexpected licence expression node {node!r}")  # a bug, not bad input


def classify(expression: str) -> LicenseVerdict:
    """Classify a licence expression (SPDX, DEP-5 short names, Hub ids or prose).

    ``classify("GPL-2+ or Apache-2.0")`` is free; ``classify("mit and cc-by-nc-4.0")`` is
    non-free with expression ``MIT AND CC-BY-NC-4.0``. An empty expression is unknown.
    """
    text = _SPACES.sub(" ", expression).strip()
    if not text:
        return LicenseVerdict("unknown", "")
    if len(text) <= MAX_EXPRESSION:
        try:
            tree = _licensing().parse(text)  # type: ignore[attr-defined]
        except license_expression.ExpressionError:
            tree = None
        if tree is not None:
            return _walk(tree, False)
    return _symbol(text[:MAX_EXPRESSION])


_SPDX_LINE = re.compile(r"SPDX-License-Identifier:\s*(.+?)\s*(?:\*/|-->|#}|$)", re.MULTILINE)


def spdx_identifier(text: str) -> tuple[str, int] | None:
    """The expression of the first ``SPDX-License-Identifier:`` line in ``text`` and its 1-based
    line number, or ``None``."""
    match = _SPDX_LINE.search(text)
    if match is None:
        return None
    return match.group(1), text.count("\n", 0, match.start()) + 1


def identify_text(text: str) -> str | None:
    """The licence expression a licence file's text states, or ``None`` if not recognised.

    An SPDX identifier line wins; then the first title or grant sentence of
    ``mllint/data/license-texts.tsv`` found in the first :data:`LICENSE_TEXT_HEAD` characters.
    """
    spdx = spdx_identifier(text[:LICENSE_TEXT_HEAD])
    if spdx is not None:
        return spdx[0]
    flat = _SPACES.sub(" ", text[:LICENSE_TEXT_HEAD])
    for regex, expression in _text_rules():
        if regex.search(flat):
            return expression
    return None


# Names that say nothing about which licence applies: they never disagree with anything.
PLACEHOLDERS = frozenset({"other", "unknown", "none", "noassertion", ""})

# Spellings of one licence that the family rule below cannot see as one (DEP-5 calls MIT "Expat").
_FAMILY_ALIASES = {"expat": "mit", "x11": "mit", "mit/x11": "mit", "public domain": "public-domain",
                   "pd": "public-domain", "cc0": "public-domain", "unlicense": "public-domain"}
_VERSION_TAIL = re.compile(r"[-_. ]?v?\d+(?:\.\d+)*[a-z]?$")


def family(name: str) -> str:
    """A licence name without version and "or later" marks: ``GPL-3.0-or-later``, ``GPL-3+`` and
    ``gpl-3.0`` are all ``gpl``; ``CC-BY-SA-4.0`` is ``cc-by-sa``; BSD variants are ``bsd``."""
    key = name.lower().strip()
    for tail in ("+", "-or-later", "-only"):
        key = key.removesuffix(tail)
    key = _VERSION_TAIL.sub("", key) or key
    if key.startswith("bsd-"):
        key = "bsd"
    return _FAMILY_ALIASES.get(key, key)


def disagree(a: LicenseVerdict, b: LicenseVerdict) -> bool:
    """Whether two statements about one file's licence contradict each other.

    They do when both are definite and their statuses differ (free against non-free), or when they
    share no licence family (GPL-3+ against MIT). Versions are not compared (``GPL-3+`` and
    ``gpl-3.0`` agree), and a placeholder such as the Hub's ``other`` contradicts nothing.
    """
    fa = {family(s) for s in a.symbols} - PLACEHOLDERS
    fb = {family(s) for s in b.symbols} - PLACEHOLDERS
    if not fa or not fb:
        return False
    if "unknown" not in (a.verdict, b.verdict) and a.verdict != b.verdict:
        return True
    return not fa & fb
