"""Download manifests and ELF string scans."""

from __future__ import annotations

from pathlib import Path

import pytest

from mllint.downloads import elf, manifest
from mllint.formats import elf as formats_elf
from testdata.fixtures._elf import elf_bytes

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
    results = [(f.identifier, f.line, f.pinned, f.target) for f in manifest.analyse(DIGIKAM)]
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
    monkeypatch.setattr(formats_elf, "CHUNK", 1024)
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


# Whether a binary can fetch: stockfish 15.1 prints "The default net can be downloaded from:
# https://tests.stockfishchess.org/api/nn/" and links only libc, libm, libstdc++ and libgcc.
PRINTED = (b"The default net can be downloaded from: "
           b"https://models.example.org/nets/nn-0123456789ab.nnue\0")


@pytest.mark.parametrize(("needed", "imports", "found"), [
    (("libstdc++.so.6", "libc.so.6"), ("fopen", "mmap"), False),  # stockfish-like: prints only
    (("libcurl-gnutls.so.4", "libc.so.6"), (), True),
    (("libgio-2.0.so.0",), (), True),  # gimagereader fetches tessdata through GIO
    (("libQt6Network.so.6",), (), True),
    (("libc.so.6",), ("getaddrinfo",), True),  # its own sockets
    (("libcurlish.so.1",), ("curl_free",), False),  # a name that only starts like one
])
def test_url_counts_only_when_the_binary_can_fetch(tmp_path: Path, needed: tuple[str, ...],
                                                   imports: tuple[str, ...], found: bool) -> None:
    blob = tmp_path / "engine"
    blob.write_bytes(elf_bytes(PRINTED, needed=needed, imports=imports))
    urls = [f.identifier for f in elf.analyse(blob, blob.stat().st_size) if f.kind == "url"]
    assert urls == (["https://models.example.org/nets/nn-0123456789ab.nnue"] if found else [])


@pytest.mark.parametrize(("strings", "found"), [
    (b"curl\0-sSL\0", True),  # leela-zero's autogtp: QProcess runs curl, no network library
    (b"/usr/bin/wget\0", True),
    (b"libcurl.so.4 not found\0curling\0", False),  # no tool named on its own
])
def test_a_binary_that_runs_a_download_tool_can_fetch(tmp_path: Path, strings: bytes,
                                                      found: bool) -> None:
    blob = tmp_path / "autogtp"
    blob.write_bytes(elf_bytes(b"\0" + strings + PRINTED, needed=("libQt5Core.so.5",),
                               imports=("fopen",)))
    urls = [f.identifier for f in elf.analyse(blob, blob.stat().st_size) if f.kind == "url"]
    assert urls == (["https://models.example.org/nets/nn-0123456789ab.nnue"] if found else [])


def test_static_binary_and_entry_points_count_without_network_library(tmp_path: Path) -> None:
    # No dynamic section: a static binary carries its network code inside, so the URL counts.
    static = tmp_path / "static"
    static.write_bytes(elf_bytes(PRINTED))
    assert [f.kind for f in elf.analyse(static, static.stat().st_size)] == ["url"]
    # An entry point names the fetching code itself (the library that has it links curl).
    lib = tmp_path / "libllama.so"
    lib.write_bytes(elf_bytes(b"llama_load_model_from_url\0", needed=("libc.so.6",)))
    assert [f.function for f in elf.analyse(lib, lib.stat().st_size)] == [
        "llama_load_model_from_url"]


def test_code_sections_are_not_scanned(tmp_path: Path) -> None:
    url = b"https://huggingface.co/o/m/resolve/main/m.gguf\0"
    in_text = tmp_path / "in-text"
    in_text.write_bytes(elf_bytes(b"usage\0", text=url))
    assert elf.analyse(in_text, in_text.stat().st_size) == []
    in_rodata = tmp_path / "in-rodata"
    in_rodata.write_bytes(elf_bytes(url))
    assert len(elf.analyse(in_rodata, in_rodata.stat().st_size)) == 1


def test_match_across_chunks_is_found_once(tmp_path: Path, monkeypatch) -> None:
    url = b"https://huggingface.co/o/m/resolve/main/m.gguf"
    blob = tmp_path / "prog"
    blob.write_bytes(elf_bytes(bytes(1000) + url + b"\0" + bytes(3000)))
    monkeypatch.setattr(formats_elf, "CHUNK", 1024)  # the URL straddles the first boundary of .rodata
    assert [f.identifier for f in elf.analyse(blob, blob.stat().st_size)] == [url.decode()]
