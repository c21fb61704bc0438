"""The source tree as the provenance collectors see it: the models to judge, file kinds, and
lookups from names found in code to files of the tree.

Every collector reads files through :func:`text_of`, which caps what is read; nothing is run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mllint import downloads
from mllint.index import Index, Item, Pointer
from mllint.provenance.evidence import Evidence
from mllint.provenance.tables import (
    CODE_SUFFIXES,
    DATA_SUFFIXES,
    DATA_SCRIPT_WORDS,
    NOT_DATA_WORDS,
    DATASET_LICENSES,
    PROSE_DIRS,
    PROSE_NAMES,
    PROSE_SUFFIXES,
)

if TYPE_CHECKING:
    from mllint.licenses import LicenseVerdict
    from mllint.declaration import Declaration

MAX_TEXT = 1 << 20
"""Largest text file read for evidence, in bytes (1 MiB): prose, scripts and build files are
smaller; a bigger "text" file is data, and reading it whole would cost more than it tells."""


@dataclass(slots=True)
class Source:
    """The source tree being judged. ``models`` are the items to classify; ``build_depends`` the
    package names of Build-Depends(-Arch/-Indep), restrictions ignored (a profile-restricted
    dependency still provides, ml-policy.md §1.5 (1)); ``data_license`` maps a source path to its
    licence expression (debian/copyright), or ``None`` if unknown."""

    index: Index
    models: list[Item]
    build_depends: frozenset[str] = frozenset()
    declaration: Declaration | None = None
    data_license: Callable[[str], str | None] = lambda name: None


@dataclass(slots=True)
class Collected:
    """All evidence of one source, and where the default build trains (pointer, command)."""

    evidence: list[Evidence] = field(default_factory=list)
    default_build_training: list[tuple[Pointer, str]] = field(default_factory=list)
    trainers_present: dict[str, Pointer] = field(default_factory=dict)  # tool name -> where
    base_models: dict[str, list[tuple[str, bool, Pointer]]] = field(default_factory=dict)
    checkpoints: dict[str, list[str]] = field(default_factory=dict)  # model -> unshipped
    # Licence names as debian/copyright states them for data, judged with their text (a name
    # a package coins, hmmer's The-Janelia-Farm-Software-License, is BSD by its text).
    license_verdicts: dict[str, LicenseVerdict] = field(default_factory=dict)


def is_prose(item: Item) -> bool:
    name = item.basename.lower()
    if item.name.startswith("debian/"):
        return name in ("readme.source", "readme.debian", "copyright", "readme")
    if name.startswith(("license", "licence", "copying", "changelog", "news", "authors")):
        return False
    if name in PROSE_NAMES or name.startswith("readme"):
        return True
    return item.suffix in PROSE_SUFFIXES and item.name.startswith(PROSE_DIRS)


def shebang(item: Item) -> str:
    head = item.head[:128]
    if not head.startswith(b"#!"):
        return ""
    return head.split(b"\n", 1)[0].decode("latin-1")


def is_python(item: Item) -> bool:
    return item.suffix == ".py" or "python" in shebang(item)


def is_make(item: Item) -> bool:
    return item.name == "debian/rules" or item.basename in (
        "Makefile", "makefile", "GNUmakefile", "Makefile.am", "Makefile.in") or item.suffix == ".mk"


def is_shell(item: Item) -> bool:
    bang = shebang(item)
    return item.suffix in (".sh", ".bash") or bang.endswith(("sh", "bash")) or " sh" in bang


def is_cmake(item: Item) -> bool:
    return item.basename == "CMakeLists.txt" or item.suffix == ".cmake"


def text_of(item: Item) -> str | None:
    if not item.is_file or item.size > MAX_TEXT:
        return None
    return item.text(MAX_TEXT)


class Names:
    """Lookups over the models of the source, by base name and by name."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.by_base: dict[str, list[str]] = {}
        for m in src.models:
            self.by_base.setdefault(m.basename, []).append(m.name)
        self.basenames = {item.basename for item in src.index.files()}

    def models_named(self, words: Iterable[str]) -> tuple[str, ...]:
        """Models whose base name is the last path part of one of ``words``."""
        found: list[str] = []
        for word in words:
            base = PurePosixPath(word.strip("'\"")).name
            for name in self.by_base.get(base, ()):
                if name not in found:
                    found.append(name)
        return tuple(found)

    def resolve(self, word: str, relative_to: str) -> Item | None:
        """The regular file ``word`` names, relative to the directory ``relative_to`` or to the
        root; ``None`` for anything else (absolute paths, globs, variables, directories)."""
        word = word.strip("'\"")
        if not word or word.startswith(("/", "-", "$")) or "*" in word or "://" in word:
            return None
        for base in (relative_to, ""):
            parts: list[str] = []
            for part in PurePosixPath(base + word).parts:
                if part == "..":
                    if not parts:
                        break
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            else:
                item = self.src.index.lookup("/".join(parts))
                if item is not None and item.is_file:
                    return item
        return None

    def is_data(self, item: Item) -> bool:
        """A training input: a data-like file that is neither code, nor a model, nor one of the
        configuration or vocabulary files a training script also opens."""
        base = item.basename.lower()
        return (item.suffix in DATA_SUFFIXES and item.suffix not in CODE_SUFFIXES
                and not any(w in base for w in NOT_DATA_WORDS)
                and item.model is None and not item.name.startswith("debian/"))


def dataset_license(name: str) -> str | None:
    return DATASET_LICENSES.get(name.strip().lower())


def is_data_script(item: Item) -> bool:
    """A script named for fetching data (``download_data.sh``, ``get_corpus.py``)."""
    return any(w in item.basename.lower() for w in DATA_SCRIPT_WORDS)


def dataset_fetches(item: Item, targets: tuple[str, ...], via: str) -> list[Evidence]:
    """The dataset downloads of a script or build file as retrieval recipes (E3), found by the
    downloads analyser (its kind ``dataset``); ``targets``/``via`` attribute them as the
    training code in the same file is attributed."""
    language = downloads.language_of(item.name, item.head)
    text = text_of(item) if language in ("python", "shell", "make", "cmake") else None
    if language is None or text is None:
        return []
    return [Evidence("data", 3, "data-download", item.pointer(f.line), targets, via,
                     detail=f.identifier or f.function, external=True,
                     license=dataset_license(f.identifier))
            for f in downloads.analyse(language, text) if f.kind == "dataset"]
