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

# Shell variables configure sets from --enable-X / --with-X; a test of one guards a fetch.
AC_SWITCH_VAR = re.compile(r"\$\{?((?:enable|with)_\w+)")
AC_OPEN = re.compile(r"^\s*(AS_IF\(|if\s)")
AC_CLOSE = re.compile(r"^\s*(fi\b|\]\s*\)|\))")
MESON_LIST = re.compile(r"(?:run_command\s*\(|command\s*:\s*\[)([^\])]*)")
MESON_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'")


def analyse_meson(text: str) -> list[Finding]:
    """``run_command(…)`` and ``command : […]`` lists that run a fetch tool; a list may span
    lines, and the finding's line is where it starts."""
    code = "\n".join(_meson_code(text))
    findings: list[Finding] = []
    for match in MESON_LIST.finditer(code):
        words = MESON_STRING.findall(match.group(1))
        number = code.count("\n", 0, match.start()) + 1
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
    """Fetch commands in ``configure.ac``; ``conditions`` are the ``enable_*``/``with_*``
    variables tested by the ``if``/``AS_IF`` the command is in (or on its own line)."""
    findings: list[Finding] = []
    guards: list[list[str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = re.sub(r"\bdnl\b.*$", "", raw)
        if AC_OPEN.match(line):
            guards.append(AC_SWITCH_VAR.findall(line))
        elif AC_CLOSE.match(line) and guards:
            guards.pop()
        conditions = tuple(dict.fromkeys(
            [n for g in guards for n in g] + AC_SWITCH_VAR.findall(line)))
        line = line.replace("[", " ").replace("]", " ")
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue
        for i, word in enumerate(words):
            if word.rsplit("/", 1)[-1] in FETCH_TOOLS or word in ("git", "huggingface-cli"):
                findings.extend(Finding(kind, tool, ident, number, conditions=conditions)
                                for kind, tool, ident in command_fetches(words[i:]))
                break
    return findings
