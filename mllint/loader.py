"""Discover the checks in ``checks/``: one module per check, one :class:`Check` subclass each.

Modules are loaded from their files under a private package name (``mllint_checks``), so the same
code works from a checkout and from an installed wheel, and no list has to be edited to add one.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from types import ModuleType

from mllint import resources
from mllint.check import Check

PACKAGE = "mllint_checks"


class CheckLoadError(Exception):
    """A check module is broken: no Check subclass, or several."""


def _module(name: str, path) -> ModuleType:
    qualified = f"{PACKAGE}.{name}"
    spec = importlib.util.spec_from_file_location(qualified, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = module
    spec.loader.exec_module(module)
    return module


@cache
def load_checks() -> tuple[type[Check], ...]:
    """All check classes, sorted by check name. Raises :class:`CheckLoadError`."""
    if PACKAGE not in sys.modules:
        sys.modules[PACKAGE] = ModuleType(PACKAGE)
    found: list[type[Check]] = []
    for path in sorted(resources.checks_dir().glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = _module(path.stem, path)
        # ModuleType first: isinstance(c, type) on a module of mllint.lazy would execute it.
        classes = [c for c in vars(module).values()
                   if not isinstance(c, ModuleType) and isinstance(c, type)
                   and issubclass(c, Check) and c is not Check
                   and c.__module__ == module.__name__]
        if len(classes) != 1:
            raise CheckLoadError(f"{path}: expected one Check subclass, found {len(classes)}")
        cls = classes[0]
        cls.name = path.stem.replace("_", "-")
        found.append(cls)
    return tuple(sorted(found, key=lambda c: c.name))


def check_names() -> list[str]:
    return [c.name for c in load_checks()]
