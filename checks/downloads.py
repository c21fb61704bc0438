"""Model downloads at build time, install time and run time (model-formats.md §7, tags.md
"Downloads").

Owns: runtime-downloads-ml-model, runtime-downloads-ml-model-without-integrity-check,
runtime-executes-remote-model-code, maintainer-script-downloads-ml-model,
build-downloads-ml-model, ml-model-runtime-download-endpoint.

Reads the text of code, build files, manifests and maintainer scripts through the analysers in
:mod:`mllint.downloads` (parsed, never run), a bounded strings prefix of ELF files, and the
constant pools of the classes in installed jars.

Where a finding counts (a check cannot lower a tag's severity, so "lower" means that only the
classification ``ml-model-runtime-download-endpoint`` is emitted):
- ``debian/rules`` targets reached by the build, and upstream build files (CMake, meson,
  autotools, Makefiles) or scripts they or ``debian/rules`` run: ``build-downloads-ml-model``,
  unless a Debian switch in ``debian/rules`` turns the enclosing ``if`` off
  (``-DDOWNLOAD_MODELS=OFF``, ``--disable-model-download``) or the pinned file is already in
  the source (the helper then verifies it and does not fetch): those are lowered.
- maintainer scripts (``postinst``, ``preinst``, ``config``, and ``debian/*.postinst`` in a
  source): ``maintainer-script-downloads-ml-model``.
- other shipped code and configuration: ``runtime-downloads-ml-model``, plus
  ``…-without-integrity-check`` when nothing pins it and ``runtime-executes-remote-model-code``
  for ``trust_remote_code=True``.
- lowered: documentation, tests, examples, demos, notebooks and CI configuration (:data:`LOWERED_DIRS`,
  :data:`LOWERED_SUFFIXES`), ``usr/share/doc``, and the libraries whose job is to provide the
  download API (:data:`PROVIDERS`): they are not themselves downloading a model.
Dataset fetches are not model downloads and raise nothing here (the provenance check uses them).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import PurePosixPath

from mllint import lazy
from mllint.check import Check
from mllint.downloads import Finding, analyse, language_of, make
from mllint.index import Item, Pointer

downloads_elf = lazy.module("mllint.downloads.elf")  # read only when an installed file is met
downloads_jar = lazy.module("mllint.downloads.jar")

LOWERED_DIRS = frozenset({"doc", "docs", "documentation", "test", "tests", "testing", "testsuite",
                          "example", "examples", "demo", "demos", "sample", "samples",
                          "notebook", "notebooks", "tutorial", "tutorials", "benchmark",
                          "benchmarks", ".github", ".circleci", ".gitlab", ".ci", "ci"})
LOWERED_SUFFIXES = frozenset({".md", ".rst", ".txt", ".ipynb", ".html", ".tex"})
LOWERED_NAMES = frozenset({".gitlab-ci.yml", ".travis.yml", "azure-pipelines.yml",
                           "appveyor.yml", ".cirrus.yml", "jenkinsfile", "conftest.py"})
# Python packages whose job is the download API itself (model-formats.md §7 "False positives").
PROVIDERS = frozenset({"huggingface_hub", "pooch", "nltk", "transformers", "diffusers", "timm",
                       "torchvision", "torch", "keras", "tf_keras", "tensorflow_hub", "kagglehub",
                       "gensim", "spacy", "stanza", "modelscope", "sentence_transformers",
                       "open_clip", "datasets", "torchaudio", "fasttext", "keras_applications",
                       # Java package: OpenNLP 2.x fetches the model its caller names by language
                       # (new TokenizerME("en") -> DownloadUtil), as torchvision does for weights=.
                       "opennlp"})
# Scripts that run at install time. The ``triggers`` control file only declares interest; what
# runs when a trigger fires is ``postinst triggered``, so scanning postinst covers triggers too.
MAINTAINER_SCRIPTS = frozenset({"preinst", "postinst", "config"})
BUILD_LANGUAGES = frozenset({"cmake", "meson", "autotools", "make"})
# A source file of these languages named by a build file is compiled there, not run: its
# fetches happen when the program runs (leela-zero: CMakeLists.txt lists autogtp's Management.cpp).
# Cargo runs build.rs at build time, so it stays a script.
COMPILED_LANGUAGES = frozenset({"c", "cpp", "go", "rust", "java"})
# Switches on the debian/rules command lines: -DX=OFF, -Dx=false|disabled, --disable-x, --without-x.
SWITCH_D = re.compile(r"-D\s*([A-Za-z_][A-Za-z0-9_]*)(?::\w+)?=(\S+)")
SWITCH_AC = re.compile(r"--(enable|disable|with|without)-([A-Za-z0-9_-]+)(?:=(\S+))?")
OFF_VALUES = frozenset({"off", "no", "false", "0", "n", "disabled"})
NAME_PREFIXES = ("enable", "with", "use")


def _file_findings(item: Item, skip: frozenset[str] = frozenset()
                   ) -> tuple[str, list[Finding]] | None:
    """The analyser language of a file and its model downloads; ``None`` for files no analyser
    reads, or whose language is in ``skip``. Depends on the file alone: a file fact of source
    trees (mllint.check.Check.file_facts)."""
    if not item.is_file:
        return None
    language = language_of(item.name, item.head)
    if language is None or language in skip:
        return None
    text = item.text()
    if text is None:
        return language, []
    if item.name == "debian/rules":  # every target, reached or not: source() tells them apart
        return language, [f for f in make.analyse(text, reached_only=False) if f.is_model]
    return language, [f for f in analyse(language, text, item.python_ast) if f.is_model]


class Downloads(Check):
    """Model fetches at build, install and run time."""

    file_facts = {"downloads": _file_findings}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._emitted: set[tuple[str, str, Pointer]] = set()
        self._found: list[tuple[Item, str, list[Finding]]] = []
        self._build_items: list[Item] = []

    # Source packages: collect, then decide in source() once debian/rules is known.
    def visit_patched_files(self, item: Item) -> None:
        found = item.fact("downloads", _file_findings)
        if found is None:
            return
        language, findings = found
        if language in BUILD_LANGUAGES:
            self._build_items.append(item)
        if findings:
            self._found.append((item, language, findings))

    def source(self) -> None:
        rules = self.processable.patched.lookup("debian/rules") if self.processable.patched else None
        rules_text = (rules.text() or "") if rules is not None else ""
        switches = _switches(rules_text)
        shipped = {i.basename for i in self.processable.patched.files()} \
            if self.processable.patched else set()
        build_text = "\n".join(t for i in self._build_items if (t := i.text()) is not None)
        for item, language, findings in self._found:
            if item.name == "debian/rules":
                reached = set(analyse("make", rules_text))
                for finding in findings:
                    if finding in reached:
                        self._build(item, finding)
                    else:
                        self._endpoint(item, finding)
            elif _is_maintainer_script(item.name):
                for finding in findings:
                    self._maintainer(item, finding)
            elif _lowered(item.name) or _provider(item.name):
                for finding in findings:
                    self._endpoint(item, finding)
            elif language in BUILD_LANGUAGES:
                for finding in findings:
                    if _disabled(finding, switches) or (finding.pinned and _target(finding) in shipped):
                        self._endpoint(item, finding)
                    else:
                        self._build(item, finding)
            elif (language not in COMPILED_LANGUAGES or item.basename == "build.rs") and (
                    _mentioned(item.basename, rules_text) or _mentioned(item.basename, build_text)):
                for finding in findings:
                    self._build(item, finding)
            elif language == "manifest":
                self._manifest(item, findings, shipped)
            else:
                for finding in findings:
                    self._runtime(item, finding)

    # Binary packages: decide per item.
    def visit_installed_files(self, item: Item) -> None:
        if not item.is_file:
            return
        if item.head.startswith(b"\x7fELF"):
            for finding in downloads_elf.analyse(item.path, item.size):
                self._runtime(item, finding)
            return
        if item.name.endswith(".jar") and item.head.startswith(b"PK\x03\x04"):
            for finding in downloads_jar.analyse(item.path):
                # A class's package path counts as a Python file's directories do.
                where = f"{item.name}/{finding.function.replace('.', '/')}"
                if item.name.startswith("usr/share/doc/") or _lowered(where) or _provider(where):
                    self._endpoint(item, finding)
                else:
                    self._runtime(item, finding)
            return
        # Installed CMake/make files are build helpers, not run-time code: not even analysed.
        found = _file_findings(item, skip=BUILD_LANGUAGES)
        if found is None or not found[1]:
            return
        language, findings = found
        if item.name.startswith("usr/share/doc/") or _lowered(item.name) or _provider(item.name):
            for finding in findings:
                self._endpoint(item, finding)
        elif language == "manifest":
            self._manifest(item, findings, self._installed_names)
        else:
            for finding in findings:
                self._runtime(item, finding)

    def visit_control_files(self, item: Item) -> None:
        if not item.is_file or item.name not in MAINTAINER_SCRIPTS:
            return
        text = item.text()
        if text is None:
            return
        for finding in analyse("shell", text):
            if finding.is_model:
                self._maintainer(item, finding)

    # Emission.
    def _hint(self, tag: str, pointer: Pointer, *notes: str) -> None:
        note = " ".join(n for n in notes if n)
        if (tag, note, pointer) not in self._emitted:
            self._emitted.add((tag, note, pointer))
            self.pointed_hint(tag, pointer, note)

    def _endpoint(self, item: Item, finding: Finding) -> None:
        if finding.endpoint:
            self._hint("ml-model-runtime-download-endpoint", item.pointer(finding.line),
                       _clean(finding.endpoint))

    def _runtime(self, item: Item, finding: Finding) -> None:
        if finding.listed:  # counted at the first entry of its fetch
            return self._endpoint(item, finding)
        where = item.pointer(finding.line)
        self._hint("runtime-downloads-ml-model", where, *_note(finding),
                   f"guarded-by={finding.guard}" if finding.guard else "")
        if not finding.pinned:
            self._hint("runtime-downloads-ml-model-without-integrity-check", where, *_note(finding))
        if finding.remote_code:
            self._hint("runtime-executes-remote-model-code", where, *_note(finding))
        self._endpoint(item, finding)

    def _build(self, item: Item, finding: Finding) -> None:
        if finding.listed:
            return self._endpoint(item, finding)
        self._hint("build-downloads-ml-model", item.pointer(finding.line), *_note(finding))
        self._endpoint(item, finding)

    def _maintainer(self, item: Item, finding: Finding) -> None:
        if finding.listed:
            return self._endpoint(item, finding)
        self._hint("maintainer-script-downloads-ml-model", item.pointer(finding.line),
                   *_note(finding))
        self._endpoint(item, finding)

    @cached_property
    def _installed_names(self) -> set[str]:
        """Base names of the binary package's files: the models its manifests may name."""
        installed = self.processable.installed
        return {i.basename for i in installed.files()} if installed is not None else set()

    def _manifest(self, item: Item, findings: list[Finding], shipped: set[str]) -> None:
        """A manifest entry is a download only if the model file it names is not shipped."""
        for finding in findings:
            if PurePosixPath(finding.target).name in shipped:
                self._endpoint(item, finding)
            else:
                self._runtime(item, finding)


