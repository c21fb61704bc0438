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


# A project that pip installs without any index: an in-tree PEP 517/660 backend writes its wheel
# by hand, and its one dependency is a hand-written wheel in a local directory.
TOY_PYPROJECT = """[build-system]
requires = []
build-backend = "toy_backend"
backend-path = ["."]

[project]
name = "toy"
version = "0"
"""
TOY_BACKEND = """import os, zipfile


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = "toy-0-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as wheel:
        for file, text in METADATA.items():
            wheel.writestr("toy-0.dist-info/" + file, text)
    return name


build_editable = build_wheel
METADATA = {"METADATA": "Metadata-Version: 2.1\\nName: toy\\nVersion: 0\\n"
                        "Provides-Extra: test\\nRequires-Dist: toy-dep; extra == 'test'\\n",
            "WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\n"
                     "Tag: py3-none-any\\n",
            "RECORD": ""}
"""


def _setup(tmp_path: Path, pyproject: str) -> subprocess.CompletedProcess[str]:
    """dev/setup in a copy of the repository holding only a toy project, offline, with a pip
    package location that does not exist: pip warns "Location ... is ignored" when it looks
    there for the toy's dependency, as on a machine whose pip.conf lists absent mirrors."""
    repo = tmp_path / "repo"
    (repo / "dev").mkdir(parents=True)
    (repo / "dev" / "setup").write_bytes((ROOT / "dev" / "setup").read_bytes())
    (repo / "dev" / "setup").chmod(0o755)
    (repo / "pyproject.toml").write_text(pyproject)
    (repo / "toy_backend.py").write_text(TOY_BACKEND)
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    with zipfile.ZipFile(wheels / "toy_dep-0-py3-none-any.whl", "w") as wheel:
        wheel.writestr("toy_dep-0.dist-info/METADATA",
                       "Metadata-Version: 2.1\nName: toy-dep\nVersion: 0\n")
        wheel.writestr("toy_dep-0.dist-info/WHEEL",
                       "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        wheel.writestr("toy_dep-0.dist-info/RECORD", "")
    env = {**os.environ, "PIP_NO_INDEX": "1",
           "PIP_FIND_LINKS": f"{wheels} {(tmp_path / 'no-such-mirror').as_uri()}"}
    return subprocess.run([str(repo / "dev" / "setup")], capture_output=True, text=True,
                          env=env, check=False)


def test_dev_setup_is_quiet_on_success(tmp_path: Path) -> None:
    run = _setup(tmp_path, TOY_PYPROJECT)
    assert run.returncode == 0 and run.stdout == "" and run.stderr == "", run.stderr
    assert (tmp_path / "repo" / ".venv" / ".mllint-installed").exists()


def test_dev_setup_shows_why_it_failed(tmp_path: Path) -> None:
    run = _setup(tmp_path, TOY_PYPROJECT + "[[[\n")
    assert run.returncode == 1
    assert "ERROR" in run.stderr and "Location" not in run.stderr
    assert run.stderr.endswith("dev/setup: pip install failed; details: "
                               ".venv/bin/python -m pip install -e '.[test]'\n")
