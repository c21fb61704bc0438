"""Small helpers over Python syntax trees shared by the checks that read package code with
:mod:`ast` (downloads, provenance). Trees are only inspected, never compiled or run."""

from __future__ import annotations

import ast


def dotted(node: ast.AST) -> str:
    """``a.b.c`` for a Name/Attribute chain; the chain's known part for calls (``x().fit`` is
    ``x.fit``); ``""`` otherwise."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            break
        else:
            break
    return ".".join(reversed(parts))
