"""meson and autoconf: fetch commands, read with a small tokenizer.

There is no meson grammar on PyPI, and ``configure.ac`` is m4 wrapped around shell, which neither
the bash nor the autoconf grammar (0.0.x, immature) parses reliably. So: comments are dropped
(``#`` outside quotes; ``dnl`` in m4), m4 quote brackets are removed, and a line whose first
word after that is a fetch tool, or a meson ``run_command``/``command :`` list, is handed to
:func:`mllint.downloads.shell.command_fetches` as a word list.
"""

from __future__ import annotations

import re
import shlex

from mllint.downloads.finding import Finding
from mllint.downloads.patterns import FETCH_TOOLS
from mllint.downloads.shell import command_fetches

MESON_LIST = re.compile(r"(?:run_command\s*\(|command\s*:\s*\[)([^\])]*)")
MESON_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'")


def analyse_meson(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for number, line in enumerate(_meson_code(text), 1):
        for match in MESON_LIST.finditer(line):
            words = MESON_STRING.findall(match.group(1))
            if words:
                findings.extend(Finding(kind, tool, ident, number)
                                for kind, tool, ident in command_fetches(words))
    return findings


def _meson_code(text: str) -> list[str]:
    """Lines without ``#`` comments (meson strings are single-quoted)."""
    out = []
    for line in text.splitlines():
        quote = False
        for i, ch in enumerate(line):
            if ch == "'":
                quote = not quote
            elif ch == "#" and not quote:
                line = line[:i]
                break
        out.append(line)
    return out


def analyse_autoconf(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = re.sub(r"\bdnl\b.*$", "", raw)
        line = line.replace("[", " ").replace("]", " ")
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue
        for i, word in enumerate(words):
            if word.rsplit("/", 1)[-1] in FETCH_TOOLS or word in ("git", "huggingface-cli"):
                findings.extend(Finding(kind, tool, ident, number)
                                for kind, tool, ident in command_fetches(words[i:]))
                break
    return findings
