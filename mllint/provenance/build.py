"""Training in build files and scripts: trainer and converter runs (P2/P3), the data they read
(E4), opt-in retraining hooks in ``debian/rules`` (P4) and training in the default build.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mllint import lazy
from mllint.index import Item
from mllint.provenance.commands import Invocation, invocations
from mllint.provenance.evidence import Evidence
from mllint.provenance.tables import HOOK_TARGETS, PROFILE_WORDS
from mllint.provenance.tree import (
    Collected,
    Names,
    Source,
    dataset_fetches,
    is_data_script,
    is_make,
    text_of,
)

makefile = lazy.module("mllint.provenance.makefile")
pyscan = lazy.module("mllint.provenance.pyscan")


def _commands(item: Item, text: str) -> list[tuple[int, str, makefile.Rule | None,
                                                   makefile.Makefile | None]]:
    """(line, command text, rule, makefile) for every command line of a build file."""
    if is_make(item):
        mk = makefile.parse(text)
        lines: list[tuple[int, str, makefile.Rule | None, makefile.Makefile | None]] = []
        for rule in mk.rules:
            targets = tuple(mk.expand(t) for t in rule.targets)
            prereqs = tuple(mk.expand(p) for p in rule.prereqs)
            for number, body, _ in rule.recipe:
                lines.append((number, mk.expand(body, targets[0] if targets else "", prereqs),
                              rule, mk))
        return lines
    return [(n, line, None, None) for n, line in makefile.logical_lines(text)]


def build_file(item: Item, names: Names, python: dict[str, pyscan.PyFacts], src: Source,
                out: Collected) -> None:
    """Trainer and converter runs of one build file or script, and its dataset downloads when
    it trains or is named as a data download script (a demo's fetch is not the model's data)."""
    text = text_of(item)
    if text is None:
        return
    trains = False
    for number, line, rule, mk in _commands(item, text):
        for inv in invocations(line):
            trains = _invocation(item, number, inv, rule, mk, names, python, src, out) or trains
    if trains or is_data_script(item):
        out.evidence += dataset_fetches(item, (), "")


def _training_script(inv: Invocation, item: Item, names: Names,
                     python: dict[str, pyscan.PyFacts]) -> Item | None:
    """The Python script ``inv`` runs, if it is training code; parsed here when the tree walk
    did not (a package without models only has its build files read)."""
    script = names.resolve(inv.script, item.dirname)
    if script is None:
        return None
    if script.name not in python:
        python[script.name] = pyscan.facts_of(script) or pyscan.PyFacts()
    return script if python[script.name].training else None


def _invocation(item: Item, number: int, inv: Invocation, rule: makefile.Rule | None,
                mk: makefile.Makefile | None, names: Names, python: dict[str, pyscan.PyFacts],
                src: Source, out: Collected) -> bool:
    """Record one run; ``True`` when it trains."""
    where = item.pointer(number)
    if inv.tool is None:
        script = _training_script(inv, item, names, python)
        if script is None:
            return False
        command, role = script.name, "train"
    else:
        command, role = inv.tool.name, inv.tool.role
        if role == "train":
            out.trainers_present.setdefault(command, where)
    words = list(inv.args)
    via = "named on the command line"
    if rule is not None and mk is not None:
        targets = [mk.expand(t) for t in rule.targets]
        words += targets + [mk.expand(p) for p in rule.prereqs]
        if names.models_named(targets):
            via = "built by a make rule"
    words = list(dict.fromkeys(words))  # a prerequisite is often also an argument
    models = names.models_named(words)
    if role == "train":
        out.evidence.append(Evidence("pipeline", 2, "trainer-command", where, models, via,
                                     detail=command))
        if models:
            out.evidence.append(Evidence("pipeline", 3, "rule-builds-model", where, models, via,
                                         detail=command))
        for word in words:
            data = names.resolve(word, item.dirname)
            if data is not None and names.is_data(data):
                out.evidence.append(Evidence("data", 4, "shipped-data", where, models,
                                             f"input of {command}" if models else "",
                                             detail=data.name,
                                             license=src.data_license(data.name)))
            elif word.startswith("/usr/share/") and len(PurePosixPath(word).parts) > 3 and \
                    PurePosixPath(word).parts[3] in src.build_depends:
                out.evidence.append(Evidence("data", 4, "build-dep-data", where, models,
                                             f"input of {command}" if models else "",
                                             detail=PurePosixPath(word).parts[3]))
    elif models:
        out.evidence.append(Evidence("pipeline", 3, "export-step", where, models, via,
                                     detail=command))
    return role == "train"


# debian/rules: opt-in hooks (P4) and training in the default build

def _profile_guard(guard: makefile.Guard) -> str:
    """The retraining profile a conditional tests, or ``""``."""
    if "DEB_BUILD_PROFILES" not in guard.condition:
        return ""
    match = re.search(r"filter\s+([^,)\s]+)", guard.condition)
    word = match.group(1) if match else ""
    return word if any(w in word for w in PROFILE_WORDS) else ""


def _opt_in(guards: tuple[makefile.Guard, ...]) -> str:
    """The profile under which lines with these guards run only when it is set, or ``""``.
    ``ifneq (,$(filter retrain,$(DEB_BUILD_PROFILES)))`` runs its then-branch when set;
    ``ifeq (,...)`` its else-branch."""
    for guard in guards:
        profile = _profile_guard(guard)
        if profile and (guard.directive == "ifneq") != guard.negated:
            return profile
    return ""


# Targets a package build runs: dh's sequence reaches the override/execute hooks, and
# dpkg-buildpackage calls the build, binary and clean targets (Debian Policy §4.9).
_BUILD_TARGETS = frozenset({"%", "build", "build-arch", "build-indep", "binary", "binary-arch",
                            "binary-indep", "clean"})
_BUILD_PREFIXES = ("override_", "execute_before_", "execute_after_")


def _default_build(mk: makefile.Makefile) -> set[int]:
    """Ids of the rules a default build runs: the standard targets and what they depend on.
    A retrain hook or a helper like ``get-orig-source`` is reached only on request."""
    roots = [r for r in mk.rules if any(
        (t in _BUILD_TARGETS or t.startswith(_BUILD_PREFIXES)) and not _is_hook(t)
        for t in (mk.expand(t) for t in r.targets))]
    return {id(r) for root in roots for r in mk.reachable(root)}


def _is_hook(target: str) -> bool:
    return target in HOOK_TARGETS or "retrain" in target or "bootstrap" in target


def rules(rules: Item, src: Source, names: Names, python: dict[str, pyscan.PyFacts],
          out: Collected) -> None:
    text = text_of(rules)
    if text is None:
        return
    mk = makefile.parse(text)
    for rule in mk.rules:
        if any(_is_hook(mk.expand(t)) for t in rule.targets):
            out.evidence.append(Evidence("pipeline", 4, "rules-hook", rules.pointer(rule.line),
                                         detail=mk.expand(rule.targets[0])))
    default = _default_build(mk)
    for rule in mk.rules:
        for number, body, guards in rule.recipe:
            profile = _opt_in(rule.guards) or _opt_in(guards)
            for inv in invocations(mk.expand(body)):
                trains = (inv.tool is not None and inv.tool.role == "train") or (
                    inv.tool is None and _training_script(inv, rules, names, python) is not None)
                if not trains:
                    continue
                if profile:
                    out.evidence.append(Evidence("pipeline", 4, "build-profile",
                                                 rules.pointer(number), detail=profile))
                elif id(rule) in default:
                    out.default_build_training.append(
                        (rules.pointer(number), inv.tool.name if inv.tool else inv.script))
    _upstream_default_build(src, mk, out)


def _runs_upstream_build(rules: makefile.Makefile) -> bool:
    """Does the package build run the upstream build system? Not when ``override_dh_auto_build``
    (or ``build``/``build-arch``/``build-indep`` written out) has a recipe that calls no build
    tool: an empty override is how debian/rules skips it."""
    for rule in rules.rules:
        if "override_dh_auto_build" in rule.targets:
            tools = ("dh_auto_build", "$(MAKE)", "make", "cmake", "ninja", "meson", "setup.py")
            return any(any(t in body.split() or body.startswith(t) for t in tools)
                       for _, body, _ in rule.recipe)
    return True


def _upstream_default_build(src: Source, rules: makefile.Makefile, out: Collected) -> None:
    """Training reached from the default goal of the top-level Makefile (what dh_auto_build
    runs with the makefile build system)."""
    if not _runs_upstream_build(rules):
        return
    top = next((i for n in ("GNUmakefile", "makefile", "Makefile")
                if (i := src.index.lookup(n)) is not None and i.is_file), None)
    text = text_of(top) if top is not None else None
    if top is None or text is None:
        return
    mk = makefile.parse(text)
    goal = mk.default_goal()
    if goal is None:
        return
    for rule in mk.reachable(goal):
        for number, body, _ in rule.recipe:
            for inv in invocations(mk.expand(body)):
                if inv.tool is not None and inv.tool.role == "train":
                    out.default_build_training.append((top.pointer(number), inv.tool.name))
