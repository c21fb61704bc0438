"""Read mllint's own deb822 data files: the ``.tag`` files and the profiles.

Written by hand instead of using python-debian's ``Deb822.iter_paragraphs`` because importing
``debian.deb822`` costs about 35 ms (it pulls in ``email.utils``, ``logging`` and
``debian.changelog``), half of mllint's start-up on a single file (bench/README.md), and every
run reads these files. Package control data (``.dsc``, ``.changes``, ``debian/control``) still
goes through python-debian; ``tests/test_paragraphs.py`` checks that both read every shipped
tag and profile file the same way.

The syntax is deb822's (deb822(5)): ``Field: value`` lines, continuation lines starting with a
space or tab, paragraphs separated by blank lines, ``#`` lines ignored.
"""

from __future__ import annotations


class ParagraphError(ValueError):
    """A line is neither a field, a continuation, a comment nor blank (message: line number)."""


def read_paragraphs(text: str) -> list[dict[str, str]]:
    """Paragraphs of ``text`` as dicts keyed by lower-cased field name.

    A value is the text after the colon, stripped, followed by each continuation line as
    written (its leading space kept), joined with ``"\\n"``: python-debian's ``Deb822`` values.
    Raises :class:`ParagraphError`.
    """
    paragraphs: list[dict[str, str]] = []
    current: dict[str, str] = {}
    field = ""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                paragraphs.append(current)
            current, field = {}, ""
        elif line[0] in " \t":
            if not field:
                raise ParagraphError(f"line {number}: continuation line outside a field")
            current[field] += "\n" + line
        else:
            name, colon, value = line.partition(":")
            if not colon or not name.strip() or " " in name.strip():
                raise ParagraphError(f"line {number}: expected 'Field: value'")
            field = name.strip().lower()
            current[field] = value.strip()
    if current:
        paragraphs.append(current)
    return paragraphs
