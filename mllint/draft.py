"""``mllint --emit-ml-models``: a filled-in ``debian/ml-models`` drafted from what was detected.

One stanza per model of the source tree: ``Files``, ``Format`` and ``SHA256`` from the file
itself, ``License`` when one was found (:mod:`mllint.licensing`), ``Base-Model`` and
``Training-Data`` from the model card, embedded metadata and the provenance evidence (E2 and
better), ``Training-Code`` from training code found in the source, ``ML-Policy-Class`` as mllint
infers it, and a :class:`~mllint.declaration.Placeholder` for what only the maintainer knows
(until filled in or deleted, each is reported and counts as absent). Where an
existing ``debian/ml-models`` stanza already covers a model, its declared values are kept,
detected ones fill its gaps, and ``Format`` and ``SHA256`` are refreshed, so re-running the
command updates a declaration instead of discarding it. The field list is
:data:`mllint.declaration.FIELDS`; the draft parses with no problem but its unfilled
placeholders, by construction (tested).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mllint import modelcard
from mllint.declaration import FIELDS, SPEC_FORMAT, Placeholder, Stanza
from mllint.index import Item
from mllint.inventory import models
from mllint.licensing import resolve_license
from mllint.provenance import Classification, classified_models, classify_model
from mllint.provenance.evidence import Evidence

if TYPE_CHECKING:
    from mllint.formats import ModelInfo
    from mllint.processable import Processable

CHUNK = 1 << 20  # bytes hashed per read (1 MiB)
MAX_LINES = 8  # most Training-Data / Training-Code lines drafted per model

# Fields refreshed from the file even when a stanza declares them.
MEASURED = ("Format", "SHA256")


def _sha256(item: Item) -> str:
    digest = hashlib.sha256()
    with open(item.path, "rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _glob_escape(name: str) -> str:
    """A path as a DEP-5 glob matching only itself (``*``, ``?`` and ``\\`` escaped)."""
    return name.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")


def _detected(p: Processable, item: Item, model: ModelInfo,
              classification: Classification | None) -> dict[str, list[str]]:
    """Field values mllint can fill in for one model, each a list of lines; ``classification``
    (None for models that get no class, e.g. tokenizers) supplies the provenance evidence."""
    fields: dict[str, list[str]] = {"Files": [_glob_escape(item.name)], "Format": [model.format]}
    try:
        fields["SHA256"] = [_sha256(item)]
    except OSError:
        pass
    finding = resolve_license(p, item, model)
    if finding is not None and finding.verdict.verdict != "unknown":
        fields["License"] = [finding.expression]
    card = modelcard.card_for(item)
    bases = list(dict.fromkeys([*(card.base_models if card else ()),
                                *model.provenance.base_models]))
    if bases:
        fields["Base-Model"] = [f"{b} {Placeholder.LOCATION} {Placeholder.LICENSE}"
                                for b in bases]
    data = [f"{d} {Placeholder.LOCATION} {Placeholder.LICENSE}" for d in dict.fromkeys(
        [*(card.datasets if card else ()), *model.provenance.datasets])]
    code: list[str] = []
    if classification is not None:
        data = _data_lines(classification.evidence.data) + data
        code = _code_lines(p, classification.evidence.pipeline)
        if classification.model_class != "unclassified":
            fields["ML-Policy-Class"] = [classification.model_class]
    named: dict[str, str] = {}
    for line in data:  # one line per dataset name; evidence lines come first and win
        named.setdefault(line.split(" ", 1)[0], line)
    data = list(named.values())
    fields["Training-Data"] = (data[:MAX_LINES] or
                               [FIELDS["training-data"].placeholder])
    fields["Training-Data-Availability"] = [FIELDS["training-data-availability"].placeholder]
    fields["Training-Code"] = code or [FIELDS["training-code"].placeholder]
    return fields


def _data_lines(evidence: list[Evidence]) -> list[str]:
    """Training-Data lines from machine-readable or better data evidence (E2+), best first:
    ``<name> <location> <license>`` with placeholders where the evidence is silent."""
    lines: dict[str, str] = {}  # one line per dataset name, the best evidence's
    for e in sorted((e for e in evidence if e.level >= 2), key=lambda e: -e.level):
        # A location is a URL, a source path or a pkg:deb purl (ml-policy.md §6); a hub id
        # such as "org/corpus" is a name whose location the maintainer must supply.
        if e.detail and ("://" in e.detail or e.detail.startswith("pkg:") or e.level == 4):
            name, location = PurePosixPath(e.detail).name or e.detail, e.detail
        else:
            name = e.detail or PurePosixPath(e.where.name).name
            location = e.where.name if e.level == 4 else Placeholder.LOCATION
        lines.setdefault(name, f"{name} {location} {e.license or Placeholder.LICENSE}")
    return list(lines.values())


def _code_lines(p: Processable, evidence: list[Evidence]) -> list[str]:
    """Training-Code lines: source files holding training code (P2+), each with the licence
    debian/copyright gives that file."""
    parsed = p.copyright()
    lines = []
    for path in dict.fromkeys(e.where.name for e in evidence
                              if e.level >= 2 and not e.where.name.startswith("debian/")):
        match = parsed.match(path) if parsed is not None else None
        license = match.license if match is not None and match.license else Placeholder.LICENSE
        lines.append(f"{_glob_escape(path)} {license}")
    return lines[:MAX_LINES]


def _declared(stanza: Stanza) -> dict[str, list[str]]:
    """A stanza's values as lines; lines still holding a placeholder are not values (the
    parser leaves them out), so detection or a fresh placeholder fills those gaps."""
    return {FIELDS[key].name: [t for t, _ in value.lines()] if FIELDS[key].per_line
            else value.text.split("\n") for key, value in stanza.fields.items() if key in FIELDS}


def _render(fields: dict[str, list[str]]) -> str:
    """deb822, ``Files`` first and then the spec's field order; a multi-line value starts on
    its field's line, an empty continuation line is written as " ." (deb822)."""
    out = []
    for name in ["Files", *(f.name for f in FIELDS.values() if f.name != "Files")]:
        lines = fields.get(name)
        if lines:
            out.append(f"{name}: {lines[0]}" + "".join(f"\n {ln or '.'}" for ln in lines[1:]))
    return "\n".join(out) + "\n"


def draft_declaration(p: Processable) -> str:
    """The text of a ``debian/ml-models`` for source package ``p`` (header stanza only when the
    source has no models)."""
    header = (f"Format: {SPEC_FORMAT}\nComment: Drafted by mllint --emit-ml-models. Fill in or"
              " delete every field\n holding a <placeholder>: until then mllint reports it and"
              " reads it as absent.\n Check every value: a declaration points, it does not"
              " vouch.\n")
    if p.patched is None:
        return header
    existing = p.declaration()
    stanzas = [header]
    classified = {id(i) for i in classified_models(p.patched)}
    for item, model in models(p.patched):
        classification = classify_model(p, item) if id(item) in classified else None
        fields = _detected(p, item, model, classification)
        stanza = existing.for_file(item.name) if existing is not None else None
        if stanza is not None:
            # Declared values win over detected ones and placeholders; measured ones are
            # refreshed; and each model gets its own stanza, whatever the old globs were.
            fields = {**fields, **_declared(stanza),
                      **{k: fields[k] for k in ("Files", *MEASURED) if k in fields}}
        stanzas.append(_render(fields))
    return "\n".join(stanzas)
