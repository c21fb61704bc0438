"""Inventory of model files and format-level problems, in source trees and binary packages.

Owns: ml-model-file, ml-model-corrupt, ml-model-extension-mismatch, ml-model-test-fixture,
ml-model-git-lfs-pointer, oversized-ml-model.
Reads: each item's lazily parsed header record (``item.model``); never the weights. A model's
size counts the weight files it owns (``mllint.inventory.model_size``).
"""

from __future__ import annotations

from mllint.check import Check
from mllint.formats import MODEL_ONLY, broken_model
from mllint.index import Item
from mllint.inventory import is_model, is_test_fixture, model_size
from mllint.sizes import size_text
from mllint.upstream import GitAttributes

# Conventional suffixes of each format id. A suffix listed here names one format family, so a
# file carrying it with other content is an extension mismatch. Suffixes several unrelated
# formats use (.bin, .dat, .model, .data, .weights, .pb) are deliberately absent.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "safetensors": (".safetensors",),
    "gguf": (".gguf",),
    "onnx": (".onnx", ".ort"),
    "tflite": (".tflite", ".tfl", ".lite"),
    "hdf5-keras": (".h5", ".hdf5", ".keras"),
    "keras": (".keras",),
    "torch-zip": (".pt", ".pth", ".ckpt", ".pkl", ".pt2"),
    "torchscript": (".pt", ".pth", ".ptl", ".torchscript"),
    "torch-package": (".pt", ".zip"),  # PackageExporter("x.pt") in the torch.package docs
    "torch-legacy": (".pt", ".pth", ".ckpt", ".pkl"),
    "pickle": (".pkl", ".pickle", ".p", ".pt", ".pth", ".ckpt", ".sav", ".joblib"),
    "joblib": (".joblib", ".pkl", ".pickle", ".z", ".gz", ".xz", ".bz2", ".lzma"),
    "npy": (".npy",),
    "npz": (".npz",),
    "nnue": (".nnue",),
    "tesseract": (".traineddata",),
    "caffe": (".caffemodel",),
    "coreml": (".mlmodel",),
    "armnn": (".armnn",),
}
SPECIFIC = frozenset(s for suffixes in SUFFIXES.values() for s in suffixes) - {".gz", ".xz",
                                                                              ".bz2", ".z"}


def _lfs_note(item: Item) -> tuple[str, ...]:
    """The .gitattributes line that put the file under LFS, e.g. ``*.onnx (.gitattributes:3)``
    (notes may not hold "[", so a pattern with a class is named by its line only)."""
    rule = GitAttributes.of_index(item.index).lfs_rule(item.name)
    if rule is None:
        return ()
    return (f"({rule.file}:{rule.line})",) if "[" in rule.pattern else (str(rule),)


class ModelFiles(Check):
    def visit_patched_files(self, item: Item) -> None:
        self._visit(item)

    def visit_installed_files(self, item: Item) -> None:
        self._visit(item)

    def _visit(self, item: Item) -> None:
        if not item.is_file:
            return
        error = item.model_error
        if error is not None:
            self.pointed_hint("ml-model-corrupt", item.pointer(), error.reason)
            return
        model = item.model
        if model is None:
            self._not_a_model(item)
            return
        if model.format == "git-lfs-pointer":
            if item.suffix in SPECIFIC or item.suffix in (".bin", ".model", ".pb", ".weights"):
                self.pointed_hint("ml-model-git-lfs-pointer", item.pointer(), *_lfs_note(item))
            return
        if not is_model(item, model):
            return
        size = model_size(item, model)  # with the weight files it owns
        note = (model.format, size_text(size))
        if is_test_fixture(item, model):
            self.pointed_hint("ml-model-test-fixture", item.pointer(), *note)
            return
        self.pointed_hint("ml-model-file", item.pointer(), *note)
        for member in model.members:
            if member.error is not None:
                self.pointed_hint("ml-model-corrupt", item.pointer(), member.name,
                                  member.error.reason)
        expected = SUFFIXES.get(model.format)
        if expected and item.suffix in SPECIFIC and item.suffix not in expected:
            self.pointed_hint("ml-model-extension-mismatch", item.pointer(), model.format,
                              item.suffix)
        limit = float(self.profile.setting("oversized-model-mib", "100"))
        if size > limit * 1024 * 1024:
            self.pointed_hint("oversized-ml-model", item.pointer(), size_text(size))

    def _not_a_model(self, item: Item) -> None:
        """A file named for a format only models use that holds no model of it."""
        if item.suffix not in MODEL_ONLY:
            return  # most files: decided by one lookup, before their head and size
        head = item.head
        if item.size and not head:
            return  # unreadable: named on stderr by the engine, nothing to judge
        reason = broken_model(item.basename, head, item.size)
        if reason is not None:
            self.pointed_hint("ml-model-corrupt", item.pointer(), reason)
