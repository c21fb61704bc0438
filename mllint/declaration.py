"""``debian/ml-models``: what a maintainer declares about each model (ml-policy.md §6, tags.md).

A deb822 file: a header stanza with ``Format: mllint-ml-models/0.1``, then stanzas whose ``Files:``
holds DEP-5 globs, as in ``debian/copyright``; the last stanza matching a file applies to it. The
fields are declared data (:data:`FIELDS`), read by the parser, the ``debian-ml-models-*`` checks
and ``--emit-ml-models`` alike. The file is parsed with python-debian's round-trip deb822 parser,
which keeps line positions and turns unparsable lines into error elements instead of raising.
A declaration points; it does not vouch (ml-policy.md §6): the values are kept as written,
except a line that still holds a :class:`Placeholder` from an unedited ``--emit-ml-models``
draft: it states nothing, so it is left out of the stanza (absent for the provenance, licensing
and class checks alike) and reported as a syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from mllint.copyright import compile_glob
from mllint.processable import ML_MODELS

if TYPE_CHECKING:
    from debian._deb822_repro.parsing import Deb822ParagraphElement

PATH = ML_MODELS
SPEC_FORMAT = "mllint-ml-models/0.1"
"""The header ``Format:`` this version reads (the token is fixed where the spec is published)."""

MAX_DECLARATION = 1 << 20
"""Largest declaration read, in bytes (1 MiB; a real one is a few KiB)."""

Where = Literal["header", "stanza", "both"]

AVAILABILITY = ("directdownload", "clickthrough", "registration", "query", "scrapingscript",
                "on-request", "private", "unknown", "synthetic", "self-play")
"""Training-Data-Availability values: SPDX 3 datasetAvailability, then mllint's additions
(ml-policy.md §6, debian/ml-models)."""


class Placeholder(StrEnum):
    """What ``--emit-ml-models`` writes where only the maintainer knows the value: the one
    definition of an unfilled placeholder, shared by the draft (which writes these strings) and
    the parser (which treats a line still holding one as absent and reports it). Matching the
    exact strings, not any ``<...>``, keeps prose such as ``Jane <jane@example.org>`` a value."""

    NAME = "<name>"
    LOCATION = "<location>"
    LICENSE = "<license>"
    DATA_LOCATION = "<url, path or pkg:deb/debian/pkg>"
    CODE_LOCATION = "<path or url@commit>"
    AVAILABILITY = "<one of: " + ", ".join(AVAILABILITY) + ">"


def unfilled(text: str) -> bool:
    """Whether ``text`` still holds a :class:`Placeholder` the maintainer did not fill in."""
    return any(p in text for p in Placeholder)


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the spec. ``values``: the closed set of allowed values (lower case), if any;
    ``per_line``: one entry per line (``Training-Data``); ``where``: header or file stanzas."""

    name: str
    doc: str
    where: Where = "stanza"
    values: frozenset[str] = frozenset()
    per_line: bool = False
    placeholder: str = ""  # what --emit-ml-models writes when nothing was detected (Placeholder)


