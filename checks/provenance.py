"""Training data, training pipeline, retraining and the ML-Policy class of every model.

Owns: ml-policy-free-model, ml-policy-toxic-candy-model, ml-policy-non-free-model,
ml-policy-unclassified-model, source-contains-ml-model-without-training-data,
source-contains-ml-model-without-training-pipeline, ml-model-training-data-not-dfsg-free,
ml-model-training-data-external-only, ml-model-derived-from-base-model-without-source,
ml-model-generated-from-unshipped-checkpoint, ml-model-retraining-not-wired,
ml-model-retrained-during-default-build.
Reads: the evidence of mllint.provenance (static only) and the licence resolved by
mllint.licensing; one classification hint per model, pointing at the model file.
"""

from __future__ import annotations

from mllint.check import Check
from mllint.index import Item
from mllint.provenance import (
    classified_models,
    classify_model,
    evidence_for,
    traced_source_model,
)
from mllint.provenance.report import ModelEvidence

DATA_TAG = "source-contains-ml-model-without-training-data"
PIPELINE_TAG = "source-contains-ml-model-without-training-pipeline"


class Provenance(Check):
    def source(self) -> None:
        p = self.processable
        if p.patched is None:
            return
        level = int(self.profile.setting("free-data-level", 3))
        for item in classified_models(p.patched):
            result = classify_model(p, item, level)
            self.pointed_hint(f"ml-policy-{result.model_class}-model", item.pointer(),
                              result.note)
            if result.model_class != "non-free":
                self._shortfalls(item, result.evidence)
        for where, command in evidence_for(p).default_build_training:
            self.pointed_hint("ml-model-retrained-during-default-build", where, command)

    def _shortfalls(self, item: Item, me: ModelEvidence) -> None:
        where = item.pointer()
        if me.data_level <= 1:
            self.pointed_hint(DATA_TAG, where, f"data=E{me.data_level}")
        if me.pipeline_level <= 1:
            self.pointed_hint(PIPELINE_TAG, where, f"pipeline=P{me.pipeline_level}")
        # one hint per distinct statement: a card and a declaration may name the same dataset
        bad = {(e.detail, v.expression) for e, v in me.data_licenses()
               if v.verdict in ("non-free", "use-restricted")}
        for dataset, expression in sorted(bad):
            self.pointed_hint("ml-model-training-data-not-dfsg-free", where, dataset, expression)
        if me.external_only and me.data_best is not None:
            self.pointed_hint("ml-model-training-data-external-only", where,
                              me.data_best.detail or str(me.data_best.where))
        for base in sorted({b.name for b in me.unsourced_bases}):
            self.pointed_hint("ml-model-derived-from-base-model-without-source", where, base)
        for checkpoint in me.checkpoints:
            self.pointed_hint("ml-model-generated-from-unshipped-checkpoint", where, checkpoint)
        if me.pipeline_level in (2, 3):
            self.pointed_hint("ml-model-retraining-not-wired", where,
                              f"pipeline=P{me.pipeline_level}")

    def installable(self) -> None:
        p = self.processable
        if p.installed is None:
            return
        level = int(self.profile.setting("free-data-level", 3))
        source = p.group.source if p.group is not None else None
        for item in classified_models(p.installed):
            origin = traced_source_model(source, item) if source is not None else None
            if origin is not None and source is not None:
                result = classify_model(source, origin, level)
                self.pointed_hint(f"ml-policy-{result.model_class}-model", item.pointer(),
                                  f"source={origin.name}", result.note)
                continue
            # Alone, a binary shows its licence but not its provenance (ml-policy.md §1.3); a
            # model built during the package build has no twin in the source to trace.
            result = classify_model(p, item, level)
            cls = "non-free" if result.model_class == "non-free" else "unclassified"
            self.pointed_hint(f"ml-policy-{cls}-model", item.pointer(),
                              f"license={result.license_expression or 'unknown'}",
                              "source not in this run" if source is None
                              else "no same-named file of this size in the source")
