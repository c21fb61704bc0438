"""What the paths and commands of a ``debian/ml-models`` stanza point at, looked up in the source.

A declaration points; it does not vouch (ml-policy.md §6). A field that names a source path
(``Training-Code``, a local ``Training-Data`` location, a ``Generated-By`` script) or a
``Retrain-Command`` that runs a ``debian/rules`` target or a script of the source counts as
evidence only when that path or target exists: otherwise the ml-models-file check reports it as
``debian-ml-models-file-not-found`` and the provenance collectors give it no level. Both read
these functions, so the tag and the missing credit always go together.

Locations that are not source paths (URLs, ``<url>@<commit>``, ``pkg:deb/debian/<pkg>``,
absolute paths outside the tree) cannot be looked up here and are left to the field's own rule.
Nothing named is run: ``debian/rules`` is read with :mod:`mllint.provenance.makefile`.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass
from functools import lru_cache

from mllint import lazy
from mllint.copyright import compile_glob
from mllint.declaration import Stanza
from mllint.index import Index, Item
from mllint.provenance.tree import text_of

makefile = lazy.module("mllint.provenance.makefile")

RULES = "debian/rules"
# Words that run the command after them (or set its environment) in a Retrain-Command.
_WRAPPERS = frozenset({"fakeroot", "env", "nice", "time", "sudo", "exec"})
# make and dpkg-buildpackage options whose value is the next word (GNU make manual, "Options
# Summary"; dpkg-buildpackage(1)).
_MAKE_VALUE_OPTIONS = frozenset({"-f", "--file", "--makefile", "-C", "--directory", "-I",
                                 "--include-dir", "-o", "--old-file", "-W", "--what-if"})
_PYTHON = re.compile(r"^python[0-9.]*$")
_SEPARATORS = re.compile(r"&&|\|\||;|\|")


def source_path(location: str) -> str | None:
    """The source path ``location`` names, normalised (``./tools/`` -> ``tools``), or ``None``
    when it is no source path: a URL, ``<url>@<commit>`` or ``host:path``, a purl, or an
    absolute or home path (outside the source tree, not checkable here). A path climbing out
    of the tree (``../x``) is returned as written normalised, and is never found."""
    text = location.strip().strip("'\"")
    if not text or "://" in text or "@" in text or text.startswith(("/", "~", "$", "pkg:")):
        return None
    if ":" in text.split("/", 1)[0]:  # scp-style host:path, or another scheme
        return None
    return posixpath.normpath(text)


def find(index: Index, path: str) -> Item | None:
    """The item a normalised source path names (a file, a directory or a link), or for a DEP-5
    glob the first file it matches; ``None`` when nothing is there."""
    if path.startswith(".."):
        return None
    if not any(c in path for c in "*?"):
        return index.lookup(path)
    pattern = compile_glob(path)
    if pattern is None:
        return None
    return next((i for i in index if not i.is_dir and pattern.fullmatch(i.name)), None)


def missing_path(index: Index, location: str | None) -> bool:
    """Does ``location`` name a source path that is not in the tree?"""
    path = source_path(location or "")
    return path is not None and find(index, path) is None


# The targets Debian Policy §4.9 requires of debian/rules; dh's catch-all ``%:`` rule provides
# them (dh has a sequence for each).
_REQUIRED_TARGETS = frozenset({"clean", "build", "build-arch", "build-indep", "binary",
                               "binary-arch", "binary-indep"})


@lru_cache(maxsize=8)
def _rules_targets(rules: Item) -> frozenset[str]:
    """Targets debian/rules has (variables expanded; cached per item: every model a stanza
    covers asks again). A pattern rule such as dh's ``%:`` adds only Policy's required targets:
    ``debian/rules retrain`` with only ``%: dh $@`` runs ``dh retrain``, which is no sequence."""
    text = text_of(rules)
    if text is None:
        return frozenset()
    mk = makefile.parse(text)
    targets = {t for r in mk.rules for t in (mk.expand(w) for w in r.targets)}
    if "%" in targets:
        targets |= _REQUIRED_TARGETS
    return frozenset(t for t in targets if "%" not in t)


def _words(command: str) -> list[str]:
    try:
        return shlex.split(command, comments=True)
    except ValueError:  # unbalanced quotes: fall back to whitespace
        return command.split()


def _rules_goals(words: list[str]) -> list[str] | None:
    """The targets a command asks of debian/rules, or ``None`` when it does not run it.
    ``debian/rules T``, ``make -f debian/rules T`` and ``dpkg-buildpackage --rules-target=T``
    (or ``-T T``) run it; assignments (``EPOCHS=3``) and options are not targets."""
    if not words:
        return None
    program = posixpath.normpath(words[0])
    if program == RULES:
        return [w for w in words[1:] if not w.startswith("-") and "=" not in w]
    if posixpath.basename(program) == "dpkg-buildpackage":
        goals = []
        for i, word in enumerate(words):
            if word.startswith("--rules-target="):
                goals.append(word.partition("=")[2])
            elif word in ("-T", "--rules-target") and i + 1 < len(words):
                goals.append(words[i + 1])
        return goals or None
    if posixpath.basename(program) not in ("make", "gmake", "$(MAKE)"):
        return None
    goals, makefile_, skip = [], "", False
    for i, word in enumerate(words[1:], 1):
        if skip:
            skip = False
        elif word in _MAKE_VALUE_OPTIONS:
            skip = True
            if word in ("-f", "--file", "--makefile") and i + 1 < len(words):
                makefile_ = words[i + 1]
        elif word.startswith(("--file=", "--makefile=")):
            makefile_ = word.partition("=")[2]
        elif word.startswith("-f") and len(word) > 2:
            makefile_ = word[2:]
        elif not word.startswith("-") and "=" not in word:
            goals.append(word)
    return goals if makefile_ and posixpath.normpath(makefile_) == RULES else None


def _script(words: list[str]) -> str:
    """The script of the source a command runs: the program itself when written as a relative
    path (``tools/retrain.sh``), or the script after an interpreter (``python3 tools/train.py``,
    ``sh debian/retrain.sh``); ``""`` for a program found on PATH."""
    if not words:
        return ""
    program = words[0]
    if _PYTHON.match(program) or program in ("sh", "bash", "perl"):
        program = next((w for w in words[1:] if not w.startswith("-")), "")
        return program if source_path(program) is not None else ""
    return program if "/" in program and source_path(program) is not None else ""


def retrain_problem(index: Index, command: str) -> str | None:
    """Why ``Retrain-Command`` ``command`` cannot run as declared, or ``None``. Each command of
    it (split at ``;``, ``&&``, ``||``, ``|``) that runs a debian/rules target needs debian/rules
    and that target; one that runs a script of the source needs the script. A command mllint
    cannot follow (a program on PATH) is no problem: it still counts only on a complete chain.
    A target defined in a file debian/rules includes is not seen (it would be reported)."""
    for part in _SEPARATORS.split(command):
        words = _words(part)
        while words and (words[0] in _WRAPPERS or re.fullmatch(r"[A-Za-z_]\w*=.*", words[0])):
            words = words[1:]
        goals = _rules_goals(words)
        if goals is not None:
            rules = index.lookup(RULES)
            if rules is None or not rules.is_file:
                return f"no {RULES}"
            if not goals:
                return f"no target named, only the default build of {RULES}"
            targets = _rules_targets(rules)
            missing = [g for g in goals if g not in targets]
            if missing:
                return f"no target {' '.join(missing)} in {RULES}"
        elif (script := _script(words)) and missing_path(index, script):
            return f"no {source_path(script)} in the source"
    return None


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A field line whose path or command names nothing in the source: the note of
    ``debian-ml-models-file-not-found`` (``Field value``, and for a command why) and its
    1-based line in debian/ml-models."""

    line: int
    note: str


