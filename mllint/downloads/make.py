"""Makefiles (``debian/rules``, upstream ``Makefile``/``GNUmakefile``/``Makefile.am``): fetches
in recipes, and whether a recipe is reached by the build.

Parsed with tree-sitter-make: a recipe line is handed to the shell analyser after ``$(VAR)``
expansion with the file's own simple assignments. A rule is reached when its target is a build
root (``debian/rules``: ``build*``, ``binary*``, ``override_dh_*`` ...; upstream: the default
goal, ``all``, ``install``, ``check``, ``test``) or a prerequisite of one, transitively.
``get-orig-source`` and other maintainer-run targets are therefore not the build.
"""

from __future__ import annotations

import re
from collections import deque

from tree_sitter import Node

from mllint.downloads import grammars, shell
from mllint.downloads.finding import Finding

BUILD_ROOTS = frozenset({"all", "build", "build-arch", "build-indep", "binary", "binary-arch",
                         "binary-indep", "install", "check", "test", "clean", "%", "default"})
AUTOMAKE_HOOK = re.compile(r"^(all|check|install|install-data|install-exec)-(local|hook)$")
DEBHELPER_HOOK = re.compile(r"^(override|execute_before|execute_after)_dh_")
VAR_REF = re.compile(r"\$[({]([A-Za-z0-9_.-]+)[)}]")
MAX_VALUE = 16 << 10  # characters kept of one expanded command (self-referencing variables)
# Automake conditionals ("if NAME" / "else" / "endif" at the start of a line) are not GNU make
# syntax and the grammar misparses them; they are blanked before parsing and remembered per line.
AUTOMAKE_IF = re.compile(r"^if\s+(!?)(\w+)\s*(?:#.*)?$")
AUTOMAKE_ELSE = re.compile(r"^else\s*(?:#.*)?$")
AUTOMAKE_ENDIF = re.compile(r"^endif\s*(?:#.*)?$")
# Automake variables whose values are built by "make all" (primaries and BUILT_SOURCES).
AUTOMAKE_BUILT = re.compile(r"(_DATA|_SCRIPTS|_SOURCES|_PROGRAMS|_LTLIBRARIES|_LIBRARIES|"
                            r"^BUILT_SOURCES|^all_targets)$")


def analyse(text: str, reached_only: bool = True) -> list[Finding]:
    """Fetches in recipes. With ``reached_only`` only rules reached from a build root count;
    the conditions of enclosing ``ifeq``/``ifdef`` blocks are kept in ``Finding.conditions``."""
    text, automake = _automake_conditions(text)
    root = grammars.parse("make", text)
    variables: dict[str, str] = {}
    rules: list[tuple[list[str], list[str], Node]] = []
    for node in grammars.walk(root):
        if node.type == "variable_assignment":
            name = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if name is not None:
                variables[grammars.text(name).strip()] = grammars.text(value).strip() if value else ""
        elif node.type == "rule":
            targets = next((c for c in node.children if c.type == "targets"), None)
            prereqs = next((c for c in node.children if c.type == "prerequisites"), None)
            recipe = next((c for c in node.children if c.type == "recipe"), None)
            if targets is not None and recipe is not None:
                rules.append((grammars.text(targets).split(),
                              grammars.text(prereqs).split() if prereqs is not None else [],
                              recipe))
            elif targets is not None:
                rules.append((grammars.text(targets).split(),
                              grammars.text(prereqs).split() if prereqs is not None else [], node))
    extra_roots = {word for name, value in variables.items() if AUTOMAKE_BUILT.search(name)
                   for word in _expand(value, variables).split()}
    rules = [(targets, _expand(" ".join(prereqs), variables).split(), node)
             for targets, prereqs, node in rules]
    reached = _reached(rules, extra_roots) if reached_only else None
    findings: list[Finding] = []
    for targets, _, recipe in rules:
        if recipe.type != "recipe" or (reached is not None and not reached & set(targets)):
            continue
        for line_node in _recipe_lines(recipe):
            command = _expand(grammars.text(line_node), variables)
            command = command.lstrip("@-+ \t")
            conditions = automake.get(grammars.line(line_node), ()) + _conditions(line_node)
            for finding in shell.analyse(command, first_line=grammars.line(line_node)):
                findings.append(finding._replace(conditions=conditions))
    return findings


