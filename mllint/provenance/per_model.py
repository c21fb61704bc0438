"""Evidence that belongs to one model by construction: its embedded metadata, the model card
beside it, data with its stem, and its ``debian/ml-models`` stanza.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mllint import lazy
from mllint.index import Item
from mllint.provenance.evidence import Evidence
from mllint.provenance.tables import TOOLS
from mllint.provenance.tree import Collected, Names, Source, dataset_license

modelcard = lazy.module("mllint.modelcard")
pointers = lazy.module("mllint.provenance.pointers")

_PURL = "pkg:deb/debian/"
_SCRIPT = re.compile(r"[\w.-]+\.(?:py|sh|pl)\b")
CLOSED_AVAILABILITY = ("private", "on-request", "unknown")  # Training-Data-Availability


def _model_formats(model: Item) -> set[str]:
    info = model.model
    if info is None:
        return set()
    return {info.format} | {m.model.format for m in info.members if m.model is not None}


def model_metadata(model: Item, names: Names, src: Source, out: Collected) -> None:
    info = model.model
    if info is None:
        return
    target = (model.name,)
    prov = info.provenance
    for dataset in prov.datasets:
        out.evidence.append(Evidence("data", 2, "embedded-datasets", model.pointer(), target,
                                     "in the model", detail=dataset,
                                     license=dataset_license(dataset)))
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
        if data is not None:  # the note cites the data file; "recorded in the model" says how
            out.evidence.append(Evidence("data", 4, "shipped-data", data.pointer(), target,
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
                                         license=dataset_license(dataset)))
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
        written = sorted(set(TOOLS[name].writes) & formats)
        if written:
            out.evidence.append(Evidence("pipeline", 3, "trainer-writes-format", where,
                                         (model.name,), f"{name} writes {written[0]}",
                                         detail=name))
            return


def same_stem_data(model: Item, names: Names, src: Source, out: Collected) -> None:
    """Data beside the model with the same stem (``globins4.sto`` for ``globins4.hmm``). JSON
    is left out: a same-stem JSON is the model's config far more often than its data."""
    stem = PurePosixPath(model.basename).stem
    for item in src.index.children(model.dirname):
        if item is model or not item.is_file or item.suffix == ".json" or \
                PurePosixPath(item.basename).stem != stem:
            continue
        if names.is_data(item):
            out.evidence.append(Evidence("data", 4, "shipped-data", item.pointer(),
                                         (model.name,), "same stem", detail=item.name,
                                         license=src.data_license(item.name)))


def declared(model: Item, names: Names, src: Source, out: Collected) -> None:
    decl = src.declaration
    stanza = decl.for_file(model.name) if decl is not None else None
    if decl is None or stanza is None:
        return
    target = (model.name,)
    ptr = src.index.lookup(decl.name)
    if ptr is None:
        return
    # ML-Policy wants data "publicly available to anonymous users": data declared private, on
    # request or of unknown availability is named but not obtainable, E1 at most wherever it is
    # said to be (ml-policy.md, evidence levels), so the without-training-data tag still fires.
    closed = (stanza.training_data_availability or "").lower() in CLOSED_AVAILABILITY
    for entry in stanza.training_data:
        where = ptr.pointer(entry.line)
        location = entry.location or ""
        license = entry.license or dataset_license(entry.name)
        # A declaration points, it does not vouch: a location outside the source is E2, as
        # any Training-Data line; only data the build has (shipped, build-depended) is E4
        # (ml-policy.md §4.2, and the worked example "foo" of §6).
        if location.startswith(_PURL):
            package = location[len(_PURL):].split("@")[0].split("?")[0]
            level, what, external = (4, "build-dep-data", False) if package in \
                src.build_depends else (2, "declared-data", False)
        elif "://" in location:
            level, what, external = 2, "declared-data", True
        elif (path := pointers.source_path(location)) is not None:
            if pointers.find(src.index, path) is None:
                continue  # names nothing in the source: reported, no evidence
            level, what, external = 4, "shipped-data", False
            license = license or src.data_license(path)
        else:
            level, what, external = 2, "declared-data", False
        if closed:
            level, external = min(level, 1), False
        out.evidence.append(Evidence("data", level, what, where, target, "declared",
                                     detail=location if external else entry.name,
                                     external=external, license=license))
    for entry in stanza.training_code:
        path = pointers.source_path(entry.location or "")
        if path is not None and pointers.find(src.index, path) is None:
            continue  # names nothing in the source: reported, no evidence
        out.evidence.append(Evidence("pipeline", 2 if path is not None else 1, "declared-code",
                                     ptr.pointer(entry.line), target, "declared",
                                     detail=entry.name))
    generated = (stanza.generated_by or "").split()[:1]
    path = pointers.source_path(generated[0]) if generated else None
    if path is not None and pointers.find(src.index, path) is not None:
        out.evidence.append(Evidence("pipeline", 3, "export-step",
                                     ptr.pointer(stanza.line_of("Generated-By")), target,
                                     "declared", detail=generated[0]))
    if stanza.retrain_command and pointers.retrain_problem(src.index,
                                                           stanza.retrain_command) is None:
        out.evidence.append(Evidence("pipeline", 4, "retrain-command",
                                     ptr.pointer(stanza.line_of("Retrain-Command")), target,
                                     "declared", detail=stanza.retrain_command))
    for entry in stanza.base_model:
        location = entry.location or ""
        has_source = bool(location) and (
            src.index.lookup(location) is not None
            or (location.startswith(_PURL) and location[len(_PURL):].split("@")[0]
                in src.build_depends))
        out.base_models.setdefault(model.name, []).append(
            (entry.name, has_source, ptr.pointer(entry.line)))
