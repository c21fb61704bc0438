"""Which statement decides a model's licence (mllint/licensing.py, ml-policy.md §3.8)."""

from __future__ import annotations

from pathlib import Path

from mllint.formats import ModelInfo, Provenance
from mllint.index import Index
from mllint.licensing import resolve_license
from mllint.processable import Processable

FORMAT = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"


def source(root: Path, files: dict[str, str]) -> Processable:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    index = Index(root, "t")
    return Processable("source", "foo", "1", "source", str(root), patched=index,
                       upstream=not (root / "debian").is_dir())


def binary(index: Index) -> Processable:
    return Processable("binary", "foo", "1", "all", "foo_1_all.deb", installed=index)


def model(license: str | None = None) -> ModelInfo:
    return ModelInfo("onnx", provenance=Provenance(license=[license] if license else []))


def test_copyright_decides_and_metadata_disagreeing_is_a_conflict(tmp_path: Path) -> None:
    p = source(tmp_path, {"debian/copyright": FORMAT + "\nFiles: *\nCopyright: x\n"
                          "License: GPL-3+\n",
                          "m.onnx": ""})
    found = resolve_license(p, p.patched.lookup("m.onnx"), model("MIT"))
    assert (found.source, found.expression, str(found.pointer)) == (
        "debian/copyright", "GPL-3+", "debian/copyright:3")
    assert found.wildcard_only
    assert [(c.source, c.expression, str(c.pointer)) for c in found.conflicts] == [
        ("metadata", "MIT", "m.onnx")]


def test_a_non_free_card_decides_over_a_free_copyright(tmp_path: Path) -> None:
    p = source(tmp_path, {
        "debian/copyright": FORMAT + "\nFiles: *\nCopyright: x\nLicense: Apache-2.0\n",
        "models/README.md": "---\nlanguage: en\nlicense: cc-by-nc-4.0\n---\n",
        "models/m.onnx": ""})
    found = resolve_license(p, p.patched.lookup("models/m.onnx"), model())
    assert (found.source, found.verdict.verdict, str(found.pointer)) == (
        "model-card", "non-free", "models/README.md:3")
    assert [c.source for c in found.conflicts] == ["debian/copyright"]


def test_agreeing_sources_are_no_conflict(tmp_path: Path) -> None:
    p = source(tmp_path, {
        "debian/copyright": FORMAT + "\nFiles: models/*\nCopyright: x\nLicense: Expat\n",
        "models/README.md": "---\nlicense: mit\n---\n", "models/m.onnx": ""})
    found = resolve_license(p, p.patched.lookup("models/m.onnx"), model("MIT"))
    assert (found.expression, found.wildcard_only, found.conflicts) == ("Expat", False, ())


def test_declaration_license(tmp_path: Path) -> None:
    p = source(tmp_path, {
        "debian/ml-models": "Format: mllint-ml-models/0.1\n\nFiles: m.onnx\nLicense: CC0-1.0\n",
        "m.onnx": ""})
    found = resolve_license(p, p.patched.lookup("m.onnx"), model())
    assert (found.source, found.expression, str(found.pointer)) == (
        "debian/ml-models", "CC0-1.0", "debian/ml-models:4")


def test_upstream_tree_falls_back_to_license_files(tmp_path: Path) -> None:
    p = source(tmp_path, {
        "LICENSE": "                                 Apache License\n  Version 2.0, January 2004\n",
        "weights/net.onnx": "",
        "weights/net.onnx.license": "SPDX-FileCopyrightText: 2024 X\nSPDX-License-Identifier: "
                                    "CC-BY-4.0\n",
        "other/m.onnx": ""})
    found = resolve_license(p, p.patched.lookup("weights/net.onnx"), model())
    assert (found.source, found.expression, str(found.pointer)) == (
        "license-file", "CC-BY-4.0", "weights/net.onnx.license:2")
    found = resolve_license(p, p.patched.lookup("other/m.onnx"), model())
    assert (found.expression, str(found.pointer)) == ("Apache-2.0", "LICENSE")


def test_spdx_line_in_a_text_model(tmp_path: Path) -> None:
    p = source(tmp_path, {"net.c": "/* SPDX-License-Identifier: BSD-3-Clause */\n"
                                   "float w[] = {};\n"})
    found = resolve_license(p, p.patched.lookup("net.c"), None)
    assert (found.source, found.expression, str(found.pointer)) == (
        "metadata", "BSD-3-Clause", "net.c:1")


def test_nothing_stated(tmp_path: Path) -> None:
    p = source(tmp_path, {"debian/copyright": "Plain text copyright, not DEP-5.\n", "m.onnx": "",
                          "README.md": "# no front matter\n"})
    assert resolve_license(p, p.patched.lookup("m.onnx"), model()) is None


def test_binary_uses_its_doc_copyright_with_trailing_match(tmp_path: Path) -> None:
    files = {"usr/share/doc/foo/copyright": FORMAT + "\nFiles: *\nCopyright: x\nLicense: MIT\n\n"
             "Files: models/*\nCopyright: y\nLicense: openrail\n",
             "usr/share/foo/models/m.onnx": ""}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    index = Index(tmp_path, "b")
    p = binary(index)
    found = resolve_license(p, index.lookup("usr/share/foo/models/m.onnx"), model())
    assert (found.verdict.verdict, str(found.pointer), found.wildcard_only) == (
        "use-restricted", "usr/share/doc/foo/copyright:7", False)


def test_header_license_covers_what_no_files_stanza_names(tmp_path: Path) -> None:
    """festvox-us-slt-hts: Files stanzas for some source paths, no Files: *, and the header's
    License for the package as a whole; its voice file matches no stanza."""
    files = {"usr/share/doc/foo/copyright": FORMAT + "Copyright: 2003 x\nLicense: acme-voice\n\n"
             "Files: lib/voices/*.pdf\nCopyright: x\nLicense: acme-voice\n\n"
             "License: acme-voice\n Redistribution and use in source and binary forms, with or "
             "without modification, are permitted provided that the code keeps this notice.\n",
             "usr/share/festival/voices/v.htsvoice": ""}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    index = Index(tmp_path, "b")
    p = binary(index)
    found = resolve_license(p, index.lookup("usr/share/festival/voices/v.htsvoice"), model())
    assert (found.expression, found.verdict.verdict, str(found.pointer), found.wildcard_only) == (
        "acme-voice", "free", "usr/share/doc/foo/copyright:3", True)


def test_custom_dep5_name_is_judged_by_its_text(tmp_path: Path) -> None:
    p = source(tmp_path, {"debian/copyright": FORMAT + "\nFiles: *\nCopyright: x\nLicense: "
                          "acme-model-terms\n\nLicense: acme-model-terms\n This model may be used"
                          " for research purposes only.\n", "m.onnx": ""})
    found = resolve_license(p, p.patched.lookup("m.onnx"), model())
    assert (found.verdict.verdict, found.expression) == ("non-free", "acme-model-terms")
    p = source(tmp_path / "b", {"debian/copyright": FORMAT + "\nFiles: *\nCopyright: x\n"
                                "License: acme\n Some terms nobody recognises.\n", "m.onnx": ""})
    found = resolve_license(p, p.patched.lookup("m.onnx"), model())
    assert (found.verdict.verdict, found.expression) == ("unknown", "acme")
