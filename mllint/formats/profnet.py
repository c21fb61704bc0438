"""Trained junction (weight) files of the Rost lab's protein-prediction networks (``NNout_jct``,
written by the FORTRAN ``NN.f`` trainer and read by ``profnet``): profbval's
``nn_files/jct.in``, profisis's ``jctAuto9newHssp990-51``, the profphd and norsnet networks.

Layout, as the shipped files show it and Rostlab's own file-type test matches it
(``^\\*\\s*NNout_jct`` on the first line): comment lines starting ``*`` with the training run
(``NUMIN, -HID, -OUT``, ``NUMSAM`` samples, ``EPSILON, ALPHA, TEMP``), the sizes as
``NUMIN:``, ``NUMHID:``, ``NUMOUT:`` lines and ``MODE*:`` lines, then ``* jct 1st layer``
with NUMHID rows of NUMIN+1 values (10F10.4), ``* jct 2nd layer`` with NUMHID+1 rows of
NUMOUT values, and a final ``//`` line. One hidden layer, so the weights number
NUMHID*(NUMIN+1) + (NUMHID+1)*NUMOUT.

The reader takes the sizes from the head and checks the end of the file (its last 4 KiB)
for the terminator and a last row of NUMOUT values.
"""

from __future__ import annotations

import re
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, ModelInfo

MAGIC = re.compile(rb"\*[ \t]*NNout_jct")
SIZE = re.compile(rb"^(NUMIN|NUMHID|NUMOUT):[ \t]+(\d{1,7})[ \t]*\r?$", re.MULTILINE)
MODE = re.compile(rb"^(MODEPRED|MODENET|MODEIN|MODEOUT):[ \t]+(\S{1,64})[ \t]*\r?$", re.MULTILINE)
SAMPLES = re.compile(rb"^\*[ \t]+NUMSAM[ \t]+(\d{1,12})[ \t]*\r?$", re.MULTILINE)
FIRST_LAYER = re.compile(rb"^\*[ \t]*jct 1st layer", re.MULTILINE)
NUMBER = re.compile(rb"-?\d+\.\d+")
TAIL = 4096  # bytes at the end of the file checked
MAX_UNITS = 1_000_000  # per layer; real networks have tens to hundreds


def _sizes(head: bytes) -> dict[str, int] | None:
    sizes = {k.decode(): int(v) for k, v in SIZE.findall(head)}
    return sizes if len(sizes) == 3 else None


def sniff(head: bytes, size: int, name: str) -> bool:
    """The first line's magic (a text may start the same) and the three size lines."""
    return MAGIC.match(head) is not None and _sizes(head) is not None


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    sizes = _sizes(head)
    if sizes is None or FIRST_LAYER.search(head) is None:
        raise CorruptModelError("NNout_jct header lacks the layer sizes or the first layer")
    n_in, n_hid, n_out = sizes["NUMIN"], sizes["NUMHID"], sizes["NUMOUT"]
    if not all(0 < n <= MAX_UNITS for n in (n_in, n_hid, n_out)):
        raise CorruptModelError(f"NNout_jct layer sizes {n_in} {n_hid} {n_out} are out of range")
    tail = head
    if size > len(head):
        with path.open("rb") as f:
            f.seek(max(0, size - TAIL))
            tail = f.read(TAIL)
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    if len(lines) < 2 or lines[-1] != b"//":
        raise CorruptModelError("NNout_jct is truncated: no closing // line")
    if n_out <= 10 and len(NUMBER.findall(lines[-2])) != n_out:
        raise CorruptModelError(f"NNout_jct last row does not hold {n_out} weights")
    extra: dict[str, object] = {"inputs": n_in, "hidden": n_hid, "outputs": n_out}
    if m := SAMPLES.search(head):
        extra["training_samples"] = int(m.group(1))
    extra.update((k.decode().lower(), v.decode("ascii", "replace")) for k, v in MODE.findall(head))
    return ModelInfo(format="profnet", parameters=n_hid * (n_in + 1) + (n_hid + 1) * n_out,
                     tensors=2, extra=extra)


FORMATS = (Format("profnet", sniff, read, extensions=(".jct",), lead=b"*"),)
