"""Trainer and converter invocations in shell command lines (recipes, scripts, CMake COMMANDs).

A program counts only where it is run: as the first word of a command (after ``;``, ``&&``,
``|``, ``then``, ``COMMAND``, an environment assignment ...), never because its name appears in
prose or in a file list. ``python3 train.py`` counts as running ``train.py``.
"""

from __future__ import annotations

import re
import shlex
from pathlib import PurePosixPath
from typing import NamedTuple

from mllint.provenance.tables import TOOLS, Tool

# Words after which the next word is a command.
_COMMAND_START = frozenset({
    ";", "&&", "||", "|", "(", "`", "$(", "then", "do", "else", "COMMAND", "exec", "time", "nice",
    "xargs", "env", "sudo", "fakeroot", "!", "{", "shell",
})
_PYTHON = re.compile(r"^python[0-9.]*$")
# "$(" starts a command substitution only when a space follows before ")": "$(VAR)" is make's
# variable reference and must stay one word.
_SEPARATORS = re.compile(r"(;|&&|\|\||\||`|\$\((?=[^)]*\s)|(?<!\$)\(|(?<=\s)\))")


class Invocation(NamedTuple):
    """A run of ``tool`` (``None`` for a script) or of the script ``script`` (as written);
    ``args`` are the words after it on the same command."""

    tool: Tool | None
    script: str
    args: tuple[str, ...]


def _words(line: str) -> list[str]:
    spaced = _SEPARATORS.sub(r" \1 ", line)
    try:
        return shlex.split(spaced, comments=True)
    except ValueError:  # unbalanced quotes: fall back to whitespace
        return spaced.split()


def invocations(line: str) -> list[Invocation]:
    """Every trainer/converter or Python script run by the shell command ``line``."""
    words = _words(line)
    found: list[Invocation] = []
    start = True
    for i, word in enumerate(words):
        if start and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", word):
            continue  # VAR=value before a command keeps the command position
        if start:
            # a ")" glued to the last argument closes a subshell, not part of a file name
            rest = tuple(w.rstrip(")") if "(" not in w else w for w in words[i + 1:])
            rest = rest[:next((k for k, w in enumerate(rest) if w in _COMMAND_START), len(rest))]
            name = PurePosixPath(word).name
            tool = TOOLS.get(name)
            if tool is not None and (not tool.needs or set(tool.needs.split("|")) & set(rest)):
                found.append(Invocation(tool, "", rest))
            elif _PYTHON.match(name) and rest:
                script = next((w for w in rest if not w.startswith("-")), "")
                if script.endswith(".py"):
                    found.append(Invocation(None, script, rest))
            elif word.endswith(".py") and "/" in word:  # ./train.py run directly
                found.append(Invocation(None, word, rest))
        start = word in _COMMAND_START
    return found
