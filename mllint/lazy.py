"""Modules whose code runs on first use rather than at import.

mllint's start-up is a tenth of a second, most of it importing modules and building their
dataclasses and regexes (bench/README.md), and a run on one model file never calls the download
finders or the ELF reader. A check names such a module with :func:`module` and calls it as
``downloads.analyse(...)``: the module is executed when that first attribute is read. This is
the standard library's recipe for ``importlib.util.LazyLoader``.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def module(name: str) -> ModuleType:
    """The module ``name``, imported now if it already was, else on first attribute access.

    Raises :class:`ModuleNotFoundError` now when there is no such module; errors in the module's
    own code are raised where it is first used.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    lazy = importlib.util.module_from_spec(spec)
    sys.modules[name] = lazy
    loader.exec_module(lazy)
    return lazy
