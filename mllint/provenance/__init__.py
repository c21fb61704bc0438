"""Provenance of the models a package ships: training data (E0–E4), pipeline (P0–P4), base
models, and the ML-Policy class that follows (tags.md, "Evidence levels"; ml-policy.md §1.3).

Public API, shared by the provenance check and the declaration check
(``debian-ml-models-class-disagrees``):

- :func:`classified_models` — the items of a view that get a class;
- :func:`classify_model` — class, graded evidence and the explaining note of one model;
- :func:`evidence_for` — all evidence of a source package, collected once and cached;
- :func:`traced_source_model` — the source file a binary's model was installed from.
"""

from __future__ import annotations

import weakref
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from mllint.formats import declared
from mllint.index import Index, Item
from mllint.inventory import models
from mllint.licensing import copyright_verdict, resolve_license
from mllint.provenance.collect import Collected, Source, collect
from mllint.provenance.report import ModelClass, ModelEvidence, classify, grade, note

if TYPE_CHECKING:
    from mllint.licenses import LicenseVerdict
    from mllint.formats import ModelInfo
    from mllint.processable import Processable

__all__ = ["Classification", "classified_models", "classify_model", "evidence_for",
           "traced_source_model"]

_COLLECTED: weakref.WeakKeyDictionary[Processable, Collected] = weakref.WeakKeyDictionary()
# Three checks ask for the class of the same model (provenance, licensing, ml-models-file).
_CLASSIFIED: weakref.WeakKeyDictionary[Processable, dict[tuple[str, int], Classification]] = \
    weakref.WeakKeyDictionary()


class Classification(NamedTuple):
    """One model's class with what decided it. ``license_verdict`` is free, non-free,
    use-restricted or unknown; ``note`` is the classification hint's note."""

    model_class: ModelClass
    evidence: ModelEvidence
    license_expression: str
    license_verdict: str
    note: str


@cache
def _weights_by_format() -> dict[str, bool]:
    return {f.id: f.weights for f in declared()}


def _bears_weights(model: ModelInfo) -> bool:
    """Trained parameters: a format that stores them (unknown ids, e.g. from a container
    reader, count: nothing says otherwise), or a container with such a member."""
    if model.trained is False:
        return False
    if _weights_by_format().get(model.format, True):
        return True
    return any(m.model is not None and _bears_weights(m.model) for m in model.members)


def classified_models(index: Index) -> list[Item]:
    """Models of ``index`` that get a class: every model of the inventory (test fixtures are
    left out there) whose format carries trained weights."""
    return [item for item, model in models(index) if _bears_weights(model)]


def _build_depends(p: Processable) -> frozenset[str]:
    names: set[str] = set()
    for key in ("Build-Depends", "Build-Depends-Indep", "Build-Depends-Arch"):
        for clause in p.fields.get(key, "").split(","):
            for alternative in clause.split("|"):
                word = alternative.strip().split()
                if word:
                    names.add(word[0].split(":")[0])
    return frozenset(names)


def evidence_for(p: Processable) -> Collected:
    """All provenance evidence of source package ``p`` (cached per processable); empty for a
    package without a source tree."""
    found = _COLLECTED.get(p)
    if found is not None:
        return found
    if p.type != "source" or p.patched is None:
        found = Collected()
    else:
        parsed = p.copyright()
        verdicts: dict[str, LicenseVerdict] = {}

        def data_license(name: str) -> str | None:
            match = parsed.match(name) if parsed is not None else None
            if match is None or not match.license:
                return None
            if match.license not in verdicts:  # judged once per licence, not per data file
                verdicts[match.license] = copyright_verdict(match)
            return match.license

        src = Source(p.patched, classified_models(p.patched), _build_depends(p),
                     p.declaration(), data_license)
        found = collect(src)
        found.license_verdicts = verdicts
    _COLLECTED[p] = found
    return found


def classify_model(p: Processable, item: Item, free_data_level: int = 3) -> Classification:
    """The class of the model ``item`` of package ``p``: its licence (mllint.licensing) and,
    for a source package, its graded evidence. ``free_data_level`` is the profile's data
    threshold (3; ``osaid``: 2)."""
    cache = _CLASSIFIED.setdefault(p, {})
    known = cache.get((item.name, free_data_level))
    if known is not None:
        return known
    finding = resolve_license(p, item, item.model)
    verdict = finding.verdict.verdict if finding is not None else "unknown"
    expression = finding.expression if finding is not None else ""
    me = grade(item, evidence_for(p))
    cls = classify(me, verdict, free_data_level)
    result = Classification(cls, me, expression, verdict, note(me, expression, free_data_level))
    cache[(item.name, free_data_level)] = result
    return result


def traced_source_model(source: Processable, item: Item) -> Item | None:
    """The model of ``source`` that binary item ``item`` was installed from: same base name and
    size; among several, the one sharing the longest trailing path. Size and name, not a
    checksum: hashing would read the weights (HELPERS.md, cost bounded by the header)."""
    if source.patched is None:
        return None
    candidates = [m for m in classified_models(source.patched)
                  if m.basename == item.basename and m.size == item.size]

    def shared(m: Item) -> int:
        a, b = PurePosixPath(m.name).parts[::-1], PurePosixPath(item.name).parts[::-1]
        return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))

    return max(candidates, key=shared) if candidates else None
