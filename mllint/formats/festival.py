"""Edinburgh Speech Tools n-gram models (``EST_Ngrammar``), which Festival uses for
part-of-speech tagging and phrasing (festlex-poslex's ``wsj.wp39.tri.ngrambin``, voices'
phrase-break models): n-gram frequencies counted on a tagged corpus by ``ngram_build``.

Layouts (festvox/speech_tools ``grammar/ngram/ngrammar_io.cc``):

- binary (``save_ngram_cstr_bin``): a C ``int`` 1315402337 (``EST_NGRAMBIN_MAGIC``, the
  bytes ``Ngra`` on a big-endian writer, ``argN`` on a little-endian one), the text
  ``mBin_2 <order>\\n``, the vocabulary and the predicted vocabulary each as one line of
  space-terminated words, then the frequencies as C doubles in the writer's order, runs of
  equal values shortened to the value and a negative repeat count. The loader swaps when the
  magic reads swapped.
- text (``save_ngram_cstr_ascii``): ``Ngram_2 <order>``, the same two vocabulary lines, then
  one line per n-gram: the ``order`` words, ``:``, the frequency.

The reader takes the header lines (capped) and, for the binary form, checks that the doubles
fill the rest of the file and start with a frequency.
"""

from __future__ import annotations

import math
import re
import struct
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, LimitExceededError, ModelInfo

BIN_MAGICS = {b"NgramBin_2 ": ">", b"argNmBin_2 ": "<"}  # int magic + "mBin_2 ", by byte order
TEXT_MAGIC = b"Ngram_2 "
MAX_ORDER = 10  # ngram_build orders in use are 1-5
MAX_HEADER = 1 << 20  # bytes of vocabulary lines read; real ones are a few hundred words
ORDER = re.compile(rb"(\d{1,2})[ \t\r]*\n")
# A text n-gram line: the words, a colon, a frequency (EST_TokenStream splits on blanks).
TEXT_ROWS = {n: re.compile(rb"[ \t]*(?:[^ \t\r\n]+[ \t]+){%d}:[ \t]+[-+0-9.eE]+[ \t\r]*\n" % n)
             for n in range(1, MAX_ORDER + 1)}


def _magic(head: bytes) -> tuple[str, str, int] | None:
    """(form, byte order, magic length) when ``head`` starts with an EST n-gram magic."""
    for magic, order in BIN_MAGICS.items():
        if head.startswith(magic):
            return "binary", order, len(magic)
    return ("text", "", len(TEXT_MAGIC)) if head.startswith(TEXT_MAGIC) else None


def _order(data: bytes, at: int) -> tuple[int, int] | None:
    """(order, offset after its line) for the order line at ``at``."""
    m = ORDER.match(data, at)
    if m is None or not 1 <= int(m.group(1)) <= MAX_ORDER:
        return None
    return int(m.group(1)), m.end()


def _header(data: bytes, at: int) -> tuple[int, list[bytes], list[bytes], int] | None:
    """(order, vocabulary, predicted vocabulary, offset after the header) from the order line
    at ``at``, or ``None`` when a line is malformed or missing (cut off)."""
    found = _order(data, at)
    if found is None:
        return None
    order, pos = found
    first = data.find(b"\n", pos)
    second = data.find(b"\n", first + 1) if first >= 0 else -1
    if second < 0:
        return None
    return order, data[pos:first].split(), data[first + 1:second].split(), second + 1


def sniff(head: bytes, size: int, name: str) -> bool:
    found = _magic(head)
    if found is None or _order(head, found[2]) is None:
        return False
    if found[0] == "binary":
        return True  # an 11-byte magic and an order line
    header = _header(head, found[2])
    if header is None:  # vocabulary lines longer than the head: the magic line decides
        return True
    order, _, _, start = header
    return start == size or TEXT_ROWS[order].match(head, start) is not None


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    found = _magic(head)
    if found is None:
        raise CorruptModelError("EST n-gram magic is missing")
    form, byte_order, at = found
    data = head
    if size > len(head):
        with path.open("rb") as f:
            data = f.read(min(size, MAX_HEADER))
    header = _header(data, at)
    if header is None:
        if size > MAX_HEADER:
            raise LimitExceededError(f"EST n-gram vocabulary lines exceed {MAX_HEADER >> 20} MiB")
        raise CorruptModelError("EST n-gram header lines are missing or malformed")
    order, vocab, pred, start = header
    if not vocab or not pred:
        raise CorruptModelError("EST n-gram vocabulary is empty")
    extra: dict[str, object] = {"kind": "ngram-frequencies", "order": order,
                                "vocabulary": len(vocab), "predicted_vocabulary": len(pred),
                                "form": form}
    if form == "binary":
        body = size - start
        if body <= 0 or body % 8:
            raise CorruptModelError(f"EST n-gram frequency data of {body} bytes is not whole "
                                    "doubles")
        first = data[start:start + 8]
        if len(first) == 8:
            (freq,) = struct.unpack(byte_order + "d", first)
            if not (math.isfinite(freq) and freq >= 0):  # a run count never comes first
                raise CorruptModelError("EST n-gram frequency data does not start with a "
                                        "frequency")
        extra.update(byte_order="big" if byte_order == ">" else "little", stored_values=body // 8)
    # dense representation: one distribution over the predicted words per history
    return ModelInfo(format="est-ngram", parameters=len(vocab) ** (order - 1) * len(pred),
                     dtypes=("float64",) if form == "binary" else (), extra=extra)


FORMATS = (Format("est-ngram", sniff, read, extensions=(".ngrambin", ".ngram"),
                  lead=b"Na"),)
