"""CMake: ``file(DOWNLOAD)``, ``ExternalData``, ``FetchContent_Declare``/``ExternalProject_Add``
with model URLs, project download helpers (OpenCV ``ocv_download``, fcitx ``fcitx5_download``)
and ``execute_process``/``add_custom_command`` running a fetch tool.

Parsed with tree-sitter-cmake, so ``# file(DOWNLOAD …)`` in a comment is ignored. ``set()``
variables are expanded in file order; the variables tested by enclosing ``if()`` blocks are kept
in ``Finding.conditions`` so the check can see whether ``debian/rules`` switches them off. Only
model URLs and model file names count: FetchContent of googletest or a font is not a model.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from mllint.downloads import grammars, shell
from mllint.downloads.finding import Finding, Kind
from mllint.downloads.patterns import classify_url, is_model_name, model_words

VAR_REF = re.compile(r"\$\{([A-Za-z0-9_.+-]+)\}")
MAX_VALUE = 16 << 10  # characters kept of one expanded value
HEX_ARG = re.compile(r"^(SHA\d+=|MD5=)?[0-9a-fA-F]{32,128}$")
CONDITION_WORDS = frozenset({"AND", "OR", "NOT", "DEFINED", "EXISTS", "STREQUAL", "MATCHES",
                             "EQUAL", "LESS", "GREATER", "VERSION_LESS", "VERSION_GREATER",
                             "VERSION_EQUAL", "TARGET", "COMMAND", "POLICY", "IS_DIRECTORY",
                             "IN_LIST", "TRUE", "FALSE", "ON", "OFF", "YES", "NO"})
HASH_KEYWORDS = frozenset({"EXPECTED_HASH", "EXPECTED_MD5", "URL_HASH", "URL_MD5", "HASH", "SHA256",
                           "MD5"})


def analyse(text: str) -> list[Finding]:
    root = grammars.parse("cmake", text)
    variables: dict[str, str] = {}
    findings: list[Finding] = []
    for node in grammars.walk(root):
        if node.type != "normal_command":
            continue
        name_node = node.child_by_field_name("name") or (node.children[0] if node.children else None)
        if name_node is None:
            continue
        command = grammars.text(name_node)
        args = _arguments(node, variables)
        lower = command.lower()
        if lower == "set" and args:
            variables[args[0]] = ";".join(a for a in args[1:] if a not in ("CACHE", "PARENT_SCOPE"))
            if "CACHE" in args:  # set(VAR value CACHE TYPE doc): keep only the value
                variables[args[0]] = args[1] if len(args) > 1 else ""
            continue
        for kind, function, identifier, pinned in _command_fetches(lower, command, args):
            findings.append(Finding(kind, function, identifier, grammars.line(node), pinned,
                                    conditions=_conditions(node)))
    return findings


def _arguments(node: Node, variables: dict[str, str]) -> list[str]:
    arguments = next((c for c in node.children if c.type == "argument_list"), None)
    if arguments is None:
        return []
    out: list[str] = []
    for arg in arguments.children:
        if arg.type != "argument":
            continue
        raw = grammars.text(arg)
        if raw.startswith('"') and raw.endswith('"'):
            raw = raw[1:-1]
        out.append(_expand(raw, variables))
    return out


def _expand(value: str, variables: dict[str, str]) -> str:
    """One pass, as CMake does: ``set()`` stored its value already expanded. A variable still
    unknown stays ``${NAME}``; values are capped so ``set(X ${X} more)`` chains stay small."""
    expanded = VAR_REF.sub(lambda m: variables.get(m.group(1), m.group(0)), value)
    return expanded[:MAX_VALUE]


def _command_fetches(lower: str, command: str, args: list[str]
                     ) -> list[tuple[Kind, str, str, bool]]:
    pinned = any(a in HASH_KEYWORDS for a in args) or any(HEX_ARG.match(a) for a in args)
    if lower == "file" and args[:1] == ["DOWNLOAD"] and len(args) > 1:
        return _judge("file(DOWNLOAD)", args[1], args[2:3], pinned)
    if lower.startswith("externaldata_"):
        names = [m for a in args for m in re.findall(r"DATA\{([^}]*)\}", a)]
        return [("cmake", "ExternalData", n, True) for n in names if is_model_name(n)]
    if lower in ("fetchcontent_declare", "externalproject_add"):
        urls = [args[i + 1] for i, a in enumerate(args[:-1])
                if a in ("URL", "GIT_REPOSITORY", "HG_REPOSITORY")]
        out: list[tuple[Kind, str, str, bool]] = []
        for url in urls:
            out.extend(_judge(command, url, [], pinned))
        return out
    if lower in ("execute_process", "add_custom_command", "add_custom_target"):
        out = []
        for words in _split_commands(args):
            out.extend((kind, tool, ident, pinned) for kind, tool, ident in
                       shell.command_fetches(words))
        return out
    if "download" in lower:
        # A project helper: ocv_download(FILENAME f HASH h URL u ...), fcitx5_download(t url f h).
        urls = [a for a in args if "://" in a]
        files = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "FILENAME"]
        files += [a for a in args if "://" not in a and "/" not in a and "." in a]
        out = []
        for url in urls:
            if url.endswith("/") and files:  # ocv_download: URL is the directory of FILENAME
                url += files[0]
            out.extend(_judge(command, url, files, pinned))
        return out
    return []


def _judge(function: str, url: str, files: list[str], pinned: bool
           ) -> list[tuple[Kind, str, str, bool]]:
    """A model if the URL classifies as one, or the destination file names a model."""
    cls = classify_url(url) if "${" not in url else None
    if cls is None and any(is_model_name(f) or model_words(f) for f in files):
        cls = "model"
    if cls is None and "${" in url and is_model_name(url.rsplit("/", 1)[-1]):
        cls = "model"
    if cls == "model":
        return [("cmake", function, url, pinned)]
    if cls == "dataset":
        return [("dataset", function, url, pinned)]
    return []


def _split_commands(args: list[str]) -> list[list[str]]:
    """The word lists after each ``COMMAND`` keyword."""
    commands: list[list[str]] = []
    for arg in args:
        if arg == "COMMAND":
            commands.append([])
        elif commands and arg.isupper() and arg in ("WORKING_DIRECTORY", "OUTPUT", "DEPENDS",
                                                      "RESULT_VARIABLE", "OUTPUT_VARIABLE",
                                                      "COMMENT", "VERBATIM", "BYPRODUCTS"):
            commands.append([])  # end of the command: start an ignored list
        elif commands:
            commands[-1].append(arg)
    return [c for c in commands if c]


def _conditions(node: Node) -> tuple[str, ...]:
    """Variables tested by enclosing ``if``/``elseif`` blocks; a ``NOT`` before one gives ``!X``."""
    names: list[str] = []
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "if_condition":
            # The branch holding `child` is the body after an if/elseif/else command; in the
            # else branch the if's variables count negated.
            branch = child.prev_sibling
            head = next((c for c in parent.children if c.type == "if_command"), None)
            in_else = branch is not None and branch.type == "else_command"
            if branch is not None and branch.type == "elseif_command":
                head = branch
            if head is not None:
                args = [grammars.text(a) for a in grammars.walk(head) if a.type == "argument"]
                negate = in_else
                for arg in args:
                    if arg == "NOT":
                        negate = not negate
                        continue
                    bare = arg.strip('"${}')
                    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", bare) and bare not in CONDITION_WORDS:
                        names.append(("!" if negate else "") + bare)
                    negate = in_else
        child, parent = parent, parent.parent
    return tuple(dict.fromkeys(names))

