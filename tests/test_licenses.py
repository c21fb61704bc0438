"""Licence expression classification (mllint/licenses.py, ml-policy.md §3.8)."""

from __future__ import annotations

import pytest

from mllint.licenses import classify, disagree, family, identify_text, spdx_identifier


@pytest.mark.parametrize(("expression", "verdict", "normalised"), [
    ("MIT", "free", "MIT"),
    ("expat", "free", "Expat"),
    ("GPL-3+", "free", "GPL-3+"),
    ("BSD-3-clause", "free", "BSD-3-Clause"),
    ("apache-2.0", "free", "Apache-2.0"),
    ("Apache License, Version 2.0", "free", "Apache-2.0"),
    ("CC0-1.0", "free", "CC0-1.0"),
    ("CC-BY-4.0", "free", "CC-BY-4.0"),
    ("cc-by-sa-4.0", "free", "CC-BY-SA-4.0"),
    ("public-domain", "free", "public-domain"),
    ("cc-by-nc-4.0", "non-free", "CC-BY-NC-4.0"),
    ("CC-BY-NC-SA-3.0", "non-free", "CC-BY-NC-SA-3.0"),
    ("CC-BY-ND-4.0", "non-free", "CC-BY-ND-4.0"),
    ("llama2", "non-free", "llama2"),
    ("llama3.1", "non-free", "llama3.1"),
    ("gemma", "non-free", "gemma"),
    ("Research use only", "non-free", "Research use only"),
    ("free for non_commercial purposes", "non-free", "free for non_commercial purposes"),
    ("openrail", "use-restricted", "openrail"),
    ("CreativeML-OpenRAIL-M", "use-restricted", "creativeml-openrail-m"),
    ("bigscience-bloom-rail-1.0", "use-restricted", "bigscience-bloom-rail-1.0"),
    ("RAIL-M", "use-restricted", "RAIL-M"),
    ("other", "unknown", "other"),
    ("LicenseRef-acme-model", "unknown", "LicenseRef-acme-model"),
    ("cc-by-2.0", "unknown", "CC-BY-2.0"),
    ("", "unknown", ""),
])
def test_symbol_status_and_spelling(expression: str, verdict: str, normalised: str) -> None:
    result = classify(expression)
    assert (result.verdict, result.expression) == (verdict, normalised)


def test_or_takes_the_freest_part() -> None:
    assert classify("GPL-2+ or cc-by-nc-4.0").verdict == "free"
    assert classify("openrail OR cc-by-nc-4.0").verdict == "use-restricted"
    # The unknown part may be free, so the whole is not definitely non-free.
    assert classify("LicenseRef-x OR CC-BY-NC-4.0").verdict == "unknown"


def test_and_takes_the_least_free_part() -> None:
    result = classify("mit and cc-by-nc-4.0")
    assert (result.verdict, result.expression) == ("non-free", "MIT AND CC-BY-NC-4.0")
    assert "DFSG 6" in result.reason
    assert classify("GPL-3+ AND openrail").verdict == "use-restricted"
    assert classify("MIT AND LicenseRef-x").verdict == "unknown"
    assert classify("openrail AND CC-BY-ND-4.0").verdict == "non-free"


def test_nesting_and_with() -> None:
    result = classify("(MIT or BSD-3-clause) and GPL-2+ with OpenSSL exception")
    assert result.verdict == "free"
    assert result.expression == "(MIT OR BSD-3-Clause) AND GPL-2+ WITH OpenSSL exception"
    assert result.symbols == ("MIT", "BSD-3-Clause", "GPL-2+")


def test_unparsable_text_is_one_free_text_symbol() -> None:
    result = classify("Research use only,\n  no commercial use")
    assert result.verdict == "non-free"
    assert result.expression == "Research use only, no commercial use"
    assert classify("(MIT").verdict == "unknown"


def test_huge_field_is_bounded() -> None:
    assert classify("MIT " * 100_000).verdict == "unknown"


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("GPL-3+", "MIT", True),                    # both free, different licences
    ("GPL-3+", "gpl-3.0", False),               # versions are not compared
    ("Expat", "mit", False),                    # DEP-5 and SPDX names of one licence
    ("BSD-3-clause", "bsd", False),
    ("GPL-2+ or Apache-2.0", "apache-2.0", False),
    ("Apache-2.0", "cc-by-nc-4.0", True),
    ("GPL-3+", "other", False),                 # a placeholder says nothing
    ("CC-BY-4.0", "CC-BY-SA-4.0", True),
])
def test_disagree(a: str, b: str, expected: bool) -> None:
    assert disagree(classify(a), classify(b)) is expected
    assert disagree(classify(b), classify(a)) is expected


def test_family() -> None:
    assert {family(n) for n in ("GPL-3.0-or-later", "GPL-3+", "gpl-3.0", "GPL-2")} == {"gpl"}
    assert family("CC0-1.0") == "public-domain"
    assert family("LGPL-2.1+") == "lgpl"


@pytest.mark.parametrize(("text", "expected"), [
    ("MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining\n"
     "a copy of this software", "MIT"),
    ("              GNU GENERAL PUBLIC LICENSE\n                Version 3, 29 June 2007\n"
     "...convey ... only occasionally and noncommercially", "GPL-3.0"),
    ("                                 Apache License\n                           Version 2.0, "
     "January 2004", "Apache-2.0"),
    ("Attribution-NonCommercial 4.0 International\n\nCreative Commons Attribution-NonCommercial"
     " 4.0 International Public License", "CC-BY-NC-4.0"),
    ("LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023", "llama2"),
    ("Gemma Terms of Use\n\nLast modified: ...", "gemma"),
    ("CreativeML Open RAIL-M\ndated August 22, 2022", "creativeml-openrail-m"),
    ("This model may be used for research purposes only.", "research only"),
    ("# SPDX-License-Identifier: GPL-2.0-or-later OR MIT\nstuff", "GPL-2.0-or-later OR MIT"),
    ("Some licence nobody has seen.", None),
])
def test_identify_text(text: str, expected: str | None) -> None:
    assert identify_text(text) == expected


def test_spdx_identifier_line_number() -> None:
    assert spdx_identifier("#!/bin/sh\n/* SPDX-License-Identifier: MIT */\n") == ("MIT", 2)
    assert spdx_identifier("no identifier") is None
