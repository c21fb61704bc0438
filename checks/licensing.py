"""The licence of each model and the ML-Policy identifier in debian/copyright.

Owns: ml-model-license-non-free, ml-model-license-use-restrictions, ml-model-license-unknown,
ml-model-license-mismatch, ml-model-not-covered-by-debian-copyright, ml-policy-identifier-missing.
Reads: debian/copyright (or a binary's usr/share/doc/<pkg>/copyright), debian/ml-models, embedded
metadata, model cards and licence files, through :func:`mllint.licensing.resolve_license`.

A binary scanned with its source (a ``.changes``) is judged on the source only, so each finding is
reported once, where it can be fixed. Upstream trees have no debian/ and get no
debian/copyright tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mllint import lazy
from mllint.check import Check
from mllint.formats import declared
from mllint.index import Item
from mllint.hints import Hint
from mllint.inventory import model_of
from mllint.licensing import LicenseFinding, resolve_license
from mllint.provenance import classified_models, classify_model

if TYPE_CHECKING:
    from mllint.processable import Processable
    from mllint.profiles import Profile

dep5 = lazy.module("mllint.copyright")  # its size cap, read once a copyright file exists

# Areas whose packages must be DFSG-free themselves (Debian Policy 2.2.1 main, 2.2.2 contrib).
FREE_AREAS = frozenset({"main", "contrib"})
IDENTIFIER = re.compile(r"ml-policy", re.IGNORECASE)
# A Files-Excluded glob names models when its last part has a model suffix or a model word
# ("net" is left out: it names networking code far more often than networks).
MODEL_WORD = re.compile(r"model|weight|checkpoint|ckpt", re.IGNORECASE)


def _model_suffixes() -> frozenset[str]:
    return frozenset(s for f in declared() if f.weights for s in f.extensions)


def _names(text: str, basename: str) -> bool:
    """Whether ``text`` names the file ``basename`` as a word of its own: langdetect's profile
    ``en`` is not named by "License" (a substring test missed every short name)."""
    return re.search(rf"(?<![\w.-]){re.escape(basename)}(?![\w-])", text) is not None


def names_models(glob: str) -> bool:
    """Whether a ``Files-Excluded`` glob removes model files (``*.onnx``, ``models/*``)."""
    last = PurePosixPath(glob.rstrip("/")).name
    return PurePosixPath(last).suffix.lower() in _model_suffixes() or bool(MODEL_WORD.search(glob))


def _statement(finding: LicenseFinding) -> tuple[str, str]:
    """Expression and, in parentheses, where it is stated, as note words (a note never holds
    "["): ``GPL-3+ (debian/copyright:4)``. Without the parentheses a newcomer read "BSD LICENSE"
    as one licence."""
    return finding.expression.replace("[", "(").replace("]", ")"), f"({finding.pointer})"


class Licensing(Check):
    def __init__(self, processable: Processable, profile: Profile,
                 emit: Callable[[Hint], None]) -> None:
        super().__init__(processable, profile, emit)
        self._non_free: list[Item] = []  # models whose licence is not DFSG-free
        # Contradicting pairs of statements (note words) -> the models they are about, in index
        # order: one copyright stanza against one licence file covers every model under both.
        self._mismatches: dict[tuple[str, ...], list[Item]] = {}

    def visit_patched_files(self, item: Item) -> None:
        self._judge(item)

    def visit_installed_files(self, item: Item) -> None:
        group = self.processable.group
        if group is not None and group.source is not None:
            return  # reported on the source
        self._judge(item)

    def _judge(self, item: Item) -> None:
        model = model_of(item)
        if model is None:
            return
        p = self.processable
        finding = resolve_license(p, item, model)
        if finding is None:
            # A binary whose copyright file is absent or a symlink into another package's doc
            # directory (allowed for binaries of one source) is not silent, just unreadable.
            if p.type == "source" or p.copyright_item() is not None:
                self.pointed_hint("ml-model-license-unknown", item.pointer())
            return
        verdict = finding.verdict.verdict
        if verdict in ("non-free", "use-restricted"):
            self._non_free.append(item)
            if p.area in FREE_AREAS:
                tag = ("ml-model-license-non-free" if verdict == "non-free"
                       else "ml-model-license-use-restrictions")
                self.pointed_hint(tag, item.pointer(), *_statement(finding))
        for conflict in finding.conflicts:
            pair = (*_statement(finding), "vs", *_statement(conflict))
            self._mismatches.setdefault(pair, []).append(item)
        if p.type == "source" and not p.upstream:
            self._coverage(item)

    def _coverage(self, item: Item) -> None:
        """Only ``Files: *`` matches, neither debian/copyright nor debian/ml-models names the
        model, and the source does not hold its data and pipeline: nothing is said about where
        this file comes from."""
        parsed = self.processable.copyright()
        match = parsed.match(item.name) if parsed is not None else None
        if match is None or not match.wildcard_only:
            return
        if _names(self._copyright_text or "", item.basename):
            return  # named in a Comment, Files-Excluded or elsewhere
        decl = self.processable.declaration()
        stanza = decl.for_file(item.name) if decl is not None else None
        if stanza is not None and not stanza.unfilled_lines:
            return  # a stanza with unfilled placeholders is a draft nobody reviewed yet
        if self._free(item):
            return  # data and pipeline are in the source, which Files: * does cover
        self.pointed_hint("ml-model-not-covered-by-debian-copyright", item.pointer(),
                          f"debian/copyright:{match.line}")

    def _free(self, item: Item) -> bool:
        """Whether mllint.provenance classes the model Free: its provenance is then the source
        tree itself (tegaki-zinnia-japanese builds its model from XML in the tarball)."""
        p = self.processable
        assert p.patched is not None  # only sources are checked for coverage
        level = int(self.profile.setting("free-data-level", 3))
        return any(m is item for m in classified_models(p.patched)) and \
            classify_model(p, item, level).model_class == "free"

    @cached_property
    def _copyright_text(self) -> str | None:
        item = self.processable.copyright_item()
        return item.text(dep5.MAX_COPYRIGHT) if item is not None else None

    def always(self) -> None:
        """One ``ml-model-license-mismatch`` per contradicting pair of statements, at the first
        model it is about (hmmer: its GPL-3 ``Files: *`` against the BSD LICENSE above ten
        profiles is one thing to fix, not ten)."""
        for pair, items in self._mismatches.items():
            others = len(items) - 1
            more = ("and", str(others), "other models" if others > 1 else "other model") \
                if others else ()
            self.pointed_hint("ml-model-license-mismatch", items[0].pointer(), *pair, *more)

    def source(self) -> None:
        p = self.processable
        if p.upstream:
            return
        reason = self._affected()
        if reason is None:
            return
        parsed = p.copyright()
        if parsed is not None and parsed.machine_readable:
            disclaimer = parsed.disclaimer
            if disclaimer is not None and IDENTIFIER.search(disclaimer.value):
                return
            line = disclaimer.line if disclaimer is not None else 0
        else:
            # Not DEP-5: there is no Disclaimer field to read, so any mention counts.
            if IDENTIFIER.search(self._copyright_text or ""):
                return
            line = 0
        self.pointed_hint("ml-policy-identifier-missing", p.pointer("debian/copyright", line),
                          *reason)

    def _affected(self) -> tuple[str, ...] | None:
        """Why ML-Policy applies (ml-policy.md §1.5 rule 2), or ``None``: models filtered out by
        Files-Excluded, a model whose licence is not DFSG-free, or a ToxicCandy model (free
        licence, data or pipeline missing; the class as mllint.provenance decides it under the
        profile's data threshold)."""
        parsed = self.processable.copyright()
        if parsed is not None:
            for glob in parsed.files_excluded:
                if names_models(glob):
                    return "Files-Excluded", glob
        if self._non_free:
            return "non-free-model", self._non_free[0].name
        p = self.processable
        if p.patched is not None:
            level = int(self.profile.setting("free-data-level", 3))
            for item in classified_models(p.patched):
                if classify_model(p, item, level).model_class == "toxic-candy":
                    return "toxic-candy-model", item.name
        return None
