"""One piece of provenance evidence, and which model it belongs to.

Levels are those of tags.md ("Evidence levels"): training data E0–E4, pipeline P0–P4. An
evidence item records the level it supports, what it is, where it was found (a pointer that the
classification note cites) and which models it names. An item that names no model applies to
every model of the package; the note then says "package-wide", so a maintainer sees that the
link is mllint's guess and not a statement of the package.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Literal, NamedTuple

from mllint.index import Pointer

Kind = Literal["data", "pipeline"]

# What an item is, as a phrase for the note. Keys are stable tokens used by the collectors.
WHAT: dict[str, str] = {
    # data
    "data-mention": "dataset named in prose",
    "data-url": "dataset URL in prose",
    "card-datasets": "model card datasets",
    "embedded-datasets": "datasets in model metadata",
    "training-inputs": "training inputs in model metadata",
    "bom-datasets": "datasets in a model BOM",
    "declared-data": "declared Training-Data",
    "data-download": "dataset download",
    "dvc": "DVC-tracked data",
    "data-list": "dataset list with URLs",
    "shipped-data": "data in the source",
    "build-dep-data": "data in a build dependency",
    "self-play": "self-play generator",
    # pipeline
    "pipeline-mention": "training described in prose",
    "declared-code": "declared Training-Code",
    "training-loop": "training loop",
    "fit-call": "fit call",
    "trainer-call": "trainer call",
    "trainer-command": "trainer command",
    "trainer-source": "trainer program source",
    "export-step": "export step",
    "train-and-save": "training script saves it",
    "trainer-writes-format": "trainer writes the shipped format",
    "rule-builds-model": "build rule makes the model",
    "rules-hook": "debian/rules retrain target",
    "build-profile": "retrain build profile",
    "retrain-command": "declared Retrain-Command",
}


class Evidence(NamedTuple):
    """``level`` is 1–4 (E1–E4 or P1–P4). ``targets`` are source names of the models the item
    names (empty: package-wide); ``via`` says how it names them ("same stem", "banner", ...).
    ``detail`` is a stable token for notes (a dataset id, a URL, a command); ``external`` marks
    data reachable only outside Debian; ``license`` is the data's licence expression if known."""

    kind: Kind
    level: int
    what: str
    where: Pointer
    targets: tuple[str, ...] = ()
    via: str = ""
    detail: str = ""
    external: bool = False
    license: str | None = None

    def scope(self, model: str) -> str | None:
        """How this item belongs to the model at source name ``model``: a phrase for the note,
        or ``None`` when it names other models only."""
        if self.targets:
            return (self.via or "named") if model in self.targets else None
        here = PurePosixPath(self.where.name).parent
        if here != PurePosixPath(".") and here == PurePosixPath(model).parent:
            return "same directory"
        return "package-wide"

    def phrase(self, model: str) -> str:
        """``what at path:line, scope`` for a classification note."""
        return f"{WHAT.get(self.what, self.what)} at {self.where}, {self.scope(model)}"


SPECIFICITY = {"package-wide": 0, "same directory": 1}


def best(items: list[Evidence], model: str) -> Evidence | None:
    """The item a note cites: the highest level, then the most specific scope, then the first."""
    ranked = [(e.level, SPECIFICITY.get(e.scope(model) or "", 2), -i, e)
              for i, e in enumerate(items)]
    return max(ranked, key=lambda r: r[:3])[3] if ranked else None
