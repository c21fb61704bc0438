"""Walk a source tree once and collect the provenance evidence of tags.md ("Evidence levels").

Everything here is static: prose is read, Python is parsed with ``ast``, makefiles and scripts are
tokenised, metadata already parsed by the format readers is looked at. Nothing is imported, run
or fetched. The result is a flat list of :class:`Evidence` plus the places where the default
build trains; :mod:`mllint.provenance.report` attributes it to models and grades it. Build
files are read by :mod:`.build`, per-model sources (metadata, cards, the declaration) by
:mod:`.per_model`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mllint import lazy
from mllint.index import Item
from mllint.inventory import TEST_DIR
from mllint.provenance import per_model
from mllint.provenance.evidence import Evidence
from mllint.provenance.tables import TOOLS, TRAIN_FUNCTIONS
from mllint.provenance.tree import (
    Collected,
    Names,
    Source,
    dataset_fetches,
    is_data_script,
    is_cmake,
    is_make,
    is_prose,
    is_python,
    is_shell,
    text_of,
)

build = lazy.module("mllint.provenance.build")
prose = lazy.module("mllint.provenance.prose")
pyscan = lazy.module("mllint.provenance.pyscan")
json = lazy.module("json")  # for SBOMs only

__all__ = ["Collected", "Source", "collect"]

_URL = re.compile(r"\b(?:https?|ftp)://\S+")
_HEX = re.compile(r"\b[0-9a-fA-F]{32,128}\b")


def collect(src: Source) -> Collected:
    """Run every collector over ``src``. Without models only ``debian/rules`` and what its
    default build reaches are read (training during the build is a finding of its own), so a
    package with no model costs a makefile parse, not a walk over all its text."""
    out = Collected()
    names = Names(src)
    python: dict[str, pyscan.PyFacts] = {}
    # The makefile reader is imported for trees that have debian/rules: not bare model trees.
    rules = src.index.lookup("debian/rules")
    if not src.models:
        if rules is not None:
            build.rules(rules, src, names, python, out)
        return out
    for item in src.index.files():
        if item.is_symlink:
            continue
        if is_prose(item):
            _prose(item, out)
        if TEST_DIR.search(item.name):
            continue  # test code and fixtures are not the model's pipeline
        if is_python(item):
            facts = _python(item, names, out)
            if facts is not None:
                python[item.name] = facts
        elif item.suffix in (".c", ".cc", ".cpp", ".cxx"):
            _trainer_source(item, out)
        elif item.suffix == ".dvc" or item.basename in ("dvc.yaml", "dvc.lock"):
            out.evidence.append(Evidence("data", 3, "dvc", item.pointer(), detail=item.name,
                                         external=True))
        elif item.basename.endswith((".spdx.json", ".cdx.json")) or item.basename in (
                "bom.json", "sbom.json"):
            _bom(item, out)
        elif item.suffix in (".lst", ".txt", ".tsv") and "data" in item.basename.lower():
            _data_list(item, out)
        if is_make(item) or is_shell(item) or is_cmake(item):
            build.build_file(item, names, python, src, out)
    if rules is not None:
        build.rules(rules, src, names, python, out)
    for model in src.models:
        per_model.model_metadata(model, names, src, out)
        per_model.same_stem_data(model, names, src, out)
        per_model.declared(model, names, src, out)
    return out


# Words every training finding of pyscan needs in the text (a gradient step, fit/train calls
# and the constructors that train): parsing every Python file was most of the provenance
# check's time (16 s of ast.parse on 21,000 files of installed Python packages).
TRAINING_WORDS = ("backward", "apply_gradients", "fit", "train", "Train", *TRAIN_FUNCTIONS)


def _may_matter(text: str | None, names: Names) -> bool:
    """Could :func:`pyscan.scan` find anything :func:`_python` uses in ``text``? Training needs
    one of :data:`TRAINING_WORDS`; without training, only saves naming a shipped model count,
    and their arguments hold the model's base name as a literal (``Names.models_named``)."""
    if text is None:
        return False
    return any(word in text for word in TRAINING_WORDS) or any(
        base in text for base in names.by_base)


def _prose(item: Item, out: Collected) -> None:
    text = text_of(item)
    if text is None:
        return
    for hit in prose.scan(text):
        if hit.what == "pipeline-mention":
            out.evidence.append(Evidence("pipeline", 1, hit.what, item.pointer(hit.line)))
        elif hit.what == "data-mention":
            out.evidence.append(Evidence("data", 1, hit.what, item.pointer(hit.line)))
        else:
            out.evidence.append(Evidence("data", 3, hit.what, item.pointer(hit.line),
                                         detail=hit.detail, external=True))


