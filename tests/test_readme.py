"""The README's quick start works as written on a fresh clone (what a newcomer tries first)."""

from __future__ import annotations

import re
import shlex

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def _block_after(marker: str) -> list[str]:
    """The lines of the first fenced block that starts with ``marker``."""
    match = re.search(r"```\n" + re.escape(marker) + r"\n(.*?)```", README, re.S)
    assert match, marker
    return match.group(1).splitlines()


def test_dev_sample_output_is_what_dev_sample_prints(cli) -> None:
    # dev/sample's last line: .venv/bin/mllint <options> "$@" <tree> || test $? -eq 2
    line = (ROOT / "dev" / "sample").read_text().strip().splitlines()[-1]
    words = shlex.split(line.partition("||")[0])
    assert words[0] == ".venv/bin/mllint"
    result = cli(*(w for w in words[1:] if w != "$@"), cwd=ROOT)
    shown = [line for line in _block_after("$ dev/sample") if line != "..."]
    assert len(shown) >= 3
    actual = result.stdout.splitlines()
    positions = [actual.index(line) for line in shown]  # ValueError: not printed
    assert positions == sorted(positions)


def test_plain_mllint_is_explained_before_it_is_used() -> None:
    blocks = re.finditer(r"```\w*\n(.*?)```", README, re.S)
    calls = [block.start(1) + call.start() for block in blocks
             for call in re.finditer(r"^(\$ )?mllint ", block.group(1), re.M)]
    assert ".venv/bin/activate" in README[:min(calls)]


def test_no_path_that_only_exists_on_the_developers_machine() -> None:
    for doc in ("README.md", "bench/README.md"):
        text = (ROOT / doc).read_text()
        assert not re.search(r"\.\./shared|/work/|devset", text), doc
