"""C, C++, Go, Rust, JavaScript, Java and R: model URL literals next to network calls.

For the tree-sitter languages the string literals and identifiers come from the parse tree, so
a URL in a comment is never seen. R has no grammar wheel on PyPI, so it gets a small tokenizer
that drops ``#`` comments outside strings and keeps quoted literals.

Two rules keep help texts and documentation strings out: the literal must *be* a URL (it starts
with one once trimmed; ``"usage: --hf-repo https://…"`` is prose), and an identifier that names
a network API (libcurl, QtNetwork, KIO, ``http.Get``, ``reqwest``, ``fetch``, tfjs
``loadLayersModel``, R ``download.file`` ...) must occur within :data:`NEAR_LINES` lines.
"""

from __future__ import annotations

import re

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
R_NETWORK = re.compile(r"\b(download\.file|curl_download|curl_fetch_\w+|GET|httr::GET|"
                       r"url|download_pins|torch_load_url)\s*\(")


def analyse(language: str, text: str) -> list[Finding]:
    """Model and dataset URL literals with a network call nearby, for one of ``c``, ``cpp``,
    ``go``, ``rust``, ``javascript``, ``java`` (tree-sitter) or ``r`` (tokenizer)."""
    # Cheap first: without a URL that classifies there is nothing to find, and parsing a file
    # of weight tables (aom: 4 MiB of C numbers) costs seconds and hundreds of MB.
    if not any(classify_url(u) for u in urls_in(text)):
        return []
    if language == "r":
        literals, network_lines = _r_tokens(text)
    else:
        literals, network_lines = _tree_tokens(language, text)
    near = {n + d for n in network_lines for d in range(-NEAR_LINES, NEAR_LINES + 1)}
    findings: list[Finding] = []
    for line, value in literals:
        url = value.strip()
        match = URL_RE.match(url)
        if match is None or line not in near:
            continue
        cls = classify_url(match.group(0))
        if cls is not None:
            findings.append(Finding("url" if cls == "model" else "dataset", "network-call",
                                    match.group(0).rstrip(".,;:"), line))
    return findings


def _tree_tokens(language: str, text: str) -> tuple[list[tuple[int, str]], list[int]]:
    literals: list[tuple[int, str]] = []
    network: list[int] = []
    for node in grammars.walk(grammars.parse(language, text)):
        if node.type in STRING_NODES and not any(c.type in STRING_NODES for c in node.children):
            literals.append((grammars.line(node), grammars.text(node)))
        elif node.type in IDENTIFIER_NODES:
            word = grammars.text(node).lower()
            if any(w in word for w in NETWORK_WORDS):
                network.append(grammars.line(node))
    return literals, network


def _r_tokens(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    """Quoted literals and network-call lines of R code, with ``#`` comments removed."""
    literals: list[tuple[int, str]] = []
    network: list[int] = []
    for number, raw in enumerate(text.splitlines(), 1):
        code, strings = _strip_r_comment(raw)
        literals.extend((number, s) for s in strings)
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
