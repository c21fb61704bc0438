"""Tag description files: ``tags/<letter>/<tag>.tag`` in lintian's deb822 format.

Fields and validation follow lintian-compat.md §3.1 (lintian's ``lib/Lintian/Tag.pm`` and
``t/scripts/tags/fields.t``), but stricter: lintian ignores unknown fields, mllint refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

from mllint import resources
from mllint.paragraphs import ParagraphError, read_paragraphs

SEVERITIES = ("classification", "pedantic", "info", "warning", "error")
"""Ranked lowest first (lintian-compat.md §2.2)."""

FIELDS = {"tag", "severity", "check", "explanation", "see-also", "renamed-from", "experimental",
          "show-always"}
REQUIRED = ("tag", "severity", "check", "explanation")
TAG_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,67}$")
ENGINE_CHECK = "mllint"  # owns the override meta-tags, as "lintian" owns unused-override


class TagError(Exception):
    """A tag file breaks the rules of lintian-compat.md §3.1; the message names the file."""


class Tag(NamedTuple):
    name: str
    severity: str
    check: str
    explanation: str  # as written, continuation lines unfolded, " ." lines empty
    see_also: tuple[str, ...] = ()
    renamed_from: tuple[str, ...] = ()
    experimental: bool = False
    show_always: bool = False


def _yes_no(value: str, field: str, path: Path) -> bool:
    if value not in ("yes", "no"):
        raise TagError(f"{path}: {field} must be yes or no, not {value!r}")
    return value == "yes"


def parse_tag_file(path: Path) -> Tag:
    """Parse and validate one ``.tag`` file. Raises :class:`TagError`."""
    try:
        paragraphs = read_paragraphs(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ParagraphError) as exc:
        raise TagError(f"{path}: {exc}") from exc
    if len(paragraphs) != 1:
        raise TagError(f"{path}: expected one paragraph, found {len(paragraphs)}")
    raw = paragraphs[0]
    unknown = set(raw) - FIELDS
    if unknown:
        raise TagError(f"{path}: unknown field(s) {', '.join(sorted(unknown))}")
    for name in REQUIRED:
        if not raw.get(name, "").strip():
            raise TagError(f"{path}: missing field {name.title()}")
    name = raw["tag"].strip()
    if not TAG_NAME.match(name):
        raise TagError(f"{path}: bad tag name {name!r}")
    if path.stem != name or path.parent.name != name[0]:
        raise TagError(f"{path}: file must be tags/{name[0]}/{name}.tag")
    severity = raw["severity"].strip()
    if severity not in SEVERITIES:
        raise TagError(f"{path}: bad severity {severity!r}")
    lines = raw["explanation"].split("\n")
    if not lines[0].strip():
        raise TagError(f"{path}: Explanation must start on its field line")
    text = "\n".join(lines[0:1] + ["" if ln.strip() == "." else ln[1:] if ln.startswith(" ")
                                   else ln for ln in lines[1:]])
    see_also = tuple(s.strip() for s in raw.get("see-also", "").replace("\n", " ").split(",")
                     if s.strip())
    return Tag(
        name=name, severity=severity, check=raw["check"].strip(), explanation=text,
        see_also=see_also, renamed_from=tuple(raw.get("renamed-from", "").split()),
        experimental=_yes_no(raw.get("experimental", "no").strip(), "Experimental", path),
        show_always=_yes_no(raw.get("show-always", "no").strip(), "Show-Always", path),
    )


class TagSet:
    """All known tags, keyed by name, with ``Renamed-From`` aliases resolved."""

    def __init__(self, tags: Iterable[Tag], checks: Iterable[str]) -> None:
        self.tags: dict[str, Tag] = {}
        self.aliases: dict[str, str] = {}
        known_checks = set(checks) | {ENGINE_CHECK}
        for tag in tags:
            if tag.name in self.tags:
                raise TagError(f"duplicate tag {tag.name}")
            if tag.check not in known_checks:
                raise TagError(f"tag {tag.name}: Check {tag.check} names no check")
            self.tags[tag.name] = tag
        for tag in self.tags.values():
            for old in tag.renamed_from:
                if old in self.tags or old in self.aliases:
                    raise TagError(f"tag {tag.name}: alias {old} is taken")
                self.aliases[old] = tag.name

    def resolve(self, name: str) -> str | None:
        """The current name of ``name`` (itself or via ``Renamed-From``), or ``None``."""
        if name in self.tags:
            return name
        return self.aliases.get(name)

    def __getitem__(self, name: str) -> Tag:
        return self.tags[name]

    def __contains__(self, name: object) -> bool:
        return name in self.tags

    def __iter__(self):
        return iter(self.tags.values())


@cache
def load_tags() -> TagSet:
    """Load and validate every tag file shipped with mllint. Raises :class:`TagError`."""
    from mllint.loader import check_names

    files = sorted(resources.tags_dir().glob("*/*.tag"))
    return TagSet((parse_tag_file(p) for p in files), check_names())
