"""The maintainer's declaration, debian/ml-models: syntax, fields, files, checksums, coverage.

Owns: debian-ml-models-syntax-error, debian-ml-models-unknown-field,
debian-ml-models-file-not-found, debian-ml-models-checksum-mismatch,
debian-ml-models-undeclared-model, debian-ml-models-class-disagrees.
Reads: debian/ml-models (parsed by :mod:`mllint.declaration`), the source tree's file names, and
the bytes of declared files that carry a SHA256 (streamed; no other file is hashed), debian/rules
for the targets a Retrain-Command names, and the class mllint.provenance infers for each declared
model.

Only source packages with a debian/ directory have a declaration; without the file no tag fires
(the file is optional, and ``--emit-ml-models`` drafts one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING


from mllint import lazy
from mllint.check import Check
from mllint.index import Item, Pointer
from mllint.inventory import models
from mllint.provenance import classified_models, classify_model

if TYPE_CHECKING:
    from mllint.declaration import Declaration

pointers = lazy.module("mllint.provenance.pointers")

ML_POLICY_CLASSES = frozenset({"free", "toxic-candy", "non-free"})
ML_POLICY_DATA_LEVEL = 3  # the ML-Policy rule's data threshold (tags.md, evidence levels)

CHUNK = 1 << 20
"""Bytes read per step when hashing a declared file (1 MiB): memory stays flat for 10 GB files."""


def sha256_of(item: Item) -> str | None:
    """Hex SHA-256 of a regular file, streamed; ``None`` if it cannot be read."""
    import hashlib  # here: OpenSSL's bindings cost 3 ms of start-up, needed only for a listing

    digest = hashlib.sha256()
    try:
        with open(item.path, "rb") as f:
            while block := f.read(CHUNK):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class MlModelsFile(Check):
    def source(self) -> None:
        decl = self.processable.declaration()
        if decl is None:
            return
        for problem in decl.problems:
            self.pointed_hint(f"debian-ml-models-{problem.kind}", self._at(decl, problem.line),
                              problem.note)
        self._files(decl)
        assert self.processable.patched is not None  # declaration() returns None otherwise
        for item, _ in models(self.processable.patched):
            if decl.for_file(item.name) is None:
                self.pointed_hint("debian-ml-models-undeclared-model", item.pointer())
        self._classes(decl)

    def _classes(self, decl: Declaration) -> None:
        """ML-Policy-Class against the class inferred by the ML-Policy rule (data threshold E3,
        whatever the profile: the field names an ML-Policy class, ml-policy.md §6). An
        unclassified model contradicts nothing: mllint could not decide."""
        p = self.processable
        assert p.patched is not None
        for item in classified_models(p.patched):
            stanza = decl.for_file(item.name)
            declared = stanza.ml_policy_class if stanza is not None else None
            if stanza is None or declared not in ML_POLICY_CLASSES:
                continue
            inferred = classify_model(p, item, ML_POLICY_DATA_LEVEL)
            if inferred.model_class in ML_POLICY_CLASSES and inferred.model_class != declared:
                self.pointed_hint("debian-ml-models-class-disagrees",
                                  self._at(decl, stanza.line_of("ML-Policy-Class")), item.name,
                                  f"declared={declared}", f"inferred={inferred.model_class}",
                                  inferred.note)

    def _at(self, decl: Declaration, line: int) -> Pointer:
        return self.processable.pointer(decl.name, line)

    def _files(self, decl: Declaration) -> None:
        index = self.processable.patched
        assert index is not None  # declaration() returns None otherwise
        names = [i.name for i in index if not i.is_dir]
        for stanza in decl.stanzas:
            for glob, matched in stanza.matching(names).items():
                if not matched:
                    self.pointed_hint("debian-ml-models-file-not-found",
                                      self._at(decl, stanza.line), glob)
            # The paths and debian/rules targets the stanza's fields name: one not there gives
            # no evidence either (mllint.provenance.pointers decides both).
            for missing in pointers.unresolved(stanza, index):
                self.pointed_hint("debian-ml-models-file-not-found",
                                  self._at(decl, missing.line), missing.note)
            declared = (stanza.sha256 or "").lower()
            if len(declared) != 64:
                continue  # absent, or already a syntax error
            for name in sorted({n for ns in stanza.matching(names).values() for n in ns}):
                item = index.lookup(name)
                # Hash only regular files this stanza governs (the last match wins), never a
                # symlink's target.
                if item is None or not item.is_file or decl.for_file(name) is not stanza:
                    continue
                actual = sha256_of(item)
                if actual is not None and actual != declared:
                    self.pointed_hint("debian-ml-models-checksum-mismatch",
                                      self._at(decl, stanza.line_of("SHA256")), name, actual)
