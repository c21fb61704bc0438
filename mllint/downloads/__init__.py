"""Find code that fetches models at build time, install time and run time (model-formats.md §7).

Each analyser takes the text of one file and returns :class:`Finding` records; none of them
runs, imports or follows what it reads. :func:`language_of` picks the analyser from the file
name (and a shebang); :func:`analyse` runs it. Deciding what a finding means for a package
(build, maintainer script, run time, documentation) is the ``downloads`` check's job.

Dataset fetches are returned too, as kind ``"dataset"``: they are training-data evidence for the
provenance check, never model downloads.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from mllint import lazy
from mllint.downloads.finding import Finding, Kind

# Each analyser module is executed when a file of its language is first met: a tree without
# code (a directory of models) never pays for their patterns.
buildtext, cmake, literals, make, manifest, python, shell = (
    lazy.module(f"{__name__}.{name}")
    for name in ("buildtext", "cmake", "literals", "make", "manifest", "python", "shell"))

__all__ = ["Finding", "Kind", "analyse", "language_of"]

MAINTAINER_SCRIPTS = frozenset({"preinst", "postinst", "prerm", "postrm", "config"})
SUFFIXES: dict[str, str] = {
    ".py": "python", ".sh": "shell", ".bash": "shell", ".mk": "make", ".cmake": "cmake",
    ".c": "c", ".h": "c", ".cc": "cpp", ".cpp": "cpp", ".cxx": "cpp", ".hpp": "cpp",
    ".hh": "cpp", ".hxx": "cpp", ".go": "go", ".rs": "rust", ".js": "javascript",
    ".mjs": "javascript", ".cjs": "javascript", ".java": "java", ".r": "r",
    ".conf": "manifest", ".ini": "manifest", ".cfg": "manifest", ".yml": "manifest",
    ".yaml": "manifest",
}
NAMES: dict[str, str] = {
    "makefile": "make", "gnumakefile": "make", "makefile.am": "make", "cmakelists.txt": "cmake",
    "meson.build": "meson", "configure.ac": "autotools", "configure.in": "autotools",
}


def language_of(name: str, head: bytes = b"") -> str | None:
    """The analyser for a file: ``python``, ``shell``, ``make``, ``cmake``, ``meson``,
    ``autotools``, ``c``, ``cpp``, ``go``, ``rust``, ``javascript``, ``java``, ``r``,
    ``manifest``; ``None`` for anything else (including generated ``configure`` scripts)."""
    # String operations, not PurePosixPath: this runs for every file of the tree, and pathlib
    # was a third of a 50,000-file run (bench/many_files.py).
    name_base = name.rpartition("/")[2]
    base = name_base.lower()
    if name == "debian/rules":
        return "make"
    if base in NAMES:
        return NAMES[base]
    dot = name_base.rfind(".")
    suffix = name_base[dot:] if 0 < dot < len(name_base) - 1 else ""  # pathlib's .suffix
    if base in MAINTAINER_SCRIPTS or (name.startswith("debian/") and
                                      suffix[1:] in MAINTAINER_SCRIPTS):
        return "shell"
    if suffix.lower() in SUFFIXES:
        return SUFFIXES[suffix.lower()]
    if head.startswith(b"#!"):
        first = head.split(b"\n", 1)[0]
        if b"python" in first:
            return "python"
        if any(s in first for s in (b"/sh", b"bash", b"dash", b"env sh")):
            return "shell"
        if b"make" in first:
            return "make"
    return None


def analyse(language: str, text: str, parsed: Callable[[], ast.Module | None] | None = None,
            ) -> list[Finding]:
    """All findings of one file's text, sorted by line. Manifests give their records' findings
    (each with the model file it names as ``target``). ``parsed``
    shares an already parsed Python syntax tree (see :func:`python.analyse`)."""
    if language == "python":
        found = python.analyse(text, parsed)
    elif language == "shell":
        found = shell.analyse(text)
    elif language == "make":
        found = make.analyse(text)
    elif language == "cmake":
        found = cmake.analyse(text)
    elif language == "meson":
        found = buildtext.analyse_meson(text)
    elif language == "autotools":
        found = buildtext.analyse_autoconf(text)
    elif language == "manifest":
        found = manifest.analyse(text)
    elif language in ("c", "cpp", "go", "rust", "javascript", "java", "r"):
        found = literals.analyse(language, text)
    else:
        raise ValueError(f"no download analyser for {language!r}")
    if len(found) < 2:  # most files: nothing to order
        return found
    return sorted(found, key=lambda f: (f.line, f.function, f.identifier))
