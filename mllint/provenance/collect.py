"""Walk a source tree once and collect the provenance evidence of tags.md ("Evidence levels").

Everything here is static: prose is read, Python is parsed with ``ast``, makefiles and scripts are
tokenised, metadata already parsed by the format readers is looked at. Nothing is imported, run
or fetched. The result is a flat list of :class:`Evidence` plus the places where the default
build trains; :mod:`mllint.provenance.report` attributes it to models and grades it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Protocol

from mllint import modelcard
from mllint.index import Index, Item, Pointer
from mllint.inventory import TEST_DIR
from mllint.provenance import makefile, prose, pyscan
from mllint.provenance.commands import Invocation, invocations
from mllint.provenance.evidence import Evidence
from mllint.provenance.tables import (
    CODE_SUFFIXES,
    DATA_SUFFIXES,
    DATASET_LICENSES,
    HOOK_TARGETS,
    PROFILE_WORDS,
    PROSE_DIRS,
    PROSE_NAMES,
    PROSE_SUFFIXES,
    TOOLS,
)

MAX_TEXT = 1 << 20
"""Largest text file read for evidence, in bytes (1 MiB): prose, scripts and build files are
smaller; a bigger "text" file is data, and reading it whole would cost more than it tells."""

_URL = re.compile(r"\b(?:https?|ftp)://\S+")
_HEX = re.compile(r"\b[0-9a-fA-F]{32,128}\b")
_PURL = "pkg:deb/debian/"
_SCRIPT = re.compile(r"[\w.-]+\.(?:py|sh|pl)\b")


class DeclarationLike(Protocol):
    """What is read from ``mllint.declaration.Declaration`` (the licensing helper's parser)."""

    name: str

    def for_file(self, name: str) -> object | None: ...


@dataclass(slots=True)
class Source:
    """The source tree being judged. ``models`` are the items to classify; ``build_depends`` the
    package names of Build-Depends(-Arch/-Indep), restrictions ignored (a profile-restricted
    dependency still provides, ml-policy.md §1.5 (1)); ``data_license`` maps a source path to its
    licence expression (debian/copyright), or ``None`` if unknown."""

    index: Index
    models: list[Item]
    build_depends: frozenset[str] = frozenset()
    declaration: DeclarationLike | None = None
    data_license: Callable[[str], str | None] = lambda name: None


@dataclass(slots=True)
class Collected:
    """All evidence of one source, and where the default build trains (pointer, command)."""

    evidence: list[Evidence] = field(default_factory=list)
    default_build_training: list[tuple[Pointer, str]] = field(default_factory=list)
    trainers_present: dict[str, Pointer] = field(default_factory=dict)  # tool name -> where
    base_models: dict[str, list[tuple[str, bool, Pointer]]] = field(default_factory=dict)
    checkpoints: dict[str, list[str]] = field(default_factory=dict)  # model -> unshipped


# ---------------------------------------------------------------------------------------------
# file kinds

def _is_prose(item: Item) -> bool:
    name = item.basename.lower()
    if item.name.startswith("debian/"):
        return name in ("readme.source", "readme.debian", "copyright", "readme")
    if name.startswith(("license", "licence", "copying", "changelog", "news", "authors")):
        return False
    if name in PROSE_NAMES or name.startswith("readme"):
        return True
    return item.suffix in PROSE_SUFFIXES and item.name.startswith(PROSE_DIRS)


def _shebang(item: Item) -> str:
    head = item.head[:128]
    if not head.startswith(b"#!"):
        return ""
    return head.split(b"\n", 1)[0].decode("latin-1")


def _is_python(item: Item) -> bool:
    return item.suffix == ".py" or "python" in _shebang(item)


def _is_make(item: Item) -> bool:
    return item.name == "debian/rules" or item.basename in (
        "Makefile", "makefile", "GNUmakefile", "Makefile.am", "Makefile.in") or item.suffix == ".mk"


def _is_shell(item: Item) -> bool:
    bang = _shebang(item)
    return item.suffix in (".sh", ".bash") or bang.endswith(("sh", "bash")) or " sh" in bang


def _is_cmake(item: Item) -> bool:
    return item.basename == "CMakeLists.txt" or item.suffix == ".cmake"


def _text(item: Item) -> str | None:
    if not item.is_file or item.size > MAX_TEXT:
        return None
    return item.text(MAX_TEXT)


# ---------------------------------------------------------------------------------------------
# helpers

class _Names:
    """Lookups over the models of the source, by base name and by name."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.by_base: dict[str, list[str]] = {}
        for m in src.models:
            self.by_base.setdefault(m.basename, []).append(m.name)
        self.by_dir: dict[str, list[Item]] = {}
        self.basenames: set[str] = set()
        for item in src.index.files():
            self.by_dir.setdefault(item.dirname, []).append(item)
            self.basenames.add(item.basename)

    def models_named(self, words: Iterable[str]) -> tuple[str, ...]:
        """Models whose base name is the last path part of one of ``words``."""
        found: list[str] = []
        for word in words:
            base = PurePosixPath(word.strip("'\"")).name
            for name in self.by_base.get(base, ()):
                if name not in found:
                    found.append(name)
        return tuple(found)

    def resolve(self, word: str, relative_to: str) -> Item | None:
        """The regular file ``word`` names, relative to the directory ``relative_to`` or to the
        root; ``None`` for anything else (absolute paths, globs, variables, directories)."""
        word = word.strip("'\"")
        if not word or word.startswith(("/", "-", "$")) or "*" in word or "://" in word:
            return None
        for base in (relative_to, ""):
            parts: list[str] = []
            for part in PurePosixPath(base + word).parts:
                if part == "..":
                    if not parts:
                        break
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            else:
                item = self.src.index.lookup("/".join(parts))
                if item is not None and item.is_file:
                    return item
        return None

    def is_data(self, item: Item) -> bool:
        """A training input: a data-like file that is neither code nor a model."""
        return (item.suffix in DATA_SUFFIXES and item.suffix not in CODE_SUFFIXES
                and item.model is None and not item.name.startswith("debian/"))


def _license_of_dataset(name: str) -> str | None:
    return DATASET_LICENSES.get(name.strip().lower())


# ---------------------------------------------------------------------------------------------
# collectors

def collect(src: Source) -> Collected:
    """Run every collector over ``src``."""
    out = Collected()
    names = _Names(src)
    python: dict[str, pyscan.PyFacts] = {}
    for item in src.index.files():
        if item.is_symlink:
            continue
        if _is_prose(item):
            _prose(item, out)
        if TEST_DIR.search(item.name):
            continue  # test code and fixtures are not the model's pipeline
        if _is_python(item):
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
            _bom(item, names, out)
        elif item.suffix in (".lst", ".txt", ".tsv") and "data" in item.basename.lower():
            _data_list(item, out)
    for item in src.index.files():
        if item.is_symlink or TEST_DIR.search(item.name):
            continue
        if _is_make(item) or _is_shell(item) or _is_cmake(item):
            _build_file(item, names, python, src, out)
    _rules(src, names, python, out)
    for model in src.models:
        _model_metadata(model, names, src, out)
        _same_stem_data(model, names, src, out)
        _declared(model, names, src, out)
    return out


def _prose(item: Item, out: Collected) -> None:
    text = _text(item)
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


def _python(item: Item, names: _Names, out: Collected) -> pyscan.PyFacts | None:
    text = _text(item)
    if text is None:
        return None
    facts = pyscan.scan(text)
    if facts is None:
        return None
    stem = PurePosixPath(item.basename).stem.lower()
    written = names.models_named(s for s, _ in facts.strings) if facts.saves else ()
    # An exporter named after the model it writes: dump_rnn.py -> rnn.*, export_foo.py -> foo.*
    for model in names.src.models:
        mstem = PurePosixPath(model.basename).stem.lower().split(".")[0]
        if stem in (f"dump_{mstem}", f"export_{mstem}", f"{mstem}_dump", f"{mstem}_export",
                    f"convert_{mstem}", f"gen_{mstem}") and model.name not in written:
            written += (model.name,)
    if facts.training:
        what, line = facts.training[0]
        out.evidence.append(Evidence("pipeline", 2, what, item.pointer(line), written,
                                     "written by the training script" if written else ""))
        if written:
            out.evidence.append(Evidence("pipeline", 3, "train-and-save", item.pointer(
                facts.saves[0]), written, "written by the training script"))
        for dataset, line in facts.loaders:
            out.evidence.append(Evidence("data", 3, "dataset-loader", item.pointer(line), written,
                                         "loaded by the training script" if written else "",
                                         detail=dataset, external=True,
                                         license=_license_of_dataset(dataset)))
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
    elif written:
        out.evidence.append(Evidence("pipeline", 3, "export-step", item.pointer(
            facts.saves[0] if facts.saves else 0), written, "exporter names it"))
    return facts


def _trainer_source(item: Item, out: Collected) -> None:
    stem = PurePosixPath(item.basename).stem
    tool = next((t for t in TOOLS.values() if stem in t.sources and t.role == "train"), None)
    if tool is None:
        return
    text = _text(item)
    match = re.search(r"^\s*(?:int|void)\s+main\s*\(", text or "", re.MULTILINE)
    if match is None:
        return
    where = item.pointer(text.count("\n", 0, match.start()) + 1)  # type: ignore[union-attr]
    out.trainers_present.setdefault(tool.name, where)
    out.evidence.append(Evidence("pipeline", 2, "trainer-source", where, detail=tool.name))


def _bom(item: Item, names: _Names, out: Collected) -> None:
    """SPDX 3 ``trainedOn`` / DatasetPackage elements and CycloneDX ``modelCard.modelParameters
    .datasets`` (ml-policy.md §3.5, §3.6): each is a machine-readable data pointer (E2)."""
    text = _text(item)
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
    text = _text(item)
    for number, line in enumerate((text or "").splitlines(), 1):
        url = _URL.search(line)
        if url and _HEX.search(line):
            out.evidence.append(Evidence("data", 3, "data-list", item.pointer(number),
                                         detail=url.group(0), external=True))
            return


def _commands(item: Item, text: str) -> list[tuple[int, str, makefile.Rule | None,
                                                   makefile.Makefile | None]]:
    """(line, command text, rule, makefile) for every command line of a build file."""
    if _is_make(item):
        mk = makefile.parse(text)
        lines: list[tuple[int, str, makefile.Rule | None, makefile.Makefile | None]] = []
        for rule in mk.rules:
            targets = tuple(mk.expand(t) for t in rule.targets)
            prereqs = tuple(mk.expand(p) for p in rule.prereqs)
            for number, body, _ in rule.recipe:
                lines.append((number, mk.expand(body, targets[0] if targets else "", prereqs),
                              rule, mk))
        return lines
    return [(n, line, None, None) for n, line in makefile.logical_lines(text)]


def _build_file(item: Item, names: _Names, python: dict[str, pyscan.PyFacts], src: Source,
                out: Collected) -> None:
    text = _text(item)
    if text is None:
        return
    for number, line, rule, mk in _commands(item, text):
        for inv in invocations(line):
            _invocation(item, number, inv, rule, mk, names, python, src, out)


def _training_script(inv: Invocation, item: Item, names: _Names,
                     python: dict[str, pyscan.PyFacts]) -> Item | None:
    script = names.resolve(inv.script, item.dirname)
    if script is None or not python.get(script.name, pyscan.PyFacts()).training:
        return None
    return script


def _invocation(item: Item, number: int, inv: Invocation, rule: makefile.Rule | None,
                mk: makefile.Makefile | None, names: _Names, python: dict[str, pyscan.PyFacts],
                src: Source, out: Collected) -> None:
    where = item.pointer(number)
    if inv.tool is None:
        script = _training_script(inv, item, names, python)
        if script is None:
            return
        command, role = script.name, "train"
    else:
        command, role = inv.tool.name, inv.tool.role
        if role == "train":
            out.trainers_present.setdefault(command, where)
    words = list(inv.args)
    via = "named on the command line"
    if rule is not None and mk is not None:
        targets = [mk.expand(t) for t in rule.targets]
        words += targets + [mk.expand(p) for p in rule.prereqs]
        if names.models_named(targets):
            via = "built by a make rule"
    models = names.models_named(words)
    if role == "train":
        out.evidence.append(Evidence("pipeline", 2, "trainer-command", where, models, via,
                                     detail=command))
        if models:
            out.evidence.append(Evidence("pipeline", 3, "rule-builds-model", where, models, via,
                                         detail=command))
        for word in words:
            data = names.resolve(word, item.dirname)
            if data is not None and names.is_data(data):
                out.evidence.append(Evidence("data", 4, "shipped-data", where, models,
                                             f"input of {command}" if models else "",
                                             detail=data.name,
                                             license=src.data_license(data.name)))
            elif word.startswith("/usr/share/") and len(PurePosixPath(word).parts) > 3 and \
                    PurePosixPath(word).parts[3] in src.build_depends:
                out.evidence.append(Evidence("data", 4, "build-dep-data", where, models,
                                             f"input of {command}" if models else "",
                                             detail=PurePosixPath(word).parts[3]))
    elif models:
        out.evidence.append(Evidence("pipeline", 3, "export-step", where, models, via,
                                     detail=command))


# ---------------------------------------------------------------------------------------------
# debian/rules: opt-in hooks (P4) and training in the default build

def _profile_guard(guard: makefile.Guard) -> str:
    """The retraining profile a conditional tests, or ``""``."""
    if "DEB_BUILD_PROFILES" not in guard.condition:
        return ""
    match = re.search(r"filter\s+([^,)\s]+)", guard.condition)
    word = match.group(1) if match else ""
    return word if any(w in word for w in PROFILE_WORDS) else ""


def _opt_in(guards: tuple[makefile.Guard, ...]) -> str:
    """The profile under which lines with these guards run only when it is set, or ``""``.
    ``ifneq (,$(filter retrain,$(DEB_BUILD_PROFILES)))`` runs its then-branch when set;
    ``ifeq (,...)`` its else-branch."""
    for guard in guards:
        profile = _profile_guard(guard)
        if profile and (guard.directive == "ifneq") != guard.negated:
            return profile
    return ""


def _is_hook(target: str) -> bool:
    return target in HOOK_TARGETS or "retrain" in target or "bootstrap" in target


def _rules(src: Source, names: _Names, python: dict[str, pyscan.PyFacts],
           out: Collected) -> None:
    rules = src.index.lookup("debian/rules")
    text = _text(rules) if rules is not None else None
    if rules is None or text is None:
        return
    mk = makefile.parse(text)
    # targets reached from the default build: everything but hooks and what only hooks reach
    hook_only: set[int] = set()
    for rule in mk.rules:
        if any(_is_hook(mk.expand(t)) for t in rule.targets):
            out.evidence.append(Evidence("pipeline", 4, "rules-hook", rules.pointer(rule.line),
                                         detail=mk.expand(rule.targets[0])))
            hook_only.update(id(r) for r in mk.reachable(rule))
    for rule in mk.rules:
        profile = _opt_in(rule.guards)
        for number, body, guards in rule.recipe:
            profile = profile or _opt_in(guards)
            expanded = mk.expand(body)
            for inv in invocations(expanded):
                trains = (inv.tool is not None and inv.tool.role == "train") or (
                    inv.tool is None and _training_script(inv, rules, names, python) is not None)
                if not trains:
                    continue
                if profile:
                    out.evidence.append(Evidence("pipeline", 4, "build-profile",
                                                 rules.pointer(number), detail=profile))
                elif id(rule) not in hook_only:
                    out.default_build_training.append(
                        (rules.pointer(number), inv.tool.name if inv.tool else inv.script))
    _upstream_default_build(src, mk, out)


def _runs_upstream_build(rules: makefile.Makefile) -> bool:
    """Does the package build run the upstream build system? Not when ``override_dh_auto_build``
    (or ``build``/``build-arch``/``build-indep`` written out) has a recipe that calls no build
    tool: an empty override is how debian/rules skips it."""
    for rule in rules.rules:
        if "override_dh_auto_build" in rule.targets:
            tools = ("dh_auto_build", "$(MAKE)", "make", "cmake", "ninja", "meson", "setup.py")
            return any(any(t in body.split() or body.startswith(t) for t in tools)
                       for _, body, _ in rule.recipe)
    return True


def _upstream_default_build(src: Source, rules: makefile.Makefile, out: Collected) -> None:
    """Training reached from the default goal of the top-level Makefile (what dh_auto_build
    runs with the makefile build system)."""
    if not _runs_upstream_build(rules):
        return
    top = next((i for n in ("GNUmakefile", "makefile", "Makefile")
                if (i := src.index.lookup(n)) is not None and i.is_file), None)
    text = _text(top) if top is not None else None
    if top is None or text is None:
        return
    mk = makefile.parse(text)
    goal = mk.default_goal()
    if goal is None:
        return
    for rule in mk.reachable(goal):
        for number, body, _ in rule.recipe:
            for inv in invocations(mk.expand(body)):
                if inv.tool is not None and inv.tool.role == "train":
                    out.default_build_training.append((top.pointer(number), inv.tool.name))


# ---------------------------------------------------------------------------------------------
# per model: metadata, same-stem data, declaration

def _model_formats(model: Item) -> set[str]:
    info = model.model
    if info is None:
        return set()
    return {info.format} | {m.model.format for m in info.members if m.model is not None}


def _model_metadata(model: Item, names: _Names, src: Source, out: Collected) -> None:
    info = model.model
    if info is None:
        return
    target = (model.name,)
    prov = info.provenance
    for dataset in prov.datasets:
        out.evidence.append(Evidence("data", 2, "embedded-datasets", model.pointer(), target,
                                     "in the model", detail=dataset,
                                     license=_license_of_dataset(dataset)))
    for key, value in info.metadata.items():
        if "dataset" in key.lower() and value.strip() and not prov.datasets:
            out.evidence.append(Evidence("data", 2, "embedded-datasets", model.pointer(), target,
                                         "in the model", detail=key))
            break
    checkpoints = _checkpoints(info)
    for path in prov.training_inputs:
        if path in checkpoints:
            continue
        data = names.resolve(path, model.dirname) or names.resolve(PurePosixPath(path).name,
                                                                   model.dirname)
        if data is not None:
            out.evidence.append(Evidence("data", 4, "shipped-data", model.pointer(), target,
                                         "recorded in the model", detail=data.name,
                                         license=src.data_license(data.name)))
        else:
            out.evidence.append(Evidence("data", 2, "training-inputs", model.pointer(), target,
                                         "recorded in the model", detail=path))
    for base in prov.base_models:
        out.base_models.setdefault(model.name, []).append((base, False, model.pointer()))
    missing = [c for c in checkpoints if PurePosixPath(c).name not in names.basenames]
    banner = info.extra.get("banner")
    for script in _SCRIPT.findall(banner if isinstance(banner, str) else ""):
        if PurePosixPath(script).name in names.basenames:  # the generator a banner names
            out.evidence.append(Evidence("pipeline", 3, "export-step", model.pointer(), target,
                                         "banner", detail=script))
    if missing:
        out.checkpoints[model.name] = missing
    _card(model, src, out)
    _trainer_writes_format(model, out)


def _checkpoints(info: object) -> list[str]:
    """Checkpoint files a generated model names (c-array banners: ``extra['generated_from']``,
    and the code reader's ``training_inputs`` for weights-as-source)."""
    extra = getattr(info, "extra", {}) or {}
    found = extra.get("generated_from")
    values = [found] if isinstance(found, str) else list(found or [])
    if getattr(info, "format", "") == "c-array":
        values += list(info.provenance.training_inputs)  # type: ignore[attr-defined]
    return [str(v) for v in dict.fromkeys(values) if v]


def _card(model: Item, src: Source, out: Collected) -> None:
    card = modelcard.card_for(model)
    if card is None:
        return
    card_item = src.index.lookup(card.name)
    located = card.get("datasets")
    if located is not None and card.datasets and card_item is not None:
        for dataset in card.datasets:
            out.evidence.append(Evidence("data", 2, "card-datasets",
                                         card_item.pointer(located.line), (model.name,),
                                         "model card", detail=dataset,
                                         license=_license_of_dataset(dataset)))
    base = card.get("base_model")
    if base is not None and card_item is not None:
        for name in card.base_models:
            out.base_models.setdefault(model.name, []).append(
                (name, False, card_item.pointer(base.line)))


def _trainer_writes_format(model: Item, out: Collected) -> None:
    """A trainer present in the source that writes the model's format itself completes the
    chain to the shipped format (P3) with no separate export step (hmmbuild writes HMMER3)."""
    formats = _model_formats(model)
    for name, where in out.trainers_present.items():
        if set(TOOLS[name].writes) & formats:
            out.evidence.append(Evidence("pipeline", 3, "trainer-writes-format", where,
                                         (model.name,), f"{name} writes {model.model.format}",
                                         detail=name))
            return


def _same_stem_data(model: Item, names: _Names, src: Source, out: Collected) -> None:
    """Data beside the model with the same stem (``globins4.sto`` for ``globins4.hmm``). JSON
    is left out: a same-stem JSON is the model's config far more often than its data."""
    stem = PurePosixPath(model.basename).stem
    for item in names.by_dir.get(model.dirname, ()):
        if item is model or PurePosixPath(item.basename).stem != stem or item.suffix == ".json":
            continue
        if names.is_data(item):
            out.evidence.append(Evidence("data", 4, "shipped-data", item.pointer(),
                                         (model.name,), "same stem", detail=item.name,
                                         license=src.data_license(item.name)))


def _declared(model: Item, names: _Names, src: Source, out: Collected) -> None:
    decl = src.declaration
    stanza = decl.for_file(model.name) if decl is not None else None
    if decl is None or stanza is None:
        return
    target = (model.name,)
    ptr = src.index.lookup(decl.name)
    if ptr is None:
        return
    for entry in getattr(stanza, "training_data", ()):
        where = ptr.pointer(entry.line)
        location = entry.location or ""
        license = entry.license or _license_of_dataset(entry.name)
        if location.startswith(_PURL):
            package = location[len(_PURL):].split("@")[0].split("?")[0]
            level, what, external = (4, "build-dep-data", False) if package in \
                src.build_depends else (2, "declared-data", False)
        elif "://" in location:
            level, what, external = 3, "declared-data", True
        elif location and names.resolve(location, "") is not None or (
                location and src.index.lookup(location) is not None):
            level, what, external = 4, "shipped-data", False
            license = license or src.data_license(location)
        else:
            level, what, external = 2, "declared-data", False
        out.evidence.append(Evidence("data", level, what, where, target, "declared",
                                     detail=location if external else entry.name,
                                     external=external, license=license))
    for entry in getattr(stanza, "training_code", ()):
        where = ptr.pointer(entry.line)
        present = entry.location and src.index.lookup(entry.location) is not None
        out.evidence.append(Evidence("pipeline", 2 if present else 1, "declared-code", where,
                                     target, "declared", detail=entry.name))
    generated = getattr(stanza, "generated_by", None)
    if generated and src.index.lookup(generated.split()[0]) is not None:
        out.evidence.append(Evidence("pipeline", 3, "export-step",
                                     ptr.pointer(stanza.line_of("Generated-By")), target,
                                     "declared", detail=generated.split()[0]))
    if getattr(stanza, "retrain_command", None):
        out.evidence.append(Evidence("pipeline", 4, "retrain-command",
                                     ptr.pointer(stanza.line_of("Retrain-Command")), target,
                                     "declared", detail=stanza.retrain_command))
    for entry in getattr(stanza, "base_model", ()):
        location = entry.location or ""
        has_source = bool(location) and (
            src.index.lookup(location) is not None
            or (location.startswith(_PURL) and location[len(_PURL):].split("@")[0]
                in src.build_depends))
        out.base_models.setdefault(model.name, []).append(
            (entry.name, has_source, ptr.pointer(entry.line)))
