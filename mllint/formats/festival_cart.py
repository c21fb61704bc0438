"""Festival CART trees in Scheme files: the trained duration, accent and tone trees of Festival
and its voices (festival's ``f2bdurtreeZ.scm`` and ``tobi.scm``, festvox-kallpc16k's
``kaldurtreeZ.scm``) and letter-to-sound rules trained from a lexicon (festlex-cmu's
``cmu_lts_rules.scm``, 2.9 MB).

Layout (speech_tools ``wagon``, which writes the trees, and Festival's ``lib/*.scm``, which
loads them): a tree is a quoted list set by ``(set! name '(...))``; an inner node is
``((feature OP value) yes no)``, OP one of ``is < > in matches``; a leaf holds what training
estimated: a class distribution ``(((CLASS p) ... BEST))`` or a regression leaf
``((stddev mean))``.

Hand-written rules use the same syntax with symbolic leaves (Festival's ``token.scm``:
``((name matches "...") ((...)))``), so a file counts as a model only with at least
:data:`MIN_LEAVES` estimated leaves; Festival's own code and other Scheme (Guile modules) have
none or a handful. The licence banner of these files fills their first kilobytes, so the sniffer
takes any text ``.scm`` file that is big enough and the reader decides from the first
:data:`READ_LIMIT` bytes (a larger file is judged, and its trees named, from that part).
"""

from __future__ import annotations

import re
from pathlib import Path

from mllint.formats.base import BINARY_SPAN, Format, ModelInfo

MIN_LEAVES = 40  # estimated leaves; Festival's hand-written trees have none, its code a few
MIN_SIZE = 2048  # bytes: 40 leaves, a banner and a set! do not fit in less
READ_LIMIT = 1 << 20  # bytes read; the LTS rules' first MiB has 8,000 questions
MAX_TREES = 64  # tree names kept
# (((CLASS p) ...: a class distribution (a class is a name, p a probability); ((a b)): a
# regression leaf of two decimals. Hand-written leaves hold names or integers (tobi_rules.scm's
# F0 targets ((100 40)) are pairs of integers, its comments say chosen by hand).
DIST_LEAF = re.compile(rb"\(\(\([^()\s\d][^()\s]* [01](?:\.\d+)?(?:e-\d+)?\)")
NUM_LEAF = re.compile(rb"\(\(-?\d+\.\d+(?:e-?\d+)? -?\d+\.\d+(?:e-?\d+)?\)\)")
QUESTION = re.compile(rb"\(\([A-Za-z_][\w.:\-]* (?:is|<|>|in|matches) ")
# (set! name ' or (defvar name ', then comment lines and a quoted list: a tree when a question
# follows within TREE_SPAN bytes (LTS rules put a letter before each tree)
TREE = re.compile(rb"\((?:set!|defvar) ([^\s()']+)\s*'\s*(?:;[^\n]*\n\s*)*\(")
TREE_SPAN = 512


def sniff(head: bytes, size: int, name: str) -> bool:
    return (name.lower().endswith(".scm") and size >= MIN_SIZE
            and b"\0" not in head[:BINARY_SPAN])


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    with path.open("rb") as f:
        data = f.read(READ_LIMIT)
    leaves = len(DIST_LEAF.findall(data)) + len(NUM_LEAF.findall(data))
    if leaves < MIN_LEAVES:
        return None
    trees = [m.group(1).decode("utf-8", "replace") for m in TREE.finditer(data)
             if QUESTION.search(data, m.end() - 1, m.end() + TREE_SPAN)][:MAX_TREES]
    return ModelInfo(format="festival-cart", extra={
        "trees": trees, "leaves": leaves, "questions": len(QUESTION.findall(data)),
        "bytes_read": len(data)})


FORMATS = (Format("festival-cart", sniff, read, extensions=(".scm",), magic=False,
                  named=True),)
