"""Where models sit in binary packages.

Owns: ml-model-in-arch-dependent-package.
A model's bytes are the same on every architecture, so a model file in an ``Architecture: any``
package is stored once per architecture on every mirror (Debian Policy 5.6.8 and the habit of
splitting data into ``-data`` packages). Weights compiled into an ELF object are arch-dependent
by nature and are left to ``ml-model-embedded-in-binary``.
"""

from __future__ import annotations

from mllint.check import Check
from mllint.index import Item
from mllint.inventory import model_of

COMPILED_FORMATS = frozenset({"c-array"})


class Placement(Check):
    def visit_installed_files(self, item: Item) -> None:
        if self.processable.architecture in ("all", ""):
            return
        model = model_of(item)
        if model is not None and model.format not in COMPILED_FORMATS:
            self.pointed_hint("ml-model-in-arch-dependent-package", item.pointer(), model.format,
                              self.processable.architecture)
