"""Output writers: pure functions from the run's hints to text (architecture.md, property 6)."""

from __future__ import annotations

from dataclasses import dataclass

from mllint.display import Visibility
from mllint.processable import Group
from mllint.tags import TagSet


@dataclass
class Run:
    """What every writer receives: the groups with their hints, and the display choices."""

    groups: list[Group]
    tags: TagSet
    visibility: Visibility
    info: bool = False  # -i
    color: bool = False
    width: int = 80
    display_limit: int = 0  # per tag and package; 0: no limit
    summary: bool = True  # False with -o or --show-overrides
