"""Profiles: named interpretations that change tag severities, never the evidence collected.

Data files ``mllint/profiles/<name>.profile`` in lintian's profile format (``Profile``,
``Extends``, then paragraphs of ``Tags`` + ``Visibility``), plus two mllint fields: ``Areas``
restricts a severity change to archive areas (``main``, ``contrib``, ``non-free``), and
``X-<Setting>`` fields carry thresholds that checks read with :meth:`Profile.setting`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from mllint import resources
from mllint.paragraphs import ParagraphError, read_paragraphs
from mllint.tags import SEVERITIES

ALIASES = {"debian/main": "debian"}


class ProfileError(Exception):
    """Unknown profile name or a broken profile file."""


@dataclass(slots=True)
class Profile:
    name: str
    settings: dict[str, str] = field(default_factory=dict)
    # tag -> list of (areas or None for all, severity); later entries win
    changes: dict[str, list[tuple[frozenset[str] | None, str]]] = field(default_factory=dict)

    def severity(self, tag: str, default: str, area: str = "main") -> str:
        """The tag's severity for a package in ``area`` under this profile."""
        result = default
        for areas, severity in self.changes.get(tag, ()):
            if areas is None or area in areas:
                result = severity
        return result

    def setting(self, key: str, default: str | int) -> str | int:
        """A profile setting (``X-Free-Data-Level: 2`` is ``setting("free-data-level", 3)``),
        converted to ``int`` when the default is one."""
        value = self.settings.get(key.lower())
        if value is None:
            return default
        return int(value) if isinstance(default, int) else value


def available() -> list[str]:
    return sorted(p.stem for p in resources.profiles_dir().glob("*.profile"))


@cache
def load_profile(name: str) -> Profile:
    """Load profile ``name`` with what it extends. Raises :class:`ProfileError`."""
    name = ALIASES.get(name, name)
    path = resources.profiles_dir() / f"{name}.profile"
    if name not in available():
        raise ProfileError(f"Unknown profile {name} (known: {', '.join(available())})")
    try:
        paragraphs = read_paragraphs(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ParagraphError) as exc:
        raise ProfileError(f"{path}: {exc}") from exc
    header = paragraphs[0]
    profile = Profile(name)
    if "extends" in header:
        base = load_profile(header["extends"].strip())
        profile.settings.update(base.settings)
        for tag, entries in base.changes.items():
            profile.changes[tag] = list(entries)
    for key, value in header.items():
        if key.startswith("x-"):
            profile.settings[key[2:]] = value.strip()
    for para in paragraphs[1:]:
        severity = para.get("visibility", "").strip()
        if severity not in SEVERITIES:
            raise ProfileError(f"{path}: bad Visibility {severity!r}")
        areas = frozenset(para["areas"].replace(",", " ").split()) if "areas" in para else None
        for tag in para.get("tags", "").replace(",", " ").split():
            profile.changes.setdefault(tag, []).append((areas, severity))
    return profile
