"""JSON output in lintian's schema (``schema/json``), with ``mllint_version`` in place of
``lintian_version`` (lintian-compat.md §1.5). Encoded like JSON::XS ``canonical pretty``."""

from __future__ import annotations

import json

from mllint import __version__
from mllint.display import CODE_RANK, code
from mllint.hints import Hint
from mllint.output import Run


def _text(value: object) -> object:
    """``value`` with every string made valid Unicode, recursively.

    A file name that is not UTF-8 is kept in Python as surrogate escapes (``\\udcff`` for byte
    0xFF); written raw they make the output invalid UTF-8, and as JSON ``\\u`` escapes they would
    be lone surrogates that strict parsers refuse. Backslash-replaced, the name stays
    recognisable as the text ``enc\\udcff.onnx`` (EWI prints ``enc?.onnx``).
    """
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {key: _text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_text(item) for item in value]
    return value


def _hint(h: Hint) -> dict[str, object]:
    d: dict[str, object] = {
        "tag": h.tag, "note": h.note, "visibility": h.severity, "experimental": h.experimental,
        "pointer": {"item": {"name": h.pointer.name, "index": h.pointer.index},
                    "line_position": h.pointer.line},
    }
    if h.override is not None:
        d["override"] = {"justification": h.override.justification}
    return d


def write(run: Run) -> str:
    groups = []
    for g in sorted(run.groups, key=lambda g: g.id):
        files = []
        for p in sorted(g.processables, key=lambda p: p.path):
            hints = sorted((h for h in p.hints if run.visibility.shown(h)),
                           key=lambda h: (h.override is not None, CODE_RANK[code(h)], h.tag,
                                          h.context))
            files.append({"path": p.path, "hints": [_hint(h) for h in hints]})
        group: dict[str, object] = {"group_id": g.id, "source_name": g.source_name,
                                    "source_version": g.source_version, "input_files": files}
        if g.upstream:
            group["upstream_only"] = True
        groups.append(group)
    doc = {"mllint_version": __version__, "groups": groups}
    return json.dumps(_text(doc), indent=3, sort_keys=True, separators=(",", " : "),
                      ensure_ascii=False) + "\n"
