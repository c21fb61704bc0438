"""Small helpers over Python syntax trees shared by the checks that read package code with
:mod:`ast` (downloads, provenance). Trees are only inspected, never compiled or run."""

from __future__ import annotations

import ast
from collections import deque


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


def walk(tree: ast.AST) -> list[ast.AST]:
    """Every node under ``tree`` (``tree`` first), in :func:`ast.walk`'s breadth-first order.

    ``ast.walk`` runs three nested generators per node (``iter_child_nodes``, ``iter_fields``);
    on 21,000 files of installed Python packages that generic walk was most of the provenance
    check's time. This is the same traversal written out, about three times faster."""
    found: list[ast.AST] = []
    todo: deque[ast.AST] = deque([tree])
    popleft, append, extend, keep = todo.popleft, todo.append, todo.extend, found.append
    node_type, list_type = ast.AST, list
    while todo:
        node = popleft()
        keep(node)
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list_type:
                extend(v for v in value if isinstance(v, node_type))
            elif isinstance(value, node_type):
                append(value)
    return found
