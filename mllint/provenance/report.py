"""Grade a model's evidence and decide its ML-Policy class (tags.md, "Evidence levels").

Free ⇔ licence DFSG-free ∧ data ≥ E3 (the ``free-data-level`` profile setting: 2 under
``osaid``) with a free data licence ∧ pipeline ≥ P3 ∧ no base model without source.
ToxicCandy ⇔ licence free ∧ not Free. Non-free ⇔ licence non-free or use-restricted.
Unclassified ⇔ licence unknown. Every class comes with the note that explains it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from mllint import lazy
from mllint.index import Item, Pointer
from mllint.provenance.collect import Collected
from mllint.provenance.evidence import Evidence, best

licenses = lazy.module("mllint.licenses")

ModelClass = Literal["free", "toxic-candy", "non-free", "unclassified"]

# Pipeline items that complete the chain only together with training code elsewhere (an
# exporter alone is not a pipeline; ml-policy.md §1.3 row (3)).
NEEDS_TRAINING = frozenset({"export-step"})
# P4 hooks count only on top of a complete chain (P4 is P3 plus a hook, ml-policy.md §4.1), a
# declared Retrain-Command too ("P4 if the chain is P3", §6): a declaration points, it does not
# vouch, and a retrain target does not make training code appear.
NEEDS_CHAIN = frozenset({"rules-hook", "build-profile", "retrain-command"})


class BaseModel(NamedTuple):
    name: str
    has_source: bool
    where: Pointer


@dataclass(slots=True)
class ModelEvidence:
    """Everything known about one model's provenance, graded."""

    name: str
    data: list[Evidence] = field(default_factory=list)
    pipeline: list[Evidence] = field(default_factory=list)
    data_level: int = 0
    pipeline_level: int = 0
    base_models: list[BaseModel] = field(default_factory=list)
    checkpoints: list[str] = field(default_factory=list)  # named by the model, not shipped
    # debian/copyright's licence names, judged with their texts (Collected.license_verdicts)
    license_verdicts: dict[str, licenses.LicenseVerdict] = field(default_factory=dict)

    def license_verdict(self, expression: str) -> licenses.LicenseVerdict:
        return self.license_verdicts.get(expression) or licenses.classify(expression)

    @property
    def data_best(self) -> Evidence | None:
        return best([e for e in self.data if e.level == self.data_level], self.name)

    @property
    def pipeline_best(self) -> Evidence | None:
        at_level = [e for e in self.pipeline if e.level == self.pipeline_level]
        return best(at_level or self.pipeline, self.name)

    @property
    def external_only(self) -> bool:
        """Data reachable only from outside Debian: every item of the best data points to a
        URL or hub id, not a Debian package (a recipe, E3, or a declared location, E2), and
        nothing is shipped (E4). ml-policy.md §6, example "foo": a Training-Data URL is E2
        and brings this tag."""
        level = self.data_level
        return level in (2, 3) and all(e.external for e in self.data if e.level == level)

    @property
    def unsourced_bases(self) -> list[BaseModel]:
        return [b for b in self.base_models if not b.has_source]

    def data_licenses(self) -> list[tuple[Evidence, licenses.LicenseVerdict]]:
        """The licence verdict of every data item that states one."""
        return [(e, self.license_verdict(e.license)) for e in self.data if e.license]

    def data_license_ok(self, level: int) -> bool:
        """Every data item at ``level`` or above has a free licence; under the lower OSAID
        threshold (data information suffices) it is enough that none is known non-free."""
        relevant = [e for e in self.data if e.level >= level]
        if not relevant:
            return False
        verdicts = [self.license_verdict(e.license).verdict if e.license else "unknown"
                    for e in relevant]
        if level >= 3:
            return all(v == "free" for v in verdicts)
        return not any(v in ("non-free", "use-restricted") for v in verdicts)


def grade(model: Item, collected: Collected) -> ModelEvidence:
    """Attribute ``collected`` evidence to ``model`` and compute its levels."""
    me = ModelEvidence(model.name, license_verdicts=collected.license_verdicts)
    for e in collected.evidence:
        if e.scope(model.name) is None:
            continue
        (me.data if e.kind == "data" else me.pipeline).append(e)
    me.data_level = max((e.level for e in me.data), default=0)
    trains = max((e.level for e in me.pipeline if e.what not in NEEDS_TRAINING | NEEDS_CHAIN
                  and e.level <= 3), default=0)
    level = trains
    if trains >= 2 and any(e.what in NEEDS_TRAINING for e in me.pipeline):
        level = max(level, 3)
    elif any(e.what in NEEDS_TRAINING for e in me.pipeline):
        level = max(level, 1)  # an exporter without training code: the chain is only described
    hooks = [e for e in me.pipeline if e.level == 4]
    if level >= 3 and any(e.what in NEEDS_CHAIN for e in hooks):
        level = 4
    me.pipeline_level = level
    # hooks that did not count must not be cited as if they had; an exporter that did not
    # complete a chain stays, as what the P1 rests on
    me.pipeline = [e for e in me.pipeline if e.level <= level or e.what in NEEDS_TRAINING]
    me.base_models = [BaseModel(n, s, w) for n, s, w in collected.base_models.get(model.name, [])]
    me.checkpoints = list(collected.checkpoints.get(model.name, []))
    return me


def classify(me: ModelEvidence, license_verdict: str, free_data_level: int = 3) -> ModelClass:
    """The ML-Policy class from the graded evidence and the model's own licence verdict
    (``free``, ``non-free``, ``use-restricted`` or ``unknown``)."""
    if license_verdict in ("non-free", "use-restricted"):
        return "non-free"
    if license_verdict != "free":
        return "unclassified"
    if (me.data_level >= free_data_level and me.data_license_ok(free_data_level)
            and me.pipeline_level >= 3 and not me.unsourced_bases and not me.checkpoints):
        return "free"
    return "toxic-candy"


def _level_note(prefix: str, level: int, cited: Evidence | None, model: str) -> str:
    text = f"{prefix}{level}"
    return f"{text} ({cited.phrase(model)})" if cited is not None and level else text


def note(me: ModelEvidence, license_expression: str, free_data_level: int = 3) -> str:
    """``data=E3 (what at where, scope) pipeline=P2 (...) license=GPL-3+`` plus what keeps the
    model from Free: a data licence that is not free, a base model or checkpoint not shipped.
    Notes never contain ``[`` (lintian's pointer delimiter)."""
    parts = [
        _level_note("data=E", me.data_level, me.data_best, me.name),
        _level_note("pipeline=P", me.pipeline_level, me.pipeline_best, me.name),
        f"license={license_expression or 'unknown'}",
    ]
    if me.data_level >= free_data_level and not me.data_license_ok(free_data_level):
        stated = sorted({v.expression for _, v in me.data_licenses()})
        parts.append(f"data-license={' '.join(stated) if stated else 'unknown'}")
    parts += [f"base-model={b}" for b in dict.fromkeys(b.name for b in me.unsourced_bases)]
    parts += [f"checkpoint={c}" for c in me.checkpoints]
    return " ".join(parts).replace("[", "(").replace("]", ")")
