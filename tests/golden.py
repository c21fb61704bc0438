"""Golden test packages: ``testdata/<case>/{desc,hints,tree/}`` (lintian's ``t/recipes`` idea).

``desc`` is deb822: ``Testname``, ``Check``, ``Description``, and optionally ``Test-Against``
(tags that must not appear), ``Options`` (extra arguments), ``Input`` (path relative to the case,
default ``tree``), ``Exit`` (expected status). ``hints`` holds the expected universal output of
``mllint --exp-output format=universal -L '>=classification' -E [Options] <Input>``. Optional
``ewi`` and ``json`` files hold expected outputs for ``EWI-Options`` / ``JSON-Options``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from debian.deb822 import Deb822

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
HINT = re.compile(r"^(\S+) \(([^)]+)\): (\S+)(?: (.*))?$")


@dataclass
class Case:
    dir: Path
    name: str
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def input(self) -> str:
        return self.fields.get("input", "tree")

    @property
    def options(self) -> list[str]:
        return self.fields.get("options", "").split()

    @property
    def test_against(self) -> set[str]:
        return set(self.fields.get("test-against", "").replace(",", " ").split())

    @property
    def expected(self) -> list[str]:
        return (self.dir / "hints").read_text(encoding="utf-8").splitlines()


def cases() -> list[Case]:
    found = []
    for desc in sorted(TESTDATA.glob("*/desc")):
        with desc.open(encoding="utf-8") as f:
            fields = {k.lower(): v.strip() for k, v in Deb822(f).items()}
        found.append(Case(desc.parent, fields.get("testname", desc.parent.name), fields))
    return found


def tags_in(lines: list[str]) -> set[str]:
    return {m.group(3) for line in lines if (m := HINT.match(line))}
