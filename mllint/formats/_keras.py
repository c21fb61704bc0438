"""Keras model configs (HDF5 attributes, ``.keras`` members): bounded JSON, class names.

The config tree itself goes to ``ModelInfo.extra["model_config"]``; the Keras safety check walks it
(model-formats.md §3.5). Here we only parse it with caps and list the class names it uses.
"""

from __future__ import annotations

from mllint import lazy
from mllint.formats.base import CorruptModelError, LimitExceededError

json = lazy.module("json")  # executed for Keras configs: zip readers import this module for all zips

MAX_JSON = 64 << 20  # bytes of one config document; large functional models are a few MB
MAX_NODES = 1_000_000  # JSON values visited when listing class names
MAX_DEPTH = 200  # nesting; json.loads itself stops near 1000 with RecursionError


def load_json(raw: bytes | str, what: str) -> object:
    """Parse a config document or raise :class:`CorruptModelError` naming ``what``."""
    if len(raw) > MAX_JSON:
        raise LimitExceededError(f"{what} is over {MAX_JSON} bytes")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, absurd nesting
        raise CorruptModelError(f"{what} is not JSON") from exc


def class_names(config: object) -> list[str]:
    """Distinct ``class_name`` values anywhere in ``config``, in first-seen order."""
    seen: dict[str, None] = {}
    stack: list[tuple[object, int]] = [(config, 0)]
    visited = 0
    while stack:
        node, depth = stack.pop()
        visited += 1
        if visited > MAX_NODES or depth > MAX_DEPTH:
            raise LimitExceededError("Keras config is too large or too deep to walk")
        if isinstance(node, dict):
            name = node.get("class_name")
            if isinstance(name, str):
                seen.setdefault(name, None)
            stack.extend((v, depth + 1) for v in reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in reversed(node))
    return list(seen)
