"""debian/ml-models parsing and validation (mllint/declaration.py)."""

from __future__ import annotations

from mllint.declaration import FIELDS, parse

GOOD = """# Declared by the maintainer.
Format: mllint-ml-models/0.1

Files: models/*.onnx
Format: onnx
SHA256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
License: Apache-2.0
Training-Data: corpus https://example.org/corpus.tar CC-BY-SA-4.0 sha256=abcd
 other none none
Training-Data-Availability: directDownload
Training-Code: https://example.org/train.git@1a2b3c GPL-3+
Base-Model: base https://example.org/base GPL-2+ or MIT
Retrain-Command: debian/rules bootstrap-models
ML-Policy-Class: Toxic-Candy
X-Private: ignored

Files: models/special.onnx
License: MIT
"""


def test_good_file_has_no_problems_and_typed_fields() -> None:
    decl = parse(GOOD)
    assert decl.problems == []
    assert (decl.format, decl.format_line) == ("mllint-ml-models/0.1", 2)
    stanza = decl.for_file("models/a.onnx")
    assert stanza.line == 4
    assert stanza.files == ("models/*.onnx",)
    assert stanza.format == "onnx"
    assert stanza.line_of("SHA256") == 6
    data = stanza.training_data
    assert [(d.name, d.location, d.license, d.sha256, d.line) for d in data] == [
        ("corpus", "https://example.org/corpus.tar", "CC-BY-SA-4.0", "abcd", 8),
        ("other", None, None, None, 9)]
    assert stanza.training_data_availability == "directDownload"
    code = stanza.training_code[0]
    assert (code.location, code.license, code.line) == ("https://example.org/train.git@1a2b3c",
                                                        "GPL-3+", 11)
    assert stanza.base_model[0].license == "GPL-2+ or MIT"
    assert stanza.retrain_command == "debian/rules bootstrap-models"
    assert stanza.ml_policy_class == "toxic-candy"


def test_last_matching_stanza_wins() -> None:
    decl = parse(GOOD)
    assert decl.for_file("models/special.onnx").license == "MIT"
    assert decl.for_file("models/sub/x.onnx").license == "Apache-2.0"  # DEP-5 * crosses /
    assert decl.for_file("other.onnx") is None


def test_missing_header_is_a_syntax_error() -> None:
    decl = parse("Files: a.onnx\nLicense: MIT\n")
    assert [(p.kind, p.line, p.note) for p in decl.problems] == [
        ("syntax-error", 1, "no Format: mllint-ml-models/0.1 header")]
    assert decl.for_file("a.onnx").license == "MIT"


def test_unsupported_format_version() -> None:
    decl = parse("Format: mllint-ml-models/9\n\nFiles: a\n")
    assert [(p.kind, p.line, p.note) for p in decl.problems] == [
        ("syntax-error", 1, "unsupported Format mllint-ml-models/9")]


def test_unparsable_lines_duplicates_and_bad_values() -> None:
    text = ("Format: mllint-ml-models/0.1\n\nFiles: a\nSHA256: xyz\nthis line is garbage\n\n"
            "Files: b\nLicense: MIT\nLicense: GPL\nML-Policy-Class: free-ish\n\nLicense: MIT\n")
    notes = [(p.kind, p.line, p.note) for p in parse(text).problems]
    assert notes == [
        ("syntax-error", 4, "invalid SHA256 not 64 hex digits"),
        ("syntax-error", 5, "unparsable line"),
        ("syntax-error", 9, "duplicate field License"),
        ("syntax-error", 10, "invalid ML-Policy-Class free-ish"),
        ("syntax-error", 12, "stanza without Files"),
    ]


def test_unknown_fields() -> None:
    text = "Format: mllint-ml-models/0.1\nLicense: MIT\n\nFiles: a\nTraining-Dataset: x\nX-Ok: 1\n"
    notes = [(p.kind, p.line, p.note) for p in parse(text).problems]
    assert notes == [("unknown-field", 2, "License in header"),
                     ("unknown-field", 5, "Training-Dataset in stanza")]


def test_installed_files() -> None:
    decl = parse("Format: mllint-ml-models/0.1\n\nFiles: src/net.c\n"
                 "Installed-Files: usr/share/foo/*.onnx\n embedded-in /usr/bin/foo\n")
    assert decl.for_installed_file("usr/share/foo/m.onnx") is not None
    assert decl.for_installed_file("usr/bin/foo") is not None
    assert decl.for_installed_file("usr/bin/bar") is None


def test_garbage_never_raises() -> None:
    for text in ("", "\0\0\0", ":::\n", " leading continuation\n", "Format:\n", "\n\n\n"):
        decl = parse(text)
        assert any(p.kind == "syntax-error" for p in decl.problems)


def test_every_field_is_documented() -> None:
    assert all(f.doc.endswith(".") for f in FIELDS.values())
