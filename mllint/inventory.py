"""Which items are models, and which of those are test fixtures: one answer for every check.

The ``model-files`` check reports this inventory (``ml-model-file``, ``ml-model-test-fixture``);
the licensing, declaration and provenance checks judge the same set, so a file is never a model to
one check and not to another. Moved here from ``checks/model_files.py`` unchanged in behaviour.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath
from weakref import WeakKeyDictionary

from mllint.formats import ModelInfo
from mllint.index import Index, Item

# A path segment that marks test data (lintian's own idea of test directories, plus ML's).
TEST_DIR = re.compile(r"(^|/)(tests?|testdata|test[-_]data|testing|t|fixtures?|testsuite|"
                      r"conformance|unittests?)/", re.IGNORECASE)
# A directory named as one test case or as a package's test data: ONNX's backend tests keep
# each case in data/<kind>/test_<name>/model.onnx, and libonnx-testdata installs them under
# usr/share/libonnx-testdata/. Only for fixtures: such directories may hold a package's real code.
TEST_CASE_DIR = re.compile(r"(^|/)(test[-_][^/]+|[^/]+[-_](tests?|testdata))/", re.IGNORECASE)
# A file named as a test (KenLM ships lm/test.arpa and lm/test_nounk.arpa beside its code).
TEST_NAME = re.compile(r"^(test|toy)([_.-]|$)|[_-]test\.", re.IGNORECASE)
FIXTURE_MAX_SIZE = 64 * 1024  # bytes: below this a model under a test directory is a fixture
# ... or below this many parameters, when the graph is what makes the file big: onnx's
# backend/test/data/light/light_densenet121.onnx is 209 KiB of nodes around 1,967 parameters
# (its weights are ConstantOfShape nodes). 64 KiB of float32.
FIXTURE_MAX_PARAMETERS = FIXTURE_MAX_SIZE // 4
# Plain arrays are data unless their name or a neighbour says they are weights.
ARRAY_FORMATS = frozenset({"npy", "npz"})
WEIGHT_NAME = re.compile(r"weight|model|checkpoint|ckpt|param|embedding|state_dict",
                         re.IGNORECASE)
GENERATOR_SUFFIXES = (".py", ".sh", ".pl", ".r", ".jl")
GENERATOR_MAX_SIZE = 1 << 20  # bytes of a candidate generator script read
# Formats that carry no trained weights of their own.
STUB_FORMATS = frozenset({"git-lfs-pointer"})
# A pickle that imports nothing but containers and arrays holds plain data unless its content
# shows learned numbers (pickled_weights); it is never a model by its suffix alone. Spellings of
# the globals: formats/pickle.py.
DATA_GLOBALS = frozenset({
    "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.ndarray",
    "numpy.dtype", "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
    "collections.OrderedDict", "collections.defaultdict", "_codecs.encode", "builtins.set",
    "builtins.frozenset", "builtins.complex", "builtins.bytearray", "builtins.slice",
    "copyreg._reconstructor", "builtins.object",
})
# pandas' tables: a pickle of nothing but these, containers and arrays is a table whatever its
# suffix (pandas' own tests/io/data/pickle/*.pkl, data/housing.pkl), unless named as weights.
TABLE_GLOBAL_PREFIXES = ("pandas.core.frame.", "pandas.core.series.", "pandas.core.indexes.",
                         "pandas.core.internals.", "pandas.core.arrays.", "pandas._libs.")
ARRAY_GLOBALS = frozenset({"numpy.core.multiarray._reconstruct",
                           "numpy._core.multiarray._reconstruct"})
# A table of learned numbers maps keys to floats: jieba's HMM start, transition and emission
# probabilities are {state: log-probability} dicts, pickled without a single import; the
# smallest, finalseg/prob_start.p, holds 4. A third of the literals at least: such a table is
# half keys, half floats, while a dict of strings with a few ratios in it is data.
MIN_MAPPED_FLOATS = 4
MAPPED_FLOAT_SHARE = 3  # floats x this >= literals
MAX_PARTS = 10_000  # parts of one model looked up; an ONNX model saved one file per tensor has
# a few thousand


def parts_of(item: Item, model: ModelInfo) -> list[Item]:
    """The regular files of ``item``'s index that ``model.parts`` names (weight shards, external
    data), each once, never ``item`` itself; at most :data:`MAX_PARTS` names are looked at.

    Names are resolved by their text in the index, not on disk: a name that leaves the tree
    (``../`` past the root, absolute) or passes through a symbolic link finds no item, and a part
    that is itself a symbolic link is not counted, so nothing outside the package is measured.
    """
    found: dict[str, Item] = {}
    for part in model.parts[:MAX_PARTS]:
        if not part or part.startswith("/"):
            continue  # absolute: not a place in the package
        name = posixpath.normpath(item.dirname + part)  # "../" past the root matches no item
        if name in found or name == item.name:
            continue
        other = item.index.lookup(name)
        if other is not None and other.is_file:
            found[name] = other
    return list(found.values())


def model_size(item: Item, model: ModelInfo) -> int:
    """The model's size in bytes: the file it is reported at plus the parts it owns (a
    SavedModel's variables, ONNX external data, a checkpoint's shards, an .mlpackage's weights)."""
    return item.size + sum(part.size for part in parts_of(item, model))


