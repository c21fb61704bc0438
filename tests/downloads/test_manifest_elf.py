"""Download manifests and ELF string scans."""

from __future__ import annotations

from pathlib import Path

from mllint.downloads import elf, manifest

DIGIKAM = """\
[face_detection_yunet]
FileName=face_detection_yunet_2023mar.onnx
DownloadPath=https://files.kde.org/digikam/facesengine/dnnface/
SHA256=8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4
FileSize=232589

[no_hash]
FileName=age_net.caffemodel
DownloadPath=https://e.org/models/
"""


def test_digikam_style_records() -> None:
    results = [(f.identifier, f.line, f.pinned, name) for f, name in manifest.analyse(DIGIKAM)]
    assert results == [
        ("https://files.kde.org/digikam/facesengine/dnnface/face_detection_yunet_2023mar.onnx", 3,
         True, "face_detection_yunet_2023mar.onnx"),
        ("https://e.org/models/age_net.caffemodel", 9, False, "age_net.caffemodel")]


def test_config_without_model_is_not_a_manifest() -> None:
    text = "[server]\nurl=https://e.org/api\nname=foo\n[update]\nurl=https://e.org/check.json\n"
    assert manifest.analyse(text) == []


def test_elf_strings_scan(tmp_path: Path) -> None:
    blob = tmp_path / "prog"
    blob.write_bytes(b"\x7fELF" + b"\0" * 100 + b"https://huggingface.co/o/m/resolve/main/m.gguf\0"
                     + b"https://www.gnu.org/licenses/\0llama_load_model_from_url\0")
    found = [(f.kind, f.function, f.identifier) for f in elf.analyse(blob, blob.stat().st_size)]
    assert found == [("url", "elf-string", "https://huggingface.co/o/m/resolve/main/m.gguf"),
                     ("hub", "llama_load_model_from_url", "")]


def test_elf_scan_is_bounded(tmp_path: Path, monkeypatch) -> None:
    blob = tmp_path / "big"
    blob.write_bytes(b"\x7fELF" + b"\0" * 5000 + b"https://e.org/w/late.onnx\0")
    monkeypatch.setattr(elf, "MAX_SCAN", 4096)
    monkeypatch.setattr(elf, "CHUNK", 1024)
    assert elf.analyse(blob, blob.stat().st_size) == []


def test_elf_hub_flags(tmp_path: Path) -> None:
    blob = tmp_path / "llama-cli"
    blob.write_bytes(b"\x7fELF\0-hf,    --hf-repo <user>/<model>[:quant]\0--hf-file FILE\0"
                     b"--no-hf-repo-x\0")
    assert [f.identifier for f in elf.analyse(blob, blob.stat().st_size)] == [
        "--hf-file", "--hf-repo"]


def test_local_model_path_next_to_a_server_url_is_not_a_download() -> None:
    text = "[engine]\nmodel=/usr/share/foo/model.onnx\nurl=https://e.org/api/v1\n"
    assert manifest.analyse(text) == []
