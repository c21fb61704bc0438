"""tree-sitter parsers for the languages the download analysers read.

The grammar wheels (``tree-sitter-bash``, ``-c``, ``-cpp``, ``-cmake``, ``-make``, ``-go``,
``-rust``, ``-javascript``, ``-java``) ship compiled grammars and parse offline, so a URL in a
comment or help string is told apart from one in a call (model-formats.md §7). Not
``tree-sitter-language-pack``: it fetches grammars from the network on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache

from tree_sitter import Language, Node, Parser

# language name -> (module, attribute holding the grammar's language() function)
GRAMMARS: dict[str, tuple[str, str]] = {
    "bash": ("tree_sitter_bash", "language"),
    "c": ("tree_sitter_c", "language"),
    "cpp": ("tree_sitter_cpp", "language"),
    "cmake": ("tree_sitter_cmake", "language"),
    "make": ("tree_sitter_make", "language"),
    "go": ("tree_sitter_go", "language"),
    "rust": ("tree_sitter_rust", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "java": ("tree_sitter_java", "language"),
}

# Parsing is linear, but a pathological file still costs time: the checks hand at most this many
# bytes to a parser (the same cap as Item.text's default).
MAX_SOURCE = 4 << 20


@cache
def parser(language: str) -> Parser:
    module, attribute = GRAMMARS[language]
    return Parser(Language(getattr(importlib.import_module(module), attribute)()))


def parse(language: str, text: str) -> Node:
    """The root node of ``text`` parsed as ``language`` (errors are kept as ERROR nodes)."""
    return parser(language).parse(text.encode("utf-8", "replace")[:MAX_SOURCE]).root_node


def walk(node: Node, max_depth: int = 400) -> Iterator[Node]:
    """Every node below ``node``, pre-order, without recursion (deeply nested input is cut off
    at ``max_depth`` levels rather than overflowing the stack)."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        yield current
        if depth < max_depth:
            stack.extend((child, depth + 1) for child in reversed(current.children))


def text(node: Node) -> str:
    return node.text.decode("utf-8", "replace") if node.text is not None else ""


def line(node: Node) -> int:
    """1-based line of the node's start."""
    return node.start_point[0] + 1
