"""An installed mllint works from any directory: checks/, tags/ and the data files ship inside
the wheel (pyproject.toml force-includes them)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT, TESTDATA


def test_wheel_carries_checks_tags_and_data(tmp_path: Path) -> None:
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                            str(tmp_path), str(ROOT)], capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("mllint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "checks").glob("*.py"):
        assert f"mllint/checks/{path.name}" in names
    for path in (ROOT / "tags").glob("*/*.tag"):
        assert f"mllint/tags/{path.parent.name}/{path.name}" in names
    for path in (ROOT / "mllint" / "profiles").glob("*.profile"):
        assert f"mllint/profiles/{path.name}" in names

    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                              "--target", str(target), str(wheel)], capture_output=True,
                             text=True, check=False)
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-m", "mllint", "--tags", "ml-model-file",
                          str(TESTDATA / "sample-ml-package" / "tree")], capture_output=True,
                         text=True, cwd="/", env=env, check=False)
    assert run.returncode == 0, run.stderr
    assert "C: sample-ml source: ml-model-file safetensors" in run.stdout
    assert str(target) in subprocess.run(
        [sys.executable, "-c", "import mllint.resources as r; print(r.tags_dir())"],
        capture_output=True, text=True, cwd="/", env=env, check=False).stdout
