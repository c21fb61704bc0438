"""Where the shipped data lives: ``tags/`` and ``checks/`` beside the package in a checkout,
inside it (``mllint/tags``, ``mllint/checks``) in an installed wheel (pyproject.toml
force-includes them), and ``mllint/profiles`` and ``mllint/data`` in both."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


def tags_dir() -> Path:
    return _shipped("tags")


def checks_dir() -> Path:
    return _shipped("checks")


def profiles_dir() -> Path:
    return PACKAGE / "profiles"


def data(name: str) -> Path:
    """A table in ``mllint/data`` (a file path, not importlib.resources: that imports
    tempfile, and with it random and shutil, ~4 ms of every run)."""
    return PACKAGE / "data" / name
