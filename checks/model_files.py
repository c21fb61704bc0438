"""Inventory of model files and format-level problems, in source trees and binary packages.

Owns: ml-model-file, ml-model-corrupt, ml-model-extension-mismatch, ml-model-test-fixture,
ml-model-git-lfs-pointer, oversized-ml-model.
Reads: each item's lazily parsed header record (``item.model``); never the weights.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mllint.check import Check
from mllint.formats import ModelInfo
from mllint.index import Item
from mllint.sizes import size_text

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
    "torch-legacy": (".pt", ".pth", ".ckpt", ".pkl"),
    "pickle": (".pkl", ".pickle", ".p", ".pt", ".pth", ".ckpt", ".sav", ".joblib"),
    "joblib": (".joblib", ".pkl", ".pickle", ".z", ".gz", ".xz", ".bz2", ".lzma"),
    "npy": (".npy",),
    "npz": (".npz",),
    "nnue": (".nnue",),
    "tesseract": (".traineddata",),
    "caffe": (".caffemodel",),
    "coreml": (".mlmodel",),
}
SPECIFIC = frozenset(s for suffixes in SUFFIXES.values() for s in suffixes) - {".gz", ".xz",
                                                                              ".bz2", ".z"}
# A path segment that marks test data (lintian's own idea of test directories, plus ML's).
TEST_DIR = re.compile(r"(^|/)(tests?|testdata|test[-_]data|testing|t|fixtures?|testsuite|"
                      r"conformance|unittests?)/", re.IGNORECASE)
FIXTURE_MAX_SIZE = 64 * 1024  # bytes: below this a model under a test directory is a fixture
# Plain arrays are data unless their name or a neighbour says they are weights.
ARRAY_FORMATS = frozenset({"npy", "npz"})
WEIGHT_NAME = re.compile(r"weight|model|checkpoint|ckpt|param|embedding|state_dict",
                         re.IGNORECASE)
GENERATOR_SUFFIXES = (".py", ".sh", ".pl", ".r", ".jl")
# Formats that carry no trained weights of their own.
STUB_FORMATS = frozenset({"git-lfs-pointer"})


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
            return
        if model.format == "git-lfs-pointer":
            if item.suffix in SPECIFIC or item.suffix in (".bin", ".model", ".pb", ".weights"):
                self.pointed_hint("ml-model-git-lfs-pointer", item.pointer())
            return
        if model.format in STUB_FORMATS or not self._is_model(item, model):
            return
        note = (model.format, size_text(item.size))
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
        if item.size > limit * 1024 * 1024:
            self.pointed_hint("oversized-ml-model", item.pointer(), size_text(item.size))

    @staticmethod
    def _is_model(item: Item, model: ModelInfo) -> bool:
        if model.format not in ARRAY_FORMATS or model.trained:
            return True
        return bool(WEIGHT_NAME.search(item.basename))


def is_test_fixture(item: Item, model: ModelInfo) -> bool:
    """A model under a test directory that holds no trained weights: a structure-only graph
    (``trained is False``), a file small enough to be random test tensors, or one whose
    generator script sits beside it (a script in the same directory naming its stem)."""
    if not TEST_DIR.search(item.name):
        return False
    if model.trained is False or item.size <= FIXTURE_MAX_SIZE:
        return True
    stem = PurePosixPath(item.basename).stem
    for sibling in item.index:
        if sibling.dirname == item.dirname and sibling.suffix in GENERATOR_SUFFIXES:
            text = sibling.text(1 << 20)
            if text and stem in text:
                return True
    return False
