#!/usr/bin/env python3
"""Write the binary files of the golden test packages. Re-run after changing a generator; the
output is committed so the test suite needs none of the generators' dependencies.

Each module in ``testdata/fixtures/`` has ``build(testdata: Path) -> None``; run one topic with
``make_fixtures.py TOPIC``. Writing a fixture never loads one (model-formats.md §4).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

TESTDATA = Path(__file__).resolve().parent


def main(topics: list[str]) -> int:
    sys.path.insert(0, str(TESTDATA / "fixtures"))  # generators share fixtures/_write.py
    for path in sorted((TESTDATA / "fixtures").glob("*.py")):
        if path.name.startswith("_") or (topics and path.stem not in topics):
            continue
        spec = importlib.util.spec_from_file_location(f"fixtures_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.build(TESTDATA)
        print(f"built {path.stem}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
