"""Trained weights compiled into program source, and models carried inside ELF binaries.

Owns: source-contains-ml-weights-as-source-code, ml-model-embedded-in-binary.
Reads: the ``c-array`` header record of source files (mllint/formats/c_arrays.py decides, by
array shape, names and generator banners) and, for installed ELF files, the evidence of
:func:`mllint.formats.elf.find_embedded_models` (model magics in data sections, symbol names,
fingerprints of known published weights). The ``ml-model-file`` inventory line for a ``c-array``
comes from the model-files check; the banner's checkpoint feeds the provenance check.
"""

from __future__ import annotations

from mllint.check import Check
from mllint.formats.elf import ElfError, find_embedded_models, is_elf
from mllint.index import Item
from mllint.inventory import model_of


class WeightsInCode(Check):
    def visit_patched_files(self, item: Item) -> None:
        model = model_of(item)
        if model is None or model.format != "c-array":
            return
        extra = model.extra
        arrays = extra.get("arrays") or [""]
        line = extra.get("first_line", 0)
        # Note: the kind of evidence and the first array, both stable while the model is.
        self.pointed_hint("source-contains-ml-weights-as-source-code",
                          item.pointer(line if isinstance(line, int) else 0),
                          extra.get("evidence", ""), arrays[0])

    def visit_installed_files(self, item: Item) -> None:
        if not item.is_file or not is_elf(item.head):
            return
        try:
            found = find_embedded_models(item.path, item.size)
        except ElfError:
            return  # tables that do not fit the file: not a question of models
        for embedded in found:
            self.pointed_hint("ml-model-embedded-in-binary", item.pointer(), embedded.kind,
                              embedded.detail)
