"""The licence of one model, from every place that states it (ml-policy.md §3.8).

Sources, in order of authority: the ``debian/copyright`` stanza that applies to the file (a
binary's ``usr/share/doc/<pkg>/copyright``), the ``License:`` of its ``debian/ml-models`` stanza,
embedded metadata (``ModelInfo.provenance.license``, or an ``SPDX-License-Identifier`` line in a
text model), the model card's ``license``, and a licence file beside the model or above it
(``LICENSE``, ``COPYING``, REUSE's ``<file>.license``). A definite non-free or use-restricted
statement from any source decides, since shipping it in main would be the worse mistake; otherwise
the first source in that order decides. Statements that contradict the deciding one are returned
with it, for ``ml-model-license-mismatch``.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Literal, NamedTuple

from mllint import lazy
from mllint.index import Item, Pointer
from mllint.licenses import LicenseVerdict, classify, disagree, identify_text, spdx_identifier

modelcard = lazy.module("mllint.modelcard")

if TYPE_CHECKING:
    from mllint.copyright import CopyrightMatch
    from mllint.formats import ModelInfo
    from mllint.processable import Processable

Source = Literal["debian/copyright", "debian/ml-models", "metadata", "model-card",
                 "license-file"]

LICENSE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "LICENCE.txt", "COPYING",
                 "COPYING.txt", "LICENSE-MODEL", "MODEL_LICENSE")
"""Names of licence files searched in the model's directory and above, in this order."""

LICENSE_FILE_MAX = 64 * 1024
"""Bytes of a licence file read to recognise it (64 KiB)."""


class LicenseFinding(NamedTuple):
    """One statement of a model's licence. ``verdict`` carries the normalised expression;
    ``pointer`` is where the statement is (a copyright stanza line, a card line, the model).

    On the finding :func:`resolve_license` returns, ``conflicts`` lists the other statements
    that contradict it (:func:`mllint.licenses.disagree`), and ``wildcard_only`` says that the
    copyright match came only from ``Files: *``.
    """

    verdict: LicenseVerdict
    source: Source
    pointer: Pointer
    wildcard_only: bool = False
    conflicts: tuple[LicenseFinding, ...] = ()

    @property
    def expression(self) -> str:
        return self.verdict.expression


def _definite_bad(finding: LicenseFinding) -> bool:
    return finding.verdict.verdict in ("non-free", "use-restricted")


def findings(processable: Processable, item: Item, model: ModelInfo | None) -> list[LicenseFinding]:
    """Every licence statement about ``item``, in order of authority (see the module doc)."""
    found: list[LicenseFinding] = []
    binary = processable.type != "source"
    copyright_item = processable.copyright_item()
    parsed = processable.copyright()
    if copyright_item is not None and parsed is not None:
        match = parsed.match(item.name, trailing=binary) or parsed.package_license
        if match is not None and match.license:
            found.append(LicenseFinding(copyright_verdict(match), "debian/copyright",
                                        copyright_item.pointer(match.line),
                                        wildcard_only=match.wildcard_only))
    decl = processable.declaration()
    if decl is not None:
        stanza = decl.for_file(item.name)
        if stanza is not None and stanza.license:
            found.append(LicenseFinding(classify(stanza.license), "debian/ml-models",
                                        processable.pointer(decl.name, stanza.line_of("License"))))
    for expression, line in _embedded(item, model):
        found.append(LicenseFinding(classify(expression), "metadata", item.pointer(line)))
    card = modelcard.card_for(item)
    if card is not None and card.license is not None and card.license.first:
        found.append(LicenseFinding(classify(card.license.first), "model-card",
                                    Pointer(card.name, card.license.line, item.index.label)))
    license_file = _license_file(item)
    if license_file is not None:
        expression, where = license_file
        found.append(LicenseFinding(classify(expression), "license-file", where))
    return found


def copyright_verdict(match: CopyrightMatch) -> LicenseVerdict:
    """A copyright stanza's licence, for models and their data alike; a short name mllint does not know (DEP-5 lets packages
    coin their own, e.g. ``bsdlike``) is judged by its licence text when that text is
    recognised, keeping the name as written. The recognised licence joins the symbols, so a
    licence file stating it agrees with the coined name (hmmer's easel/ stanza
    ``The-Janelia-Farm-Software-License`` holds a BSD-3-Clause text, easel/LICENSE says BSD)."""
    verdict = classify(match.license)
    if verdict.verdict != "unknown" or not match.license_text:
        return verdict
    stated = identify_text(match.license_text)
    if stated is None:
        return verdict
    judged = classify(stated)
    return LicenseVerdict(judged.verdict, verdict.expression, judged.reason,
                          tuple(dict.fromkeys(verdict.symbols + judged.symbols)))


def resolve_license(processable: Processable, item: Item,
                    model: ModelInfo | None) -> LicenseFinding | None:
    """The statement that decides ``item``'s licence, with the ones contradicting it in
    ``conflicts``; ``None`` when no source states a licence (``ml-model-license-unknown``)."""
    found = findings(processable, item, model)
    if not found:
        return None
    decided = next((f for f in found if _definite_bad(f)), found[0])
    conflicts = tuple(f for f in found if f is not decided and disagree(decided.verdict, f.verdict))
    return LicenseFinding(decided.verdict, decided.source, decided.pointer,
                          decided.wildcard_only, conflicts)


def _embedded(item: Item, model: ModelInfo | None) -> list[tuple[str, int]]:
    """Licence strings inside the model: reader metadata, else an SPDX line in a text model."""
    if model is not None and model.provenance.license:
        return [(" AND ".join(f"({v})" if " " in v.strip() else v.strip()
                              for v in model.provenance.license if v.strip()), 0)]
    if item.is_file and b"\0" not in item.head:
        spdx = spdx_identifier(item.head.decode("utf-8", "replace"))
        if spdx is not None:
            return [spdx]
    return []


def _license_file(item: Item) -> tuple[str, Pointer] | None:
    """A recognised licence file for ``item``: REUSE's ``<name>.license`` beside it, else the
    nearest ``LICENSE``/``COPYING`` in its directory or one above (skipping ``debian/``)."""
    index = item.index
    sidecar = index.lookup(item.name + ".license")
    candidates = [sidecar] if sidecar is not None else []
    directory = item.dirname
    while True:
        candidates.extend(i for i in (index.lookup(directory + n) for n in LICENSE_FILES)
                          if i is not None)
        if not directory:
            break
        parent = str(PurePosixPath(directory.rstrip("/")).parent)
        directory = "" if parent == "." else parent + "/"
    for candidate in candidates:
        if not candidate.is_file or candidate.name.startswith("debian/"):
            continue
        text = candidate.text(LICENSE_FILE_MAX)
        expression = identify_text(text) if text else None
        if expression is not None:
            line = spdx[1] if (spdx := spdx_identifier(text or "")) else 0
            return expression, candidate.pointer(line)
    return None
