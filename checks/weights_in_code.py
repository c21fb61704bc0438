"""Trained weights compiled into program source, and models carried inside ELF binaries.

Owns: source-contains-ml-weights-as-source-code, ml-model-embedded-in-binary.
Reads: the ``c-array`` header record of source files (mllint/formats/c_arrays.py decides, by
array shape, names and generator banners) and, for installed ELF files, the evidence of
:func:`mllint.formats.elf.find_embedded_models` (model magics in data sections, symbol names,
fingerprints of known published weights). When the source package is in the same run (a
``.changes``), the leading values of its ``c-array`` arrays are also looked for in the binaries'
ELF files (:func:`mllint.formats.elf.find_arrays`): a stripped library holds its weights without
any name, and this is the only way to see them. The ``ml-model-file`` inventory line for a
``c-array`` comes from the model-files check; the banner's checkpoint feeds the provenance check.
"""

from __future__ import annotations

from mllint import lazy
from mllint.check import Check
from mllint.index import Item
from mllint.inventory import model_of, models

elf = lazy.module("mllint.formats.elf")  # read only when an installed file is met


class WeightsInCode(Check):
    _patterns: dict[bytes, str] | None = None

    def source(self) -> None:
        assert self.processable.patched is not None
        for item, model in models(self.processable.patched):
            if model.format != "c-array":
                continue
            extra = model.extra
            arrays = extra.get("arrays") or [""]
            line = extra.get("first_line", 0)
            # Note: the kind of evidence and the first array, both stable while the model is.
            self.pointed_hint("source-contains-ml-weights-as-source-code",
                              item.pointer(line if isinstance(line, int) else 0),
                              extra.get("evidence", ""), arrays[0])

    def visit_installed_files(self, item: Item) -> None:
        if not item.is_file or not elf.is_elf(item.head):
            return
        try:
            found = elf.find_embedded_models(item.path, item.size)
            patterns = self._source_patterns()
            if patterns:
                found += elf.find_arrays(item.path, item.size, patterns)
        except elf.ElfError:
            return  # tables that do not fit the file: not a question of models
        seen: set[tuple[str, str]] = set()
        for embedded in found:
            key = (embedded.kind, embedded.detail)
            if key not in seen:  # one hint per source file, however many of its arrays
                seen.add(key)
                self.pointed_hint("ml-model-embedded-in-binary", item.pointer(), *key)

    def _source_patterns(self) -> dict[bytes, str]:
        """Byte images of the leading values of the source's c-array arrays, each labelled
        with its source file's name; empty without a source in the run."""
        if self._patterns is None:
            self._patterns = {}
            group = self.processable.group
            source = group.source if group is not None else None
            if source is not None and source.patched is not None:
                for item in source.patched.files():
                    model = model_of(item)
                    if model is None or model.format != "c-array":
                        continue
                    heads = model.extra.get("heads")
                    for values in heads.values() if isinstance(heads, dict) else ():
                        for image in elf.array_patterns(values):
                            self._patterns.setdefault(image, item.name)
        return self._patterns