FIELDS: dict[str, Field] = {f.name.lower(): f for f in (
    Field("Format", "Header: the spec version, " + SPEC_FORMAT + ". In a file stanza: the model "
          "format as mllint's reader id (onnx, gguf, safetensors, ...).", where="both"),
    Field("Files", "DEP-5 globs of the model files in the source; binds the stanza to them.",
          per_line=True),
    Field("Installed-Files", "Paths in binary packages, or 'embedded-in <path>'.", per_line=True),
    Field("SHA256", "Hex digest of the file as shipped in the source; mllint verifies it."),
    Field("License", "SPDX or DEP-5 licence expression, equal to debian/copyright's."),
    Field("Base-Model", "Per line: <name> <location> <license>.", per_line=True),
    Field("Training-Data", "Per line: <name> <location or none> <license or none> "
          "[sha256=<hex>]; location is a URL, a source path or pkg:deb/debian/<pkg>.",
          per_line=True, placeholder=f"{Placeholder.NAME} {Placeholder.DATA_LOCATION} "
                                     f"{Placeholder.LICENSE}"),
    Field("Training-Data-Availability", "How the data can be had (SPDX datasetAvailability, "
          "or on-request, private, unknown, synthetic, self-play).",
          values=frozenset(AVAILABILITY), placeholder=Placeholder.AVAILABILITY),
    Field("Training-Code", "Per line: a source path or <url>@<commit>, then its licence.",
          per_line=True, placeholder=f"{Placeholder.CODE_LOCATION} {Placeholder.LICENSE}"),
    Field("Generated-By", "The exporter or converter that wrote the shipped file."),
    Field("Retrain-Command", "How to rebuild the model from source, e.g. debian/rules "
          "bootstrap-models."),
    Field("Reproducibility", "bitwise, numerical, statistical, none or unknown.",
          values=frozenset({"bitwise", "numerical", "statistical", "none", "unknown"})),
    Field("ML-Policy-Class", "The class the maintainer claims: free, toxic-candy or non-free.",
          values=frozenset({"free", "toxic-candy", "non-free"})),
    Field("Comment", "Free text.", where="both"),
)}

_HEX64 = re.compile(r"[0-9a-fA-F]{64}")


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a per-line field, split as the spec says; ``line`` is its 1-based line.

    ``Training-Data``: name, location, license, sha256. ``Base-Model``: name, location, license.
    ``Training-Code``: location (in ``name``), license. ``none`` is kept as ``None``.
    """

    name: str
    location: str | None
    license: str | None
    line: int
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Value:
    """A field's value as written (continuation lines joined with newlines) and its line."""

    text: str
    line: int

    def lines(self) -> list[tuple[str, int]]:
        """Non-empty lines of the value with their 1-based file lines, without the lines that
        still hold a placeholder (they state nothing)."""
        return [(t, n) for t, n in self._all_lines() if not unfilled(t)]

    def unfilled_lines(self) -> list[int]:
        """1-based file lines of the value that still hold a placeholder."""
        return [n for t, n in self._all_lines() if unfilled(t)]

    def _all_lines(self) -> list[tuple[str, int]]:
        return [(t.strip(), self.line + i) for i, t in enumerate(self.text.split("\n"))
                if t.strip() and t.strip() != "."]


@dataclass(slots=True)
class Stanza:
    """One ``Files:`` stanza. ``line`` is the line of its ``Files:`` field."""

    line: int
    fields: dict[str, Value] = field(default_factory=dict)  # keyed by lower-case field name
    unfilled_lines: list[int] = field(default_factory=list)  # lines holding a Placeholder
    _globs: tuple[tuple[str, re.Pattern[str] | None], ...] = field(default=(), repr=False)

    def value(self, name: str) -> str | None:
        found = self.fields.get(name.lower())
        return found.text.strip() if found else None

    def line_of(self, name: str) -> int:
        found = self.fields.get(name.lower())
        return found.line if found else self.line

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(g for g, _ in self._globs)

    def covers(self, name: str) -> bool:
        return any(p is not None and p.fullmatch(name) for _, p in self._globs)

    def matching(self, names: list[str]) -> dict[str, list[str]]:
        """For each glob of ``Files:``, the ``names`` it matches (invalid globs match nothing)."""
        return {g: [n for n in names if p is not None and p.fullmatch(n)] for g, p in self._globs}

    # Typed views of the fields (None or () when absent).
    @property
    def format(self) -> str | None:
        return self.value("Format")

    @property
    def sha256(self) -> str | None:
        return self.value("SHA256")

    @property
    def license(self) -> str | None:
        return self.value("License")

    @property
    def installed_files(self) -> tuple[str, ...]:
        found = self.fields.get("installed-files")
        return tuple(t for t, _ in found.lines()) if found else ()

    @property
    def training_data(self) -> tuple[Entry, ...]:
        return tuple(_entry(t, n, with_sha=True) for t, n in self._lines("Training-Data"))

    @property
    def base_model(self) -> tuple[Entry, ...]:
        return tuple(_entry(t, n) for t, n in self._lines("Base-Model"))

    @property
    def training_code(self) -> tuple[Entry, ...]:
        entries = []
        for text, line in self._lines("Training-Code"):
            location, _, license = text.partition(" ")
            entries.append(Entry(location, _none(location), _none(license.strip()), line))
        return tuple(entries)

    @property
    def training_data_availability(self) -> str | None:
        return self.value("Training-Data-Availability")

    @property
    def generated_by(self) -> str | None:
        return self.value("Generated-By")

    @property
    def retrain_command(self) -> str | None:
        return self.value("Retrain-Command")

    @property
    def reproducibility(self) -> str | None:
        return self.value("Reproducibility")

    @property
    def ml_policy_class(self) -> str | None:
        found = self.value("ML-Policy-Class")
        return found.lower() if found else None

    def _lines(self, name: str) -> list[tuple[str, int]]:
        found = self.fields.get(name.lower())
        return found.lines() if found else []


