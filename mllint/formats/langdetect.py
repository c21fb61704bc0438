"""langdetect language profiles: the character n-gram statistics a naive Bayes language
identifier was trained with, one JSON file per language (python3-langdetect's
``langdetect/profiles/<code>``, the Java language-detection library's ``profiles/`` and
``profiles.sm/``).

Layout (shuyo/language-detection ``LangProfile``, which the Python port loads with
``LangProfile(**json.load(f))`` in ``detector_factory.py``): one object with ``freq`` (n-gram
of one to three characters → count in the training corpus), ``n_words`` (the number of 1-, 2-
and 3-grams counted) and ``name`` (the language code). The generator writes ``freq`` first,
so a profile starts ``{"freq":{`` followed by short keys with integer counts; that start
identifies it, and the reader checks the whole object (profiles are 10-100 KB; capped).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, LimitExceededError, ModelInfo

MAX_PROFILE = 16 << 20  # bytes read and parsed; the largest shipped profile is ~80 KB
MAX_NGRAM = 3  # NGram.N_GRAM: profiles count 1- to 3-character n-grams
MIN_PAIRS = 8  # "n-gram": count pairs the head must open with (a profile has hundreds)

START = re.compile(rb'\{\s*"freq"\s*:\s*\{\s*')
# One JSON character of a key: printable ASCII but quote and backslash, one UTF-8 sequence,
# or an escape (a \uXXXX escape is one character).
CHAR = (rb'(?:[\x20\x21\x23-\x5b\x5d-\x7f]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}'
        rb'|[\xf0-\xf4][\x80-\xbf]{3}|\\u[0-9a-fA-F]{4}|\\["\\/bfnrt])')
# One "n-gram":count pair, the key one to three characters.
PAIR = re.compile(rb'"' + CHAR + rb'{1,3}"\s*:\s*\d{1,19}\s*(?:,\s*|\})')


def sniff(head: bytes, size: int, name: str) -> bool:
    m = START.match(head)
    if m is None:
        return False
    pos, pairs = m.end(), 0
    while pairs < MIN_PAIRS:
        p = PAIR.match(head, pos)
        if p is None:
            return False
        pairs += 1
        if head[p.end() - 1:p.end()] == b"}":  # a short profile's whole freq table
            return True
        pos = p.end()
    return True


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    if size > MAX_PROFILE:
        raise LimitExceededError(f"langdetect profile of {size} bytes exceeds the "
                                 f"{MAX_PROFILE >> 20} MiB cap")
    with path.open("rb") as f:
        data = f.read(MAX_PROFILE)
    try:
        profile = json.loads(data)
    except ValueError:  # json.JSONDecodeError and UnicodeDecodeError
        raise CorruptModelError("langdetect profile is not complete JSON") from None
    except RecursionError:  # json nests by recursion: arrays 100,000 deep exhaust the stack
        raise LimitExceededError("langdetect profile nests too deeply") from None
    if not isinstance(profile, dict):
        return None
    freq, n_words, lang = profile.get("freq"), profile.get("n_words"), profile.get("name")
    if not (isinstance(lang, str) and isinstance(n_words, list) and isinstance(freq, dict)):
        return None  # a frequency table of something else, not a profile
    if len(n_words) != MAX_NGRAM or not all(type(n) is int and n >= 0 for n in n_words):
        raise CorruptModelError("langdetect profile n_words is not three counts")
    if not all(type(c) is int and c >= 0 and 0 < len(g) <= MAX_NGRAM for g, c in freq.items()):
        raise CorruptModelError("langdetect profile freq holds a bad n-gram or count")
    return ModelInfo(format="langdetect", parameters=len(freq),
                     extra={"kind": "character-ngram-profile", "language": lang[:64],
                            "n_words": n_words})


FORMATS = (Format("langdetect", sniff, read, magic=False, lead=b"{"),)