def _python(item: Item, names: Names, out: Collected) -> pyscan.PyFacts | None:
    stem = PurePosixPath(item.basename).stem.lower()
    # An exporter named after the model it writes: dump_rnn.py -> rnn.*, export_foo.py -> foo.*
    exported = []
    for model in names.src.models:
        mstem = PurePosixPath(model.basename).stem.lower().split(".")[0]
        if stem in (f"dump_{mstem}", f"export_{mstem}", f"{mstem}_dump", f"{mstem}_export",
                    f"convert_{mstem}", f"gen_{mstem}"):
            exported.append(model.name)
    # The text as the parse sees it (Item.python_ast's 4 MiB limit, not text_of's 1 MiB), read
    # once for the test below and for pyscan.
    text = item.text()
    if not exported and not is_data_script(item) and not _may_matter(text, names):
        return pyscan.PyFacts()  # nothing below could come of it: not worth a parse
    facts = pyscan.facts_of(item, text)
    if facts is None:
        return None
    written = names.models_named(facts.saved_names)
    written += tuple(name for name in exported if name not in written)
    if facts.training:
        what, line = facts.training[0]
        out.evidence.append(Evidence("pipeline", 2, what, item.pointer(line), written,
                                     "written by the training script" if written else ""))
        if written:
            out.evidence.append(Evidence("pipeline", 3, "train-and-save", item.pointer(
                facts.saves[0]), written, "written by the training script"))
        out.evidence += dataset_fetches(item, written, "fetched by the training script"
                                        if written else "")
        for string, line in facts.strings:
            data = names.resolve(string, item.dirname)
            if data is not None and names.is_data(data):
                out.evidence.append(Evidence("data", 4, "shipped-data", item.pointer(line),
                                             written, "read by the training script"
                                             if written else "", detail=data.name,
                                             license=names.src.data_license(data.name)))
        if facts.self_play:
            out.evidence.append(Evidence("data", 4, "self-play", item.pointer(facts.self_play),
                                         written, "generated by the training script"
                                         if written else "", detail=item.name))
    elif is_data_script(item):
        out.evidence += dataset_fetches(item, (), "")
    if not facts.training and written:
        out.evidence.append(Evidence("pipeline", 3, "export-step", item.pointer(
            facts.saves[0] if facts.saves else 0), written, "exporter names it"))
    # The facts stay in collect()'s table for the build files' scripts, which only ask whether
    # a script trains: its string constants are dropped here. Kept, they were most of a 480 MB
    # peak on 21,000 files of installed Python packages (every string of sympy and torch).
    facts.strings = []
    return facts


def _trainer_source(item: Item, out: Collected) -> None:
    stem = PurePosixPath(item.basename).stem
    tool = next((t for t in TOOLS.values() if stem in t.sources and t.role == "train"), None)
    if tool is None:
        return
    text = text_of(item)
    match = re.search(r"^[ \t]*(?:int|void)\s+main\s*\(", text or "", re.MULTILINE)
    if match is None:
        return
    where = item.pointer(text.count("\n", 0, match.start()) + 1)  # type: ignore[union-attr]
    out.trainers_present.setdefault(tool.name, where)
    out.evidence.append(Evidence("pipeline", 2, "trainer-source", where, detail=tool.name))


def _bom(item: Item, out: Collected) -> None:
    """SPDX 3 ``trainedOn`` / DatasetPackage elements and CycloneDX ``modelCard.modelParameters
    .datasets`` (ml-policy.md §3.5, §3.6): each is a machine-readable data pointer (E2)."""
    text = text_of(item)
    try:
        doc = json.loads(text or "")
    except ValueError:
        return
    found: list[str] = []

    def walk(node: object, depth: int) -> None:
        if depth > 32 or len(found) > 64:
            return
        if isinstance(node, dict):
            kind = str(node.get("type", node.get("@type", "")))
            if kind in ("dataset", "DatasetPackage", "dataset_DatasetPackage") or \
                    node.get("relationshipType") in ("trainedOn", "TRAINED_ON"):
                found.append(str(node.get("name") or node.get("to") or kind))
            params = node.get("modelParameters")
            if isinstance(params, dict) and params.get("datasets"):
                found.append("modelParameters.datasets")
            for value in node.values():
                walk(value, depth + 1)
        elif isinstance(node, list):
            for value in node:
                walk(value, depth + 1)

    walk(doc, 0)
    if found:
        out.evidence.append(Evidence("data", 2, "bom-datasets", item.pointer(), detail=found[0]))


def _data_list(item: Item, out: Collected) -> None:
    """A dataset list: lines with a URL and a checksum (E3)."""
    text = text_of(item)
    for number, line in enumerate((text or "").splitlines(), 1):
        url = _URL.search(line)
        if url and _HEX.search(line):
            out.evidence.append(Evidence("data", 3, "data-list", item.pointer(number),
                                         detail=url.group(0), external=True))
            return