def is_model(item: Item, model: ModelInfo) -> bool:
    """Whether a parsed file counts as a model: not a stub; an array, or a pickle of plain data,
    only when its content or name says so; a plain zip only through a member that counts; not
    a part of another model (a Sphinx acoustic model's means beside its mdef), which is
    reported, and sized, at that model."""
    return _counts(item.basename, model) and item.name not in owned_parts(item.index)


_OWNED: WeakKeyDictionary[Index, frozenset[str]] = WeakKeyDictionary()


def owned_parts(index: Index) -> frozenset[str]:
    """Names of the files of ``index`` that a model of it owns as parts (:func:`parts_of`);
    computed once per index, from every file's header record."""
    found = _OWNED.get(index)
    if found is None:
        names: set[str] = set()
        for item in index.files():
            try:
                model = item.model
            except Exception:  # noqa: BLE001 - a reader bug on this file: the check that
                continue  # meets the file reports it; here it owns nothing
            if model is not None and model.parts:
                names.update(part.name for part in parts_of(item, model))
        found = _OWNED[index] = frozenset(names)
    return found


def _counts(basename: str, model: ModelInfo) -> bool:
    if model.format in STUB_FORMATS:
        return False
    if model.trained:
        return True
    if model.format in ARRAY_FORMATS:
        return bool(WEIGHT_NAME.search(basename))
    if model.format == "pickle":
        others = set(model.pickle_globals) - DATA_GLOBALS
        if not others:
            return pickled_weights(basename, model)
        if all(g.startswith(TABLE_GLOBAL_PREFIXES) for g in others):
            return bool(WEIGHT_NAME.search(basename))
    if model.format == "zip":  # a zip of a pickled dict of city names is no model either
        return any(m.error is not None if m.model is None
                   else _counts(posixpath.basename(m.name), m.model) for m in model.members)
    return True


def pickled_weights(basename: str, model: ModelInfo) -> bool:
    """Whether a pickle of plain data (builtins, containers, numpy arrays) holds weights, judged
    by its content (model-formats.md §5), not by its suffix: ``pickle.dumps('hello')`` saved as
    ``str.pickle`` and a dict of city names saved as ``cities.pkl`` are data, like the same bytes
    named ``hello.dat``.

    Weights are float arrays with more elements than a test fixture may have parameters, or a
    table mapping keys to floats (:data:`MIN_MAPPED_FLOATS`, :data:`MAPPED_FLOAT_SHARE`). Other
    arrays are data unless named as weights, as ``.npy`` files are. Strings, integers and
    tables of strings are data: jieba's posseg/char_state_tab.p (each character's possible
    tags, no numbers) is a lexicon, like its dict.txt, while its prob_*.p stay models.
    """
    facts = model.extra
    if _count(facts, "array_floats") > FIXTURE_MAX_PARAMETERS:
        return True
    mapped = _count(facts, "mapped_floats")
    if mapped >= MIN_MAPPED_FLOATS and mapped * MAPPED_FLOAT_SHARE >= _count(facts, "literals"):
        return True
    return not ARRAY_GLOBALS.isdisjoint(model.pickle_globals) \
        and bool(WEIGHT_NAME.search(basename))


def _count(facts: dict[str, object], key: str) -> int:
    value = facts.get(key)
    return value if isinstance(value, int) else 0


def is_test_fixture(item: Item, model: ModelInfo) -> bool:
    """A structure-only graph (``trained is False``) anywhere; or, under a test directory or
    named as a test, a file or parameter count small enough to be random test tensors, or one
    whose generator script sits beside it or one directory up (a script naming its stem:
    pytorch's test/package/generate_bc_packages.py writes package_bc/test_nn_module.pt)."""
    if model.trained is False:  # a graph with no weights at all (python3-onnx's examples/)
        return True
    if not (TEST_DIR.search(item.name) or TEST_CASE_DIR.search(item.name)
            or TEST_NAME.search(item.basename)):
        return False
    if model_size(item, model) <= FIXTURE_MAX_SIZE or (
            model.parameters is not None and model.parameters <= FIXTURE_MAX_PARAMETERS):
        return True
    stem = PurePosixPath(item.basename).stem
    parent = item.dirname.rstrip("/").rpartition("/")[0]
    for directory in {item.dirname, parent + "/" if parent else ""}:
        for sibling in item.index.children(directory):
            if sibling.suffix in GENERATOR_SUFFIXES and sibling.size <= GENERATOR_MAX_SIZE:
                text = sibling.text(GENERATOR_MAX_SIZE)
                if text and stem in text:
                    return True
    return False


def model_of(item: Item) -> ModelInfo | None:
    """The header record of ``item`` if it is a model and not a test fixture, else ``None``."""
    model = item.model  # None for anything but a regular file
    if model is None or not is_model(item, model) or is_test_fixture(item, model):
        return None
    return model


_MODELS: WeakKeyDictionary[Index, list[tuple[Item, ModelInfo]]] = WeakKeyDictionary()


def models(index: Index) -> list[tuple[Item, ModelInfo]]:
    """Every model of an index view that is not a test fixture, in index order. Computed once
    per index: several checks ask, some once per model (a new list, so callers may keep it)."""
    found = _MODELS.get(index)
    if found is None:
        found = _MODELS[index] = [(item, model) for item in index.files()
                                  if (model := model_of(item)) is not None]
    return list(found)
