"""Override parsing and matching against lintian's documented rules (lintian-compat.md §4)."""

from __future__ import annotations

import pytest

from mllint import overrides
from mllint.hints import Hint
from mllint.index import Pointer


def parse(text: str, name: str = "foo", kind: str = "source", arch: str = "source"):
    return overrides.parse(text, name, kind, arch)


def hint(tag: str, note: str, path: str, line: int = 0) -> Hint:
    return Hint(tag, note, Pointer(path, line), "model-files")


def test_prefix_forms_in_lintian_order() -> None:
    entries, errors = parse("foo source: tag-a x\nsource: tag-b\nfoo: tag-c\ntag-d *\n")
    assert errors == []
    assert [(e.tag, e.pattern) for e in entries] == [
        ("tag-a", "x"), ("tag-b", ""), ("tag-c", ""), ("tag-d", "*")]


def test_wrong_order_needs_a_colon() -> None:
    _, errors = parse("foo source [amd64]: tag\n")
    assert [(e.line, e.message) for e in errors] == [(1, "Expected a colon")]


def test_arch_list_before_type_in_binary_file() -> None:
    entries, errors = parse("foo [amd64 i386] binary: tag\n", kind="binary", arch="amd64")
    assert errors == [] and entries[0].arches == ("amd64", "i386")


def test_bad_arch_lists_are_malformed() -> None:
    text = "foo [amd64 !i386]: a\nfoo [nosucharch]: b\n"
    _, errors = parse(text, kind="binary", arch="amd64")
    assert [e.message for e in errors] == ["Inconsistent architecture negation",
                                           "Unknown architecture wildcard nosucharch"]
    _, errors = parse("foo [amd64]: a\n", kind="binary", arch="all")
    assert errors[0].message == "Architecture list in Arch:all installable"
    _, errors = parse("[amd64]: a\n")
    assert errors[0].message == "Architecture list in source override"


def test_justification_comments_blank_lines_and_carry_over() -> None:
    text = ("# first part\n#\n#   second part\ntag-a x\ntag-a y\n\ntag-a z\n"
            "# own\ntag-b\ntag-c\n")
    entries, _ = parse(text)
    got = {e.pattern or e.tag: e.justification for e in entries}
    assert got == {"x": "first part second part", "y": "first part second part", "z": "",
                   "tag-b": "own", "tag-c": ""}


def test_later_duplicate_wins_with_its_justification() -> None:
    entries, _ = parse("# old\ntag x\n# new\ntag   x\n")
    assert [(e.line, e.justification) for e in entries] == [(4, "new")]


def test_whitespace_is_collapsed() -> None:
    entries, _ = parse("foo   source :   tag   a   b\n")
    assert (entries[0].tag, entries[0].pattern) == ("tag", "a b")


@pytest.mark.parametrize(("pattern", "context", "expected"), [
    ("* [models/big.safetensors]", "812.0MiB [models/big.safetensors]", True),
    ("[models/big.safetensors]", "812.0MiB [models/big.safetensors]", False),  # anchored
    ("812.0MiB [models/*]", "812.0MiB [models/a/b.onnx]", True),  # * crosses /
    ("?12.0MiB *", "812.0MiB [x]", True),
    ("\\* [x]", "* [x]", True),
    ("\\* [x]", "a [x]", False),
    ("./x [y]", "x [y]", True),  # a leading ./ is dropped
    ("a.b", "axb", False),  # regex characters are literal
])
def test_match_glob(pattern: str, context: str, expected: bool) -> None:
    assert overrides.matches(pattern, context) is expected


def test_empty_pattern_wins_and_shortest_match_is_used() -> None:
    entries, _ = parse("tag *\ntag\ntag * [a]\n")
    hints = [hint("tag", "n", "a")]
    overrides.apply(hints, entries, lambda t: t, "source")
    used = {e.line for e in entries if e.used}
    assert used == {2} and hints[0].override is not None


def test_shortest_pattern_first() -> None:
    entries, _ = parse("# long\ntag * [a]\n# short\ntag *\n")
    hints = [hint("tag", "n", "a")]
    overrides.apply(hints, entries, lambda t: t, "source")
    assert hints[0].override.justification == "short"


def test_unused_and_mismatched() -> None:
    entries, _ = parse("tag-a [b]\ntag-b\ntag-a * [a]\n")
    hints = [hint("tag-a", "n", "a")]
    overrides.apply(hints, entries, lambda t: t, "source")
    meta = overrides.unused(entries, {"tag-a"}, lambda t: t, "debian/source/mllint-overrides",
                            "")
    assert [(m, note, p.line) for m, note, p in meta] == [
        ("mismatched-mllint-override", "tag-a [b]", 1),
        ("unused-mllint-override", "tag-b ", 2)]


def test_arch_restricted_override_skipped_is_never_unused() -> None:
    entries, _ = parse("foo [i386]: tag\n", kind="binary", arch="amd64")
    overrides.apply([hint("tag", "", "x")], entries, lambda t: t, "amd64")
    assert overrides.unused(entries, {"tag"}, lambda t: t, "f", "") == []


@pytest.mark.parametrize(("arches", "arch", "expected"), [
    (("amd64",), "amd64", True), (("linux-any",), "arm64", True), (("any-i386",), "amd64", False),
    (("!amd64",), "amd64", False), (("!amd64", "!i386"), "arm64", True)])
def test_arch_matches(arches: tuple[str, ...], arch: str, expected: bool) -> None:
    assert overrides.arch_matches(arch, arches) is expected


def test_another_package_or_type_is_named_as_lintian_would() -> None:
    """Newcomer trial: "python3-jieba source: tag" in a binary package's file was "Expected a
    colon", and "wrongpkg: tag" an unknown tag "wrongpkg:"."""
    _, errors = parse("foo source: tag-a\nwrongpkg: tag-b\nother source: tag-c\n"
                      "foo [amd64] udeb: tag-d\n", kind="binary", arch="amd64")
    assert [(e.line, e.message) for e in errors] == [
        (1, "Override for package type source (expecting binary)"),
        (2, "Possibly wrong package in override (got wrongpkg, expected foo)"),
        (3, "Possibly wrong package in override (got other, expected foo)"),
        (4, "Override for package type udeb (expecting binary)")]
