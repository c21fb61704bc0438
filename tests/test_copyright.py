"""debian/copyright reading (mllint/copyright.py)."""

from __future__ import annotations

from mllint.copyright import parse

FORMAT = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
TEXT = FORMAT + """Upstream-Name: foo
Files-Excluded: models/*.bin
 *.pt
Disclaimer: Models removed as per ML-Policy.

Files: *
Copyright: 2020 X
License: GPL-3+

# The weights are a separate work.
Files: models/*.onnx
 data/m.pt
Copyright: 2020 Y
License: cc-by-nc-4.0
Comment: trained on X

Files: models/special.onnx
Copyright: 2021 Z
License: MIT

License: GPL-3+
 text
"""


def test_last_matching_stanza_wins_with_its_line() -> None:
    c = parse(TEXT)
    assert c.machine_readable
    m = c.match("models/a.onnx")
    assert (m.license, m.line, m.wildcard_only, m.comment) == (
        "cc-by-nc-4.0", 12, False, "trained on X")
    m = c.match("models/special.onnx")
    assert (m.license, m.line) == ("MIT", 18)


def test_only_wildcard_matched() -> None:
    m = parse(TEXT).match("src/weights.bin")
    assert (m.license, m.line, m.wildcard_only) == ("GPL-3+", 7, True)


def test_globs_are_anchored_to_the_root() -> None:
    assert parse(TEXT).match("sub/models/a.onnx").wildcard_only


def test_installed_paths_match_trailing_parts() -> None:
    c = parse(TEXT)
    m = c.match("usr/share/foo/models/a.onnx", trailing=True)
    assert (m.license, m.wildcard_only) == ("cc-by-nc-4.0", False)
    assert c.match("usr/share/foo/models/a.onnx").wildcard_only


def test_header_fields() -> None:
    c = parse(TEXT)
    assert c.files_excluded == ("models/*.bin", "*.pt")
    assert c.header["files-excluded"].line == 3
    assert c.disclaimer.value == "Models removed as per ML-Policy."
    assert c.disclaimer.line == 5
    assert c.header["upstream-name"].value == "foo"


def test_no_files_star_means_no_match() -> None:
    c = parse(FORMAT + "\nFiles: a/*\nCopyright: x\nLicense: MIT\n")
    assert c.match("b/c") is None


def test_not_machine_readable_never_raises() -> None:
    for text in ("This package was debianized by Foo.\nCopyright 2000 Foo\n\nLicense: GPL\n",
                 "", "Format: unknown\n\nFiles: *\nLicense: MIT\n",
                 FORMAT + "\nFiles: *\nLicense: MIT\n  x\nnot a field\n"):
        c = parse(text)
        assert not c.machine_readable
        assert c.match("a") is None
        assert c.error


def test_broken_glob_matches_nothing_but_its_siblings_apply() -> None:
    # DEP-5 globs know only *, ? and backslash escapes of those; "\\x" is invalid.
    c = parse(FORMAT + "\nFiles: *\nCopyright: x\nLicense: MIT\n\nFiles: a\\x m.onnx\n"
              "Copyright: y\nLicense: CC-BY-NC-4.0\n")
    assert c.match("m.onnx").license == "CC-BY-NC-4.0"
    assert c.match("a\\x").license == "MIT"


def test_license_text_inline_or_standalone() -> None:
    c = parse(FORMAT + "\nFiles: *\nCopyright: x\nLicense: bsdlike\n\nFiles: m/*\nCopyright: y\n"
              "License: mit-like\n Permission is hereby granted, free of charge.\n\n"
              "License: bsdlike\n Redistribution and use in source and binary forms.\n")
    assert c.match("a").license_text == "Redistribution and use in source and binary forms."
    assert c.match("m/x").license_text == "Permission is hereby granted, free of charge."
