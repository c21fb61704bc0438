"""Legacy PyTorch files (``torch.save(..., _use_new_zipfile_serialization=False)``, torch < 1.6).

Five pickles back to back: the magic number 0x1950A86A20F9469CFC6C, the protocol version 1001,
``sys_info``, the object (storages as BINPERSID ids naming ``torch.*Storage``), the list of storage
keys; the raw storages follow and are not parsed (``torch/serialization.py``, ``_legacy_save``;
model-formats.md §3.4). Tensors are counted from the object pickle's storage ids and rebuild
calls (:class:`mllint.formats.pickle.TorchStorage`). Identified only by the exact 15-byte first
pickle, so a pickle that merely holds the number elsewhere (§3.3 row 8) stays a plain pickle and
is walked in full.
"""

from __future__ import annotations

from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, ModelInfo
from mllint.formats.pickle import model_info, scan_pickles

MAGIC = bytes.fromhex("80028a0a6cfc9c46f9206aa850192e")
PICKLES = 5


def sniff(head: bytes, size: int, name: str) -> bool:
    return head.startswith(MAGIC)


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    with path.open("rb") as f:
        scan = scan_pickles(f, 0, size, max_pickles=PICKLES, joblib=False)
    if scan.error is None and scan.pickles < PICKLES:
        scan.error = CorruptModelError(
            f"legacy torch file has {scan.pickles} of {PICKLES} pickles")
    # The storages follow the pickles (each a u64 element count, then its bytes): no storage
    # holds more elements than the bytes left, whatever its id declares.
    for storage in scan.storages:
        storage.elements = min(storage.elements, (size - scan.end) // storage.itemsize)
    return model_info(scan, "torch-legacy")


FORMATS = (Format("torch-legacy", sniff, read, extensions=(".pt", ".pth", ".pkl", ".bin"),
                  lead=MAGIC[:1]),)
