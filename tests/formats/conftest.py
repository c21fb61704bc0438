"""Shared helpers for reader tests.

Until the pickle walker (mllint/formats/pickle.py, another helper's work) is on main, a minimal
stand-in with the same API is installed so the container readers can be tested. It is test-only:
it reads the whole range into memory and uses pickletools, which the real walker must not.
"""

from __future__ import annotations

import importlib.util
import pickletools
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from mllint.formats.base import CorruptModelError, FormatError


def _install_pickle_standin() -> None:
    if importlib.util.find_spec("mllint.formats.pickle") is not None:
        return

    @dataclass
    class PickleScan:
        globals: list[str] = field(default_factory=list)
        pickles: int = 0
        end: int = 0
        error: FormatError | None = None

    def looks_like_pickle(head: bytes, size: int) -> bool:
        return len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5

    def scan_pickles(f: BinaryIO, start: int, end: int) -> PickleScan:
        f.seek(start)
        data = f.read(end - start)
        scan = PickleScan(end=start)
        strings: list[str] = []
        try:
            for op, arg, pos in pickletools.genops(data):
                if op.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE"):
                    strings.append(arg)
                elif op.name == "GLOBAL":
                    name = arg.replace(" ", ".")
                    if name not in scan.globals:
                        scan.globals.append(name)
                elif op.name == "STACK_GLOBAL" and len(strings) >= 2:
                    name = f"{strings[-2]}.{strings[-1]}"
                    if name not in scan.globals:
                        scan.globals.append(name)
                elif op.name == "STOP":
                    scan.pickles += 1
                    scan.end = start + pos + 1
        except ValueError as exc:
            scan.error = CorruptModelError(f"pickle: {exc}")
        return scan

    module = types.ModuleType("mllint.formats.pickle")
    module.PickleScan = PickleScan  # type: ignore[attr-defined]
    module.scan_pickles = scan_pickles  # type: ignore[attr-defined]
    module.looks_like_pickle = looks_like_pickle  # type: ignore[attr-defined]
    sys.modules["mllint.formats.pickle"] = module
    import mllint.formats

    mllint.formats.pickle = module  # type: ignore[attr-defined]


_install_pickle_standin()


def head_of(path: Path) -> tuple[bytes, int]:
    """The index's view of a file: its first 4 KiB and its size."""
    data = path.read_bytes()
    return data[:4096], len(data)