def _none(text: str) -> str | None:
    return None if not text or text.lower() == "none" else text


def _entry(text: str, line: int, with_sha: bool = False) -> Entry:
    """``<name> <location> <license...> [sha256=<hex>]``: the licence may contain spaces
    (``GPL-2+ or MIT``), so it is everything between the location and an optional checksum."""
    words = text.split()
    sha = None
    if with_sha and len(words) > 1 and words[-1].lower().startswith("sha256="):
        sha = words.pop()[len("sha256="):]
    name = words[0] if words else ""
    location = _none(words[1]) if len(words) > 1 else None
    license = _none(" ".join(words[2:]))
    return Entry(name, location, license, line, sha)


ProblemKind = Literal["syntax-error", "unknown-field"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A validation finding: ``kind`` maps to ``debian-ml-models-<kind>``; ``note`` is stable."""

    kind: ProblemKind
    line: int
    note: str


@dataclass(slots=True)
class Declaration:
    """A parsed ``debian/ml-models``. ``name`` is its item name, for pointers."""

    name: str = PATH
    format: str | None = None
    format_line: int = 0
    stanzas: list[Stanza] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def for_file(self, name: str) -> Stanza | None:
        """The stanza whose ``Files:`` covers source path ``name``; as in DEP-5, the last match
        wins."""
        found = None
        for stanza in self.stanzas:
            if stanza.covers(name):
                found = stanza
        return found

    def for_installed_file(self, name: str) -> Stanza | None:
        """The stanza whose ``Installed-Files:`` covers binary path ``name`` (last match wins);
        ``embedded-in <path>`` entries cover ``<path>``."""
        found = None
        for stanza in self.stanzas:
            for glob in stanza.installed_files:
                glob = glob.removeprefix("embedded-in").strip().lstrip("/")
                pattern = compile_glob(glob)
                if pattern is not None and pattern.fullmatch(name):
                    found = stanza
        return found


def _field_line(kv: object, lines: list[str]) -> int:
    """1-based line of a field element, skipping comment lines the parser attaches to it."""
    index = kv.position_in_file().line_position  # type: ignore[attr-defined]
    while index < len(lines) and lines[index].startswith("#"):
        index += 1
    return index + 1


def _value_text(kv: object) -> str:
    """A field's value without the leading space and with continuation lines' first space
    removed (deb822 folding)."""
    raw = kv.value_element.convert_to_text()  # type: ignore[attr-defined]
    parts = raw.split("\n")
    out = [parts[0].strip()] + [p[1:] if p.startswith((" ", "\t")) else p for p in parts[1:]]
    return "\n".join(out).strip("\n")


@cache
def _repro() -> ModuleType:
    """python-debian's round-trip deb822 parser, imported on first use: ~27 ms of start-up that
    a package without debian/ml-models never needs."""
    from debian._deb822_repro import parsing

    return parsing


def parse(text: str, name: str = PATH) -> Declaration:
    """Parse and validate declaration text. Never raises: problems are collected."""
    decl = Declaration(name)
    lines = text.splitlines(True)
    repro = _repro()
    try:
        parsed = repro.parse_deb822_file(lines, accept_files_with_error_tokens=True,
                                   accept_files_with_duplicated_fields=True)
    except ValueError as exc:  # python-debian's last resort on input it cannot tokenise
        decl.problems.append(Problem("syntax-error", 1, f"unparsable {exc}".splitlines()[0]))
        return decl
    first = True
    for part in parsed.iter_parts():
        if isinstance(part, repro.Deb822ErrorElement):
            line = part.position_in_file().line_position + 1
            decl.problems.append(Problem("syntax-error", line, "unparsable line"))
        elif isinstance(part, repro.Deb822ParagraphElement):
            _paragraph(decl, part, lines, header=first and not _has(part, "files"))
            first = False
    if decl.format is None:
        decl.problems.append(Problem("syntax-error", 1, f"no Format: {SPEC_FORMAT} header"))
    elif decl.format != SPEC_FORMAT:
        decl.problems.append(Problem("syntax-error", decl.format_line,
                                     f"unsupported Format {decl.format}"))
    return decl


def _has(paragraph: Deb822ParagraphElement, key: str) -> bool:
    return any(kv.field_name.lower() == key
               for kv in paragraph.iter_parts_of_type(_repro().Deb822KeyValuePairElement))


def _paragraph(decl: Declaration, paragraph: Deb822ParagraphElement, lines: list[str],
               header: bool) -> None:
    stanza = Stanza(line=_field_line(paragraph, lines))
    seen: set[str] = set()
    for kv in paragraph.iter_parts_of_type(_repro().Deb822KeyValuePairElement):
        key = kv.field_name
        low = key.lower()
        line = _field_line(kv, lines)
        spec = FIELDS.get(low)
        if low.startswith("x-"):
            continue
        if spec is None or spec.where == ("stanza" if header else "header"):
            where = "header" if header else "stanza"
            decl.problems.append(Problem("unknown-field", line, f"{key} in {where}"))
            continue
        if low in seen:
            decl.problems.append(Problem("syntax-error", line, f"duplicate field {key}"))
            continue
        seen.add(low)
        value = Value(_value_text(kv), line)
        if not header and low != "comment":  # a Comment is prose, never read as evidence
            holes = value.unfilled_lines()
            for hole in holes:
                decl.problems.append(Problem("syntax-error", hole,
                                             f"placeholder not filled in: {key}"))
            stanza.unfilled_lines.extend(holes)
            # An unfilled draft field is absent, whatever it would say; a per-line field keeps
            # the lines the maintainer did fill in (Value.lines() leaves the others out).
            if holes and (not spec.per_line or not value.lines()):
                continue
        stanza.fields[low] = value
        if header:
            continue
        if spec.values and value.text.strip().lower() not in spec.values:
            decl.problems.append(Problem("syntax-error", line,
                                         f"invalid {key} {value.text.strip()}"))
        elif low == "sha256" and not _HEX64.fullmatch(value.text.strip()):
            decl.problems.append(Problem("syntax-error", line, "invalid SHA256 not 64 hex digits"))
    if header:
        found = stanza.fields.get("format")
        if found is not None:
            decl.format, decl.format_line = found.text.strip(), found.line
        return
    files = stanza.fields.get("files")
    if files is None:
        decl.problems.append(Problem("syntax-error", stanza.line, "stanza without Files"))
        return
    stanza.line = files.line
    stanza._globs = tuple((g, compile_glob(g)) for g in files.text.split())
    for glob, pattern in stanza._globs:
        if pattern is None:
            decl.problems.append(Problem("syntax-error", files.line, f"invalid glob {glob}"))
    decl.stanzas.append(stanza)


@lru_cache(maxsize=16)
def parse_file(path: Path, name: str) -> Declaration:
    """The declaration at ``path`` (its first :data:`MAX_DECLARATION` bytes), parsed; cached.
    An unreadable file gives a ``Declaration`` with a syntax-error problem; nothing is raised."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_DECLARATION)
    except OSError as exc:
        return Declaration(name, problems=[Problem("syntax-error", 1,
                                                   f"unreadable {exc.strerror or exc}")])
    return parse(data.decode("utf-8", "replace"), name)
