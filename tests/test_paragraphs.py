"""mllint.paragraphs reads mllint's own data files as python-debian's Deb822 does."""

from __future__ import annotations

import pytest
from debian.deb822 import Deb822

from mllint import resources
from mllint.paragraphs import ParagraphError, read_paragraphs


def _deb822(text: str) -> list[dict[str, str]]:
    return [{k.lower(): v for k, v in p.items()}
            for p in Deb822.iter_paragraphs(text.splitlines(keepends=True))]


SHIPPED = sorted(resources.tags_dir().glob("*/*.tag")) + sorted(
    resources.profiles_dir().glob("*.profile"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_read_as_deb822_reads_them(path):
    text = path.read_text(encoding="utf-8")
    assert read_paragraphs(text) == _deb822(text)


def test_every_shipped_kind_is_covered():
    assert {p.suffix for p in SHIPPED} == {".tag", ".profile"}


@pytest.mark.parametrize("text", [
    "Tag: a\nSeverity: info\n",
    "# comment\nTag: a\n# inside\nExplanation: one\n two  \n .\n\tthree\n",
    "Profile: x\n\n\nTags: a,\n b\nVisibility: info\n\nTags: c\n",
    "Field:   spaced value   \n",
    "Empty:\n continued\n",
])
def test_syntax_matches_deb822(text):
    assert read_paragraphs(text) == _deb822(text)


@pytest.mark.parametrize("text, line", [
    (" continuation first\n", 1),
    ("Tag: a\nno colon here\n", 2),
    ("Two words: x\n", 1),
])
def test_malformed_lines_are_refused_with_their_number(text, line):
    with pytest.raises(ParagraphError, match=f"^line {line}:"):
        read_paragraphs(text)
