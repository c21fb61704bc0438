"""OpenVINO IR: ``<model>.xml`` (``<net name=… version="10|11">``) plus ``<model>.bin`` weights.

Layout (OpenVINO docs, "OpenVINO IR format"): ``<net>`` holds ``<layers>``, ``<edges>`` and,
after them, the model-level ``<rt_info>`` (IR v11: ``MO_version``/``Runtime_version`` and
``conversion_parameters`` {``framework``, ``input_model``}) or, in IR v10, ``<meta_data>``
(``MO_version``, ``cli_parameters``). Layers carry their own ``rt_info`` too, so we only take the
one after ``</edges>``.

The XML can be tens of MB for a large model, so we never parse the whole of it: the ``<net>``
start tag comes from the head, the model-level ``rt_info`` from the last :data:`TAIL` bytes; each
piece is parsed with defusedxml (no entity expansion, no external DTDs).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from mllint.formats.base import WHITESPACE, CorruptModelError, Format, ModelInfo, Provenance

TAIL = 1 << 20  # bytes of the file's end searched for the model-level rt_info
MAX_ENTRIES = 1000  # rt_info values kept
# The comments are an atomic group: without it, a head of n comments not followed by <net> (the
# DTD and entity files of python3-biopython's Bio/Entrez/DTDs, 57 comments each) is retried in
# 2**n ways, since ".*?" may also run across a "-->"; mllint spent hours on one package.
NET = re.compile(
    rb'\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?>(?:<!--.*?-->\s*)*)(<net\s[^>]*>)', re.S)
VERSION = re.compile(rb'\sversion\s*=\s*["\'](\d{1,3})["\']')


def sniff(head: bytes, size: int, name: str) -> bool:
    match = NET.match(head)
    return bool(match and VERSION.search(match.group(1)) and b"<layers" in head)


def _flatten(element: Element, prefix: str, out: dict[str, str]) -> None:
    """``<a><b value="x"/></a>`` -> ``{"a.b": "x"}``."""
    for child in element:
        key = f"{prefix}{child.tag}"
        if "value" in child.attrib and len(out) < MAX_ENTRIES:
            out[key] = child.attrib["value"]
        _flatten(child, key + ".", out)


def _parse(fragment: bytes, what: str) -> Element:
    try:
        return ElementTree.fromstring(fragment, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise CorruptModelError(f"OpenVINO {what} is not well-formed XML") from exc


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    match = NET.match(head)
    if match is None:
        raise CorruptModelError("OpenVINO <net> start tag not found in the head")
    tag = match.group(1)
    net = _parse(tag if tag.endswith(b"/>") else tag + b"</net>", "<net> tag")
    with path.open("rb") as f:
        f.seek(max(0, size - TAIL))
        tail = f.read(TAIL)
    info: dict[str, str] = {}
    edges = tail.rfind(b"</edges>")
    if edges >= 0:
        for section in (b"rt_info", b"meta_data"):
            start = tail.find(b"<" + section + b">", edges)
            end = tail.find(b"</" + section + b">", start)
            if start >= 0 and end >= 0:
                _flatten(_parse(tail[start:end + len(section) + 3], section.decode()), "", info)
    prov = Provenance()
    if info.get("MO_version"):
        prov.producer.append(f"OpenVINO Model Optimizer {info['MO_version']}")
    elif info.get("Runtime_version"):
        prov.producer.append(f"OpenVINO {info['Runtime_version']}")
    params = {k.rsplit(".", 1)[-1]: v for k, v in info.items()
              if k.startswith(("conversion_parameters.", "cli_parameters."))}
    return ModelInfo(
        format="openvino", metadata=info, provenance=prov,
        parts=(path.with_suffix(".bin").name,),
        extra={"name": net.get("name", ""), "ir_version": int(net.get("version", "0") or 0),
               "framework": params.get("framework", ""),
               "input_model": params.get("input_model", "")},
    )


# The .xml stands for the model: its trained weights are the sibling .bin
# (its ``parts``), which has no header of its own to identify.
FORMATS = (Format("openvino", sniff, read, extensions=(".xml",), magic=False,
                  lead=b"\xef<" + WHITESPACE),)
