"""Provenance said in prose: READMEs, docs, ``debian/README.source``, ``debian/copyright`` comments.

A line naming training data is E1, one describing the training code or how to retrain is P1
(ml-policy.md §1.5 (5)). A URL in a paragraph about training data is a concrete retrieval location:
E3 (tags.md: "dataset lists"), always external. URLs in paragraphs about code stay P1: code that
lives outside the source is only described (ml-policy.md §1.5 (1)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mllint.provenance.tables import DATA_WORDS, PIPELINE_WORDS

_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\"'`]+")
# "dataset" or "corpus" alone is too common in a data-science library's docs to carry a URL as
# a retrieval recipe; these phrases tie a paragraph to *training* data.
_STRONG_DATA = ("training data", "training set", "training corpus", "trained on", "trained with",
                "trained from", "training dataset", "train data", "train set", "nn-training",
                "training-data", "training_data")



def _words(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word matching: "corpora" must not match "incorporating"."""
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


_DATA = _words(DATA_WORDS)
_PIPELINE = _words(PIPELINE_WORDS)
_STRONG = _words(_STRONG_DATA)


@dataclass(frozen=True, slots=True)
class ProseHit:
    """``what`` is data-mention, data-url, data-list or pipeline-mention; ``detail`` a URL."""

    what: str
    line: int
    detail: str = ""


def _paragraphs(text: str) -> list[list[tuple[int, str]]]:
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            paragraphs[-1].append((number, line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def scan(text: str) -> list[ProseHit]:
    """Hits in ``text``: at most one data-mention and one pipeline-mention (the first), and one
    data-url/data-list per URL found in a training-data paragraph."""
    hits: list[ProseHit] = []
    seen: set[str] = set()
    for paragraph in _paragraphs(text):
        lowered = [(n, line.lower()) for n, line in paragraph]
        whole = " ".join(line for _, line in lowered)
        strong = bool(_STRONG.search(whole))
        urls = [(n, m.group(0).rstrip(".,;:")) for n, line in paragraph
                for m in _URL.finditer(line)]
        for n, line in lowered:
            if "data-mention" not in seen and _DATA.search(line):
                hits.append(ProseHit("data-mention", n))
                seen.add("data-mention")
            if "pipeline-mention" not in seen and _PIPELINE.search(line):
                hits.append(ProseHit("pipeline-mention", n))
                seen.add("pipeline-mention")
        if not strong:
            continue
        data_urls: list[tuple[int, str]] = []
        for n, url in urls:
            if _about_code(lowered, n) or url in seen:
                continue
            data_urls.append((n, url))
            seen.add(url)
        what = "data-list" if len(data_urls) > 1 else "data-url"
        hits.extend(ProseHit(what, n, url) for n, url in data_urls)
    return hits


def _about_code(lowered: list[tuple[int, str]], number: int) -> bool:
    """Is the URL on line ``number`` about code? Decided by the nearest line at or before it
    that speaks of training data or of training code (a URL often sits on the line after the
    sentence that introduces it)."""
    for n, line in reversed(lowered):
        if n > number:
            continue
        code = bool(_PIPELINE.search(line))
        data = bool(_STRONG.search(line))
        if code or data:
            return code and not data
    return False
