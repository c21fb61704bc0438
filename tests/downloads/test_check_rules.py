"""The downloads check's decisions that are not visible in one analyser: Debian switches,
lowered paths and providers. Loaded from checks/ by path, as the engine does."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from mllint.downloads import Finding

SPEC = importlib.util.spec_from_file_location(
    "checks_downloads", Path(__file__).resolve().parents[2] / "checks" / "downloads.py")
assert SPEC is not None and SPEC.loader is not None
downloads = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(downloads)


def build(conditions: tuple[str, ...]) -> Finding:
    return Finding("cmake", "file(DOWNLOAD)", "https://e.org/m.onnx", 3, conditions=conditions)


@pytest.mark.parametrize("rules,conditions,disabled", [
    ("dh_auto_configure -- -DDOWNLOAD_MODELS=OFF", ("DOWNLOAD_MODELS",), True),
    ("dh_auto_configure -- -DDOWNLOAD_MODELS:BOOL=ON", ("DOWNLOAD_MODELS",), False),
    ("dh_auto_configure -- -DUSE_SYSTEM_MODELS=ON", ("!USE_SYSTEM_MODELS",), True),
    ("dh_auto_configure -- --disable-model-download", ("enable_model_download",), True),
    ("dh_auto_configure -- --disable-model-download", ("ENABLE_MODEL_DOWNLOAD",), True),
    ("dh_auto_configure -- --enable-model-download", ("ENABLE_MODEL_DOWNLOAD",), False),
    ("dh_auto_configure -- -Dfetch_models=disabled", ("FETCH_MODELS",), True),
    ("dh_auto_configure -- -DBUILD_TESTING=OFF", ("DOWNLOAD_MODELS",), False),
    ("dh_auto_configure", (), False),
])
def test_debian_switches(rules: str, conditions: tuple[str, ...], disabled: bool) -> None:
    assert downloads._disabled(build(conditions), downloads._switches(rules)) is disabled


@pytest.mark.parametrize("name,lowered", [
    ("docs/tutorial.py", True), ("tests/test_load.py", True), ("examples/run.sh", True),
    ("notes.md", True), (".github/workflows/ci.yml", True), ("CMakeLists.txt", False),
    ("src/app/load.py", False), ("usr/lib/python3/dist-packages/app/test_x.py", True),
])
def test_lowered_paths(name: str, lowered: bool) -> None:
    assert downloads._lowered(name) is lowered


def test_hub_client_libraries_are_providers() -> None:
    assert downloads._provider("usr/lib/python3/dist-packages/huggingface_hub/file_download.py")
    assert downloads._provider("src/transformers/pipelines/__init__.py")
    assert not downloads._provider("usr/lib/python3/dist-packages/skorch/hf.py")
    # keras-applications is to Keras what torchvision.models is to PyTorch: InceptionV3(weights=
    # "imagenet") is the caller's download, the library only provides it.
    assert downloads._provider(
        "usr/lib/python3/dist-packages/keras_applications/inception_v3.py")


def test_maintainer_scripts_in_a_source() -> None:
    assert downloads._is_maintainer_script("debian/postinst")
    assert downloads._is_maintainer_script("debian/foo.config")
    assert not downloads._is_maintainer_script("debian/rules")
    assert not downloads._is_maintainer_script("src/postinst")
