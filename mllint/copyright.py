"""``debian/copyright`` in the machine-readable format (DEP-5), read with python-debian.

What the licensing checks need from it: for a path, the ``Files:`` stanza that applies (the spec:
"the last stanza that matches a particular file applies to it", copyright-format 1.0 §Files),
that stanza's ``License:`` synopsis, ``Comment:`` and first line, and whether the path was matched
only by ``Files: *``; from the header, ``Files-Excluded:``, ``Disclaimer:`` (where ML-Policy asks
for its identifier) and the upstream fields. A file that is not DEP-5 gives an object with
``machine_readable`` False and no stanzas; parsing never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debian.copyright import Copyright, FilesParagraph

MAX_COPYRIGHT = 4 << 20
"""Largest debian/copyright read, in bytes (4 MiB; the biggest in the archive are ~2 MiB)."""


@dataclass(frozen=True, slots=True)
class Stanza:
    """One ``Files:`` stanza: its globs, licence synopsis, comment and 1-based ``Files:`` line."""

    files: tuple[str, ...]
    license: str
    comment: str
    line: int
    license_text: str  # the stanza's own licence text, else a standalone License paragraph's
    star: bool  # one of the globs is "*"
    _specific: tuple[re.Pattern[str], ...] = field(repr=False, compare=False)  # the other globs


@dataclass(frozen=True, slots=True)
class CopyrightMatch:
    """The stanza that applies to one path.

    ``wildcard_only``: no stanza names the path more precisely than ``Files: *``, i.e. the
    copyright file says nothing about this file in particular.
    """

    license: str
    line: int
    wildcard_only: bool
    comment: str
    files: tuple[str, ...]
    license_text: str = ""


@dataclass(frozen=True, slots=True)
class HeaderField:
    value: str
    line: int


@dataclass(slots=True)
class CopyrightFile:
    """A parsed ``debian/copyright``. ``name`` is its item name, for pointers."""

    name: str
    machine_readable: bool = False
    error: str = ""
    stanzas: list[Stanza] = field(default_factory=list)
    header: dict[str, HeaderField] = field(default_factory=dict)  # lower-case field name
    # The header's License: "the license information for the package as a whole" (copyright-
    # format 1.0 §Header), for files no Files stanza names (festvox-us-slt-hts has no Files: *).
    package_license: CopyrightMatch | None = None

    @property
    def files_excluded(self) -> tuple[str, ...]:
        found = self.header.get("files-excluded")
        return tuple(found.value.split()) if found else ()

    @property
    def disclaimer(self) -> HeaderField | None:
        return self.header.get("disclaimer")

    def match(self, path: str, trailing: bool = False) -> CopyrightMatch | None:
        """The stanza that applies to ``path`` (relative to the source root), last match winning.

        ``trailing``: ``path`` is an installed path (``usr/share/foo/models/m.onnx``) whose source
        name is unknown; the non-``*`` globs are then tried against each trailing part of it
        (``models/m.onnx``, ``m.onnx``), a heuristic for binaries scanned without their source.
        """
        candidates = [path]
        if trailing:
            parts = PurePosixPath(path).parts
            candidates = ["/".join(parts[i:]) for i in range(len(parts))]
        winner: Stanza | None = None
        specific = False
        for stanza in self.stanzas:
            named = any(p.fullmatch(c) for p in stanza._specific for c in candidates)
            if named or stanza.star:
                winner = stanza
                specific = specific or named
        if winner is None:
            return None
        return CopyrightMatch(winner.license, winner.line, not specific, winner.comment,
                              winner.files, winner.license_text)


@cache
def _python_debian() -> ModuleType:
    """``debian.copyright``, imported on first use: with ``debian.deb822`` it costs ~45 ms of
    start-up, which a run without a debian/copyright (a single model file) never needs."""
    import logging

    from debian import copyright as dep5

    # python-debian logs format complaints ("format not known") through these loggers; mllint
    # reports problems as hints, and its output must stay machine-readable.
    for name in ("debian.copyright", "debian.deb822"):
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    return dep5


def compile_glob(glob: str) -> re.Pattern[str] | None:
    """A DEP-5 glob (``*``, ``?``, backslash escapes) as an anchored regex; ``None`` if invalid."""
    try:
        return _python_debian().globs_to_re([glob])  # type: ignore[no-any-return]
    except ValueError:  # an invalid glob matches nothing; the stanza's other globs still apply
        return None


def _line_of(paragraph: object, name: str, lines: list[str]) -> int:
    """1-based line of field ``name`` in a python-debian paragraph, skipping the comment lines
    that the round-trip parser attaches to the field."""
    # _underlying_paragraph is python-debian's round-trip element (debian._deb822_repro); it is
    # the only place that knows where a field sits in the file.
    element = paragraph._underlying_paragraph.get_kvpair_element(name)  # type: ignore[attr-defined]
    if element is None:
        return 0
    index = element.position_in_file().line_position
    while index < len(lines) and lines[index].startswith("#"):
        index += 1
    return index + 1


def parse(text: str, name: str = "debian/copyright") -> CopyrightFile:
    """Parse copyright text; a non-DEP-5 or broken file gives ``machine_readable=False``."""
    result = CopyrightFile(name)
    lines = text.splitlines(True)
    dep5 = _python_debian()
    try:
        parsed = dep5.Copyright(lines, strict=False)
    except (dep5.Error, ValueError) as exc:
        result.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return result
    header = parsed.header
    result.machine_readable = "Format" in header and header.known_format()
    if not result.machine_readable:
        result.error = "no known Format: in the header"
        return result
    for key in header:
        result.header[key.lower()] = HeaderField(str(header[key]), _line_of(header, key, lines))
    texts: dict[str, str] = {}
    for paragraph in parsed.all_license_paragraphs():
        try:
            standalone = paragraph.license
        except ValueError:
            continue
        if standalone is not None and standalone.text:
            texts[standalone.synopsis.strip().lower()] = standalone.text
    for paragraph in parsed.all_files_paragraphs():
        result.stanzas.append(_stanza(paragraph, lines, texts))
    result.package_license = _package_license(parsed, result.header, texts)
    return result


def _package_license(parsed: Copyright, header: dict[str, HeaderField],
                     texts: dict[str, str]) -> CopyrightMatch | None:
    try:
        license = parsed.header.license
    except ValueError:
        return None
    if license is None or not license.synopsis.strip():
        return None
    synopsis = license.synopsis.strip()
    text = license.text or texts.get(synopsis.lower(), "")
    return CopyrightMatch(synopsis, header["license"].line, True, "", (), text)


def _stanza(paragraph: FilesParagraph, lines: list[str], texts: dict[str, str]) -> Stanza:
    try:
        files = tuple(paragraph.files)
    except ValueError:
        files = ()
    try:
        license = paragraph.license
        synopsis = license.synopsis if license is not None else ""
        text = (license.text or "") if license is not None else ""
    except ValueError:
        synopsis = text = ""
    text = text or texts.get(synopsis.strip().lower(), "")
    comment = str(paragraph["Comment"]) if "Comment" in paragraph else ""
    specific = tuple(p for p in (compile_glob(g) for g in files if g != "*") if p is not None)
    return Stanza(files, synopsis.strip(), comment, _line_of(paragraph, "Files", lines), text,
                  "*" in files, specific)


@lru_cache(maxsize=64)
def parse_file(path: Path, name: str) -> CopyrightFile:
    """The copyright file at ``path`` (its first :data:`MAX_COPYRIGHT` bytes), parsed; cached.
    ``name`` is the path hints give it. An unreadable file gives a ``CopyrightFile`` whose
    ``error`` says why; nothing is raised."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_COPYRIGHT)
    except OSError as exc:
        return CopyrightFile(name, error=exc.strerror or "unreadable")
    return parse(data.decode("utf-8", "replace"), name)
