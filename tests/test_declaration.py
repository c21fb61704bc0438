"""debian/ml-models parsing and validation (mllint/declaration.py)."""

from __future__ import annotations

from mllint.declaration import FIELDS, Placeholder, parse, unfilled

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


def test_placeholder_rule_is_the_drafts_strings() -> None:
    """The shared rule: a text holding one of the strings --emit-ml-models writes for what only
    the maintainer knows; angle brackets in prose are not placeholders."""
    drafted = [f.placeholder for f in FIELDS.values() if f.placeholder]
    assert len(drafted) == 3
    for text in [*drafted, *Placeholder, "org/corpus <location> <license>",
                 "corpus https://example.org/c <license> sha256=ab"]:
        assert unfilled(text), text
    for text in ("Jane Doe <jane@example.org>", "<https://example.org/data>", "a <b> c",
                 "<LICENSE>", "<license-file>", "x <location", "location> <license",
                 "corpus https://example.org/c CC0-1.0", ""):
        assert not unfilled(text), text


def test_availability_placeholder_lists_every_value() -> None:
    """The drafted Training-Data-Availability shows the maintainer every allowed value, and is
    itself none of them (an unedited draft must not pass for a choice)."""
    spec = FIELDS["training-data-availability"]
    assert all(v in spec.placeholder for v in spec.values)
    assert spec.placeholder.lower() not in spec.values


DRAFTED = """Format: mllint-ml-models/0.1
Comment: Fill in every <placeholder>.

Files: models/a.onnx
License: <license>
Training-Data: corpus https://example.org/corpus.tar CC0-1.0
 <name> <url, path or pkg:deb/debian/pkg> <license>
 org/extra <location> <license>
Training-Data-Availability: <one of: directdownload, clickthrough, registration, query, \
scrapingscript, on-request, private, unknown, synthetic, self-play>
Training-Code: <path or url@commit> <license>
Training-Code: tools/train.py MIT
Base-Model: org/base <location> <license>
Comment: Replace <license> once upstream answers.
"""


def test_unfilled_placeholders_are_reported_and_absent() -> None:
    decl = parse(DRAFTED)
    assert [(p.kind, p.line, p.note) for p in decl.problems] == [
        ("syntax-error", 5, "placeholder not filled in: License"),
        ("syntax-error", 7, "placeholder not filled in: Training-Data"),
        ("syntax-error", 8, "placeholder not filled in: Training-Data"),
        ("syntax-error", 9, "placeholder not filled in: Training-Data-Availability"),
        ("syntax-error", 10, "placeholder not filled in: Training-Code"),
        ("syntax-error", 11, "duplicate field Training-Code"),  # still a duplicate
        ("syntax-error", 12, "placeholder not filled in: Base-Model"),
    ]  # the Comment is prose: its <license> is not reported
    stanza = decl.for_file("models/a.onnx")
    assert stanza.license is None
    assert [(d.name, d.line) for d in stanza.training_data] == [("corpus", 6)]  # filled line kept
    assert stanza.training_data_availability is None
    assert (stanza.training_code, stanza.base_model) == ((), ())
    assert stanza.unfilled_lines == [5, 7, 8, 9, 10, 12]
    assert stanza.value("Comment") == "Replace <license> once upstream answers."


def test_angle_brackets_in_filled_values_are_values() -> None:
    decl = parse("Format: mllint-ml-models/0.1\nComment: By Jane Doe <jane@example.org>.\n\n"
                 "# Reviewed with John Roe <john@example.org>.\nFiles: m.onnx\nLicense: MIT\n"
                 "Training-Data: corpus https://example.org/c CC-BY-4.0 (Jane <jane@example.org>)\n"
                 "Generated-By: exporter <https://example.org/export>\n")
    assert decl.problems == []
    stanza = decl.for_file("m.onnx")
    assert stanza.unfilled_lines == []
    assert stanza.training_data[0].license == "CC-BY-4.0 (Jane <jane@example.org>)"
    assert stanza.generated_by == "exporter <https://example.org/export>"
