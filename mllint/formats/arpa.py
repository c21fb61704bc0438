"""ARPA back-off n-gram language models (SRILM ngram-format(5)), also gzipped: free text, then
``\\data\\``, ``ngram N=count`` lines, then ``\\N-grams:`` sections. The sniffer looks at the
head (decompressed); the reader counts n-grams from the ``\\data\\`` section only.

A module of its own, apart from text_models.py: ARPA's free text before ``\\data\\`` gives it no
lead, so its sniffer meets every file, binary ones too, and importing the other text readers'
~30 patterns for each was a twentieth of a run on one torch zip.
"""

from __future__ import annotations

import re
from pathlib import Path

from mllint.formats._text import compression, plain_head, read_text_head
from mllint.formats.base import CorruptModelError, Format, ModelInfo

ARPA = re.compile(rb"(?:\A|\n)\\data\\\r?\n((?:ngram \d+\s*=\s*\d+\r?\n)+)")
ARPA_COUNT = re.compile(rb"ngram (\d+)\s*=\s*(\d+)")


def sniff(head: bytes, size: int, name: str) -> bool:
    # The substring test first: the anchored regex alone costs more than all other sniffers.
    text = plain_head(head)
    return b"\\data\\" in text and ARPA.search(text) is not None


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = ARPA.search(read_text_head(path, head))
    if m is None:
        raise CorruptModelError("ARPA \\data\\ section missing")
    counts = {int(n): int(c) for n, c in ARPA_COUNT.findall(m.group(1))}
    return ModelInfo(format="arpa", parameters=sum(counts.values()),
                     extra={"order": max(counts), "ngrams": counts, **compression(head)})


FORMATS = (Format("arpa", sniff, read, extensions=(".arpa", ".lm", ".arpa.gz", ".lm.gz"),
                  magic=False),)