def _recipe_lines(recipe: Node) -> list[Node]:
    """The recipe's lines, including those inside ``ifeq`` blocks, but not those of a rule the
    grammar nested into it (a conditional rule after the recipe)."""
    lines: list[Node] = []
    stack = list(reversed(recipe.children))
    while stack:
        node = stack.pop()
        if node.type == "recipe_line":
            lines.append(node)
        elif node.type != "rule":
            stack.extend(reversed(node.children))
    return lines


def _expand(command: str, variables: dict[str, str], depth: int = 0) -> str:
    """Expand ``$(VAR)``/``${VAR}`` with the file's own assignments; ``$$`` becomes ``$``.
    Unknown variables stay as written; expansion stops after 8 rounds (recursive variables)."""
    expanded = VAR_REF.sub(lambda m: variables.get(m.group(1), m.group(0)), command)[:MAX_VALUE]
    if expanded != command and depth < 8:
        return _expand(expanded, variables, depth + 1)
    return expanded.replace("\\\n", " ").replace("$$", "$")


def _automake_conditions(text: str) -> tuple[str, dict[int, tuple[str, ...]]]:
    """The text with automake ``if``/``else``/``endif`` lines blanked (line numbers kept), and
    for each line inside them the conditions in force (``!NAME`` in an ``else`` branch)."""
    stack: list[str] = []
    lines = text.split("\n")
    conditions: dict[int, tuple[str, ...]] = {}
    for number, line in enumerate(lines, 1):
        if match := AUTOMAKE_IF.match(line):
            stack.append(("!" if match.group(1) else "") + match.group(2))
            lines[number - 1] = ""
        elif AUTOMAKE_ELSE.match(line) and stack:
            top = stack.pop()
            stack.append(top[1:] if top.startswith("!") else "!" + top)
            lines[number - 1] = ""
        elif AUTOMAKE_ENDIF.match(line) and stack:
            stack.pop()
            lines[number - 1] = ""
        elif stack:
            conditions[number] = tuple(stack)
    return "\n".join(lines), conditions


def _reached(rules: list[tuple[list[str], list[str], Node]], extra_roots: set[str]) -> set[str]:
    graph: dict[str, set[str]] = {}
    for targets, prereqs, _ in rules:
        for target in targets:
            graph.setdefault(target, set()).update(prereqs)
    default_goal = next((t for targets, _, _ in rules for t in targets if not t.startswith(".")),
                        None)
    queue = deque(t for t in graph if t in BUILD_ROOTS or DEBHELPER_HOOK.match(t)
                  or t == default_goal or t in extra_roots or AUTOMAKE_HOOK.match(t))
    seen: set[str] = set()
    while queue:
        target = queue.popleft()
        if target in seen:
            continue
        seen.add(target)
        queue.extend(graph.get(target, ()))
    return seen


def _conditions(node: Node) -> tuple[str, ...]:
    """Variables tested by the ``ifeq``/``ifneq``/``ifdef``/``ifndef`` blocks around ``node``."""
    names: list[str] = []
    parent = node.parent
    while parent is not None:
        if parent.type == "conditional" and parent.children:
            names.extend(VAR_REF.findall(grammars.text(parent.children[0])))
            directive = grammars.text(parent.children[0]).split()
            if directive[:1] in (["ifdef"], ["ifndef"]) and len(directive) > 1:
                names.append(directive[1])
        parent = parent.parent
    return tuple(dict.fromkeys(names))
