"""C, C++, Go, Rust, JavaScript, Java and R: model URL literals next to network calls.

For the tree-sitter languages the string literals and identifiers come from the parse tree, so
a URL in a comment is never seen. R has no grammar wheel on PyPI, so it gets a small tokenizer
that drops ``#`` comments outside strings and keeps quoted literals.

Two rules keep help texts and documentation strings out: the literal must *be* a URL (it starts
with one once trimmed; ``"usage: --hf-repo https://…"`` is prose), and an identifier that names
a network API (libcurl, QtNetwork, KIO, ``http.Get``, ``reqwest``, ``fetch``, tfjs
``loadLayersModel``, R ``download.file`` ...) must occur within :data:`NEAR_LINES` lines.

A URL bound to a name (``const QString server_url = "https://…";``, ``#define MODEL_URL "…"``,
a Java field, a Go or Rust ``const``) is also found where that name is used, within the scope of
the binding, next to a network call: leela-zero's autogtp holds its server in a file-level
constant 550 lines above the ``curl`` command line that fetches networks from it. A wider line
window would catch it too, and every comment-adjacent URL with it.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from mllint.downloads import grammars
from mllint.downloads.finding import Finding
from mllint.downloads.patterns import URL_RE, classify_url, urls_in

NEAR_LINES = 20
STRING_NODES = frozenset({"string_content", "string_fragment", "interpreted_string_literal_content",
                          "raw_string_literal_content", "string_literal", "character_literal"})
IDENTIFIER_NODES = frozenset({"identifier", "field_identifier", "property_identifier",
                              "type_identifier", "namespace_identifier", "package_identifier",
                              "scoped_identifier"})
# Identifier fragments (lower-cased) that name a network API.
NETWORK_WORDS = ("curl", "qnetwork", "networkaccess", "http", "download", "fetch", "reqwest",
                 "ureq", "axios", "urlconnection", "openstream", "loadlayersmodel",
                 "loadgraphmodel", "soup_session", "kio", "wget", "urlopen", "modelurl",
                 "hf_hub", "xmlhttprequest", "webclient", "allowremotemodels")
# Nodes that bind a name to a value: node type -> (field of the name, field of the value).
BINDINGS: dict[str, tuple[str, str]] = {
    "init_declarator": ("declarator", "value"),          # C, C++
    "field_declaration": ("declarator", "default_value"),  # C++ class member
    "preproc_def": ("name", "value"),                    # C, C++ #define
    "variable_declarator": ("name", "value"),            # Java, JavaScript
    "const_spec": ("name", "value"),                     # Go
    "var_spec": ("name", "value"),                       # Go
    "short_var_declaration": ("left", "right"),          # Go
    "const_item": ("name", "value"),                     # Rust
    "static_item": ("name", "value"),                    # Rust
    "let_declaration": ("pattern", "value"),             # Rust
    "assignment_expression": ("left", "right"),          # C, C++, Java, JavaScript, Rust
}
# Between a string's content node and the binding: the literal itself, Go's expression_list.
LITERAL_WRAPPERS = frozenset({"string_literal", "string", "interpreted_string_literal",
                              "raw_string_literal", "expression_list"})
# Blocks that end a local binding's scope; a binding outside all of them is file-wide (C++
# class members are used in methods defined outside the class body).
BLOCKS = frozenset({"compound_statement", "block", "statement_block"})
USE_NODES = frozenset({"identifier", "field_identifier", "property_identifier"})
R_NETWORK = re.compile(r"\b(download\.file|curl_download|curl_fetch_\w+|GET|httr::GET|"
                       r"url|download_pins|torch_load_url)\s*\(")


def analyse(language: str, text: str) -> list[Finding]:
    """Model and dataset URL literals with a network call nearby, for one of ``c``, ``cpp``,
    ``go``, ``rust``, ``javascript``, ``java`` (tree-sitter) or ``r`` (tokenizer)."""
    # Cheap first: without a URL that classifies there is nothing to find, and parsing a file
    # of weight tables (aom: 4 MiB of C numbers) costs seconds and hundreds of MB.
    if not any(classify_url(u) for u in urls_in(text)):
        return []
    root = None
    if language == "r":
        literals, network_lines = _r_tokens(text)
    else:
        root = grammars.parse(language, text)
        literals, network_lines = _tree_tokens(root)
    near = {n + d for n in network_lines for d in range(-NEAR_LINES, NEAR_LINES + 1)}
    findings: list[Finding] = []
    far: list[tuple[Finding, Node]] = []  # URLs with no network call near the literal itself
    for line, value, node in literals:
        match = URL_RE.match(value.strip())
        cls = classify_url(match.group(0)) if match is not None else None
        if cls is None:
            continue
        finding = Finding("url" if cls == "model" else "dataset", "network-call",
                          match.group(0).rstrip(".,;:"), line)
        if line in near:
            findings.append(finding)
        elif node is not None:
            far.append((finding, node))
    if far and root is not None and near:
        findings.extend(_used_near(root, far, near))
    return findings


def _tree_tokens(root: Node) -> tuple[list[tuple[int, str, Node | None]], list[int]]:
    literals: list[tuple[int, str, Node | None]] = []
    network: list[int] = []
    for node in grammars.walk(root):
        kind = node.type
        if kind in STRING_NODES and not any(c.type in STRING_NODES for c in node.children):
            literals.append((grammars.line(node), grammars.text(node), node))
        elif kind in IDENTIFIER_NODES:
            word = grammars.text(node).lower()
            if any(w in word for w in NETWORK_WORDS):
                network.append(grammars.line(node))
        elif kind == "preproc_arg":  # #define NAME "value": the grammar keeps the value raw
            raw = grammars.text(node).strip()
            if len(raw) > 1 and raw[0] == raw[-1] == '"' and '"' not in raw[1:-1]:
                literals.append((grammars.line(node), raw[1:-1], node))
    return literals, network


def _used_near(root: Node, far: list[tuple[Finding, Node]], near: set[int]) -> list[Finding]:
    """Findings for URLs bound to a name that is used near a network call, at the first such
    use within the binding's scope. One extra walk of the tree, only for files that have a
    model URL far from every network call."""
    bound: dict[str, list[tuple[Finding, int, int, int]]] = {}
    for finding, node in far:
        binding = _binding(node, root)
        if binding is not None:
            name, declared_at, scope = binding
            bound.setdefault(name, []).append(
                (finding, declared_at, scope.start_byte, scope.end_byte))
    found: dict[Finding, Finding] = {}
    for node in grammars.walk(root):
        if node.type not in USE_NODES or grammars.line(node) not in near:
            continue
        for finding, declared_at, start, end in bound.get(grammars.text(node), ()):
            if finding not in found and node.start_byte != declared_at \
                    and start <= node.start_byte < end:
                found[finding] = Finding(finding.kind, finding.function, finding.identifier,
                                         grammars.line(node))
    return list(found.values())


def _binding(literal: Node, root: Node) -> tuple[str, int, Node] | None:
    """The name a string literal is bound to, where that name is declared (start byte) and the
    node it is visible in; ``None`` if the literal is not the whole value of a binding."""
    value = literal
    while value.parent is not None and value.parent.type in LITERAL_WRAPPERS:
        value = value.parent
    holder = value.parent
    if holder is None or holder.type not in BINDINGS:
        return None
    name_field, value_field = BINDINGS[holder.type]
    bound_value = holder.child_by_field_name(value_field)
    if bound_value is None or bound_value.start_byte != value.start_byte \
            or bound_value.end_byte != value.end_byte:
        return None  # the literal is part of the value ("a" + b), not all of it
    name = holder.child_by_field_name(name_field)
    while name is not None and name.type not in USE_NODES:
        if name.type == "expression_list":  # Go: one name, or the value is not the literal alone
            name = name.named_children[0] if len(name.named_children) == 1 else None
        else:  # C: *p, p[], &r
            name = name.child_by_field_name("declarator")
    if name is None:
        return None
    scope = holder.parent
    while scope is not None and scope.type not in BLOCKS:
        scope = scope.parent
    return grammars.text(name), name.start_byte, scope if scope is not None else root


def _r_tokens(text: str) -> tuple[list[tuple[int, str, Node | None]], list[int]]:
    """Quoted literals and network-call lines of R code, with ``#`` comments removed."""
    literals: list[tuple[int, str, Node | None]] = []
    network: list[int] = []
    for number, raw in enumerate(text.splitlines(), 1):
        code, strings = _strip_r_comment(raw)
        literals.extend((number, s, None) for s in strings)
        if R_NETWORK.search(code):
            network.append(number)
    return literals, network


def _strip_r_comment(line: str) -> tuple[str, list[str]]:
    """The code part of one R line (up to a ``#`` outside quotes) and its string literals.
    Multi-line strings are rare in R download code and are not followed."""
    code: list[str] = []
    strings: list[str] = []
    quote = ""
    current: list[str] = []
    escaped = False
    for ch in line:
        if quote:
            if escaped:
                escaped = False
                current.append(ch)
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                strings.append("".join(current))
                current, quote = [], ""
            else:
                current.append(ch)
            code.append(ch)
        elif ch == "#":
            break
        else:
            if ch in "\"'":
                quote = ch
            code.append(ch)
    return "".join(code), strings
