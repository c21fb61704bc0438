"""Shared test helpers: run the CLI as users do, and find the golden test packages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "testdata"
# Engine rule violations (unknown or foreign tags, duplicate hints, a crashing check) raise
# instead of warning, so no test passes over one.
os.environ["MLLINT_STRICT"] = "1"
sys.path.insert(0, str(ROOT))


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            ) -> subprocess.CompletedProcess[str]:
    """Run ``python -m mllint`` from this checkout, as a separate process."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "MLLINT_STRICT": "1"}
    environ.pop("NO_COLOR", None)
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "mllint", *args], capture_output=True,
                          text=True, cwd=cwd, env=environ, check=False)


@pytest.fixture
def cli():
    return run_cli