def unresolved(stanza: Stanza, index: Index) -> list[Unresolved]:
    """Every pointer of ``stanza`` that names a source path or debian/rules target not there.
    ``Generated-By`` is checked only when its first word is a path (it may name a tool);
    ``Base-Model`` is not: a base model without source is already reported, and its location
    is often a hub id that looks like a path."""
    found: list[Unresolved] = []
    for entry in stanza.training_data:
        if missing_path(index, entry.location):
            found.append(Unresolved(entry.line, f"Training-Data {entry.location}"))
    for entry in stanza.training_code:
        if missing_path(index, entry.location):
            found.append(Unresolved(entry.line, f"Training-Code {entry.location}"))
    generated = generated_path(stanza)
    if generated is not None and missing_path(index, generated):
        found.append(Unresolved(stanza.line_of("Generated-By"), f"Generated-By {generated}"))
    command = stanza.retrain_command
    problem = retrain_problem(index, command) if command else None
    if problem is not None:
        found.append(Unresolved(stanza.line_of("Retrain-Command"),
                                f"Retrain-Command {' '.join(command.split())} ({problem})"))
    return found


def generated_path(stanza: Stanza) -> str | None:
    """The first word of ``Generated-By`` when it is written as a path (has a ``/``), else
    ``None``: ``tf2onnx`` names a tool, ``tools/export.py`` a file of the source."""
    words = (stanza.generated_by or "").split()
    return words[0] if words and "/" in words[0] else None
