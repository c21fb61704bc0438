"""Where models sit in binary packages.

Owns: ml-model-in-arch-dependent-package.
A model's bytes are the same on every architecture, so a model file in an ``Architecture: any``
package is stored once per architecture on every mirror (Debian Policy 5.6.8 and the habit of
splitting data into ``-data`` packages). Weights compiled into an ELF object are arch-dependent
by nature and are left to ``ml-model-embedded-in-binary``. So are files a tool writes in the
building machine's own layout (byte order, type sizes) and refuses elsewhere: a KenLM binary
(libime-data-language-model's zh_CN.lm) and gnubg's binary weights (gnubg.wd); their text
forms (ARPA, gnubg.weights) are portable. Input-method n-gram models (libkkc, sunpinyin,
libpinyin) are host-order too. Models under usr/share/doc/ are documentation, which every
package carries whatever its architecture (profnet-prof's examples/PROFacc_tst.jct).
"""

from __future__ import annotations

from mllint.check import Check
from mllint.formats import ModelInfo
from mllint.index import Item
from mllint.inventory import model_of

COMPILED_FORMATS = frozenset({"c-array"})
DOC_DIR = "usr/share/doc/"
# Native-layout formats, with the encoding that is native ("" for every file of the format):
# KenLM lm/binary_format.cc writes a "Sanity" block of native floats, word indices and a u64
# and refuses a file whose block differs from its own; gnubg lib/neuralnet.c
# (NeuralNetLoadBinary) reads native floats and rejects the file when the magic float differs.
# libkkc's sortlm.py packs n-gram records with struct "=" (host order), sunpinyin's slmthread
# writes host-order words (tslmendian converts them), libpinyin's tables are Berkeley DB files
# and phrase indexes in host order: Debian ships all three in /usr/lib/<triplet>.
NATIVE_LAYOUT = {"kenlm": "", "gnubg": "binary", "libkkc": "", "sunpinyin": "", "libpinyin": ""}


class Placement(Check):
    def visit_installed_files(self, item: Item) -> None:
        if self.processable.architecture in ("all", "") or item.name.startswith(DOC_DIR):
            return
        model = model_of(item)
        if model is not None and model.format not in COMPILED_FORMATS and not _native(model):
            self.pointed_hint("ml-model-in-arch-dependent-package", item.pointer(), model.format,
                              self.processable.architecture)


def _native(model: ModelInfo) -> bool:
    """Whether the file is in its writer's native layout (:data:`NATIVE_LAYOUT`)."""
    encoding = NATIVE_LAYOUT.get(model.format)
    return encoding is not None and encoding in ("", model.extra.get("encoding"))