def _note(finding: Finding) -> tuple[str, str]:
    return finding.function, _clean(finding.identifier)


def _clean(text: str) -> str:
    """Notes never contain ``[`` (it opens the pointer); URL-encode brackets."""
    return text.replace("[", "%5B").replace("]", "%5D")


def _parts(name: str) -> list[str]:
    return [p.lower() for p in PurePosixPath(name).parts]


def _lowered(name: str) -> bool:
    parts = _parts(name)
    documentation = PurePosixPath(name).suffix.lower() in LOWERED_SUFFIXES \
        and parts[-1] != "cmakelists.txt"
    return bool(set(parts[:-1]) & LOWERED_DIRS) or documentation or parts[-1] in LOWERED_NAMES \
        or parts[-1].startswith("test_")


def _provider(name: str) -> bool:
    return bool(set(_parts(name)[:-1]) & PROVIDERS)


def _is_maintainer_script(name: str) -> bool:
    path = PurePosixPath(name)
    return name.startswith("debian/") and len(path.parts) == 2 and (
        path.name in MAINTAINER_SCRIPTS or path.suffix.lstrip(".") in MAINTAINER_SCRIPTS)


def _mentioned(basename: str, text: str) -> bool:
    return bool(text) and re.search(r"(?<![\w.-])" + re.escape(basename) + r"(?![\w.-])",
                                    text) is not None


def _target(finding: Finding) -> str:
    """The file name a build download writes, as named by its URL."""
    return finding.identifier.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _normalise(name: str) -> str:
    flat = re.sub(r"[^a-z0-9]", "", name.lower())
    for prefix in NAME_PREFIXES:
        if flat.startswith(prefix) and len(flat) > len(prefix):
            return flat[len(prefix):]
    return flat


def _switches(rules: str) -> dict[str, bool]:
    """Build switches set in ``debian/rules``: normalised name -> on?"""
    switches: dict[str, bool] = {}
    for name, value in SWITCH_D.findall(rules):
        switches[_normalise(name)] = value.strip("'\"").lower() not in OFF_VALUES
    for verb, name, value in SWITCH_AC.findall(rules):
        on = verb in ("enable", "with") and (value or "yes").lower() not in OFF_VALUES
        switches[_normalise(name)] = on
    return switches


def _disabled(finding: Finding, switches: dict[str, bool]) -> bool:
    """A condition around the download is a variable that debian/rules switches off
    (or, for ``NOT X``, on)."""
    for condition in finding.conditions:
        negated = condition.startswith("!")
        state = switches.get(_normalise(condition.lstrip("!")))
        if state is not None and state == negated:
            return True
    return False
