"""A binary scanned with its source (a .changes group) is judged on the source only."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from mllint.engine import Options, run_checks
from mllint.processable import Group, binary_from_tree, source_from_tree
from mllint.profiles import load_profile

DEP5 = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
LICENSING = {"ml-model-license-non-free", "ml-model-license-unknown"}


def _model(path: Path) -> None:
    header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(struct.pack("<Q", len(header)) + header + bytes(8))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_binary_licensing_is_reported_on_the_source_only(tmp_path: Path) -> None:
    src, deb = tmp_path / "src", tmp_path / "deb"
    _model(src / "models" / "m.safetensors")
    _write(src / "debian" / "control", "Source: foo\n\nPackage: foo\nArchitecture: all\n")
    copyright_text = DEP5 + "\nFiles: *\nCopyright: x\nLicense: CC-BY-NC-4.0\n"
    _write(src / "debian" / "copyright", copyright_text)
    _model(deb / "usr" / "share" / "foo" / "m.safetensors")
    _write(deb / "usr" / "share" / "doc" / "foo" / "copyright", copyright_text)
    _write(deb / "DEBIAN" / "control", "Package: foo\nVersion: 1\nArchitecture: all\n")
    options = Options(load_profile("debian"))
    binary = binary_from_tree(deb, str(deb))
    alone = {h.tag for h in run_checks(binary, options)}
    assert "ml-model-license-non-free" in alone
    group = Group("g", "foo", "1")
    group.add(source_from_tree(src, str(src)))
    group.add(binary)
    assert {h.tag for h in run_checks(group.source, options)} & LICENSING == {
        "ml-model-license-non-free"}
    assert not {h.tag for h in run_checks(binary, options)} & LICENSING
