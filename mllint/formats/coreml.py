"""Core ML ``.mlmodel``: a protobuf ``Model`` (apple/coremltools mlmodel/format/Model.proto).

Model: 1 specificationVersion, 2 description (ModelDescription: 1 input, 10 output, 11/12
predicted names, 20 trainingInput, 100 metadata {1 shortDescription, 2 versionString, 3 author,
4 license, 100 userDefined map}), 10 isUpdatable, then one model-type field numbered 200 and up
(500 neuralNetwork, 502 mlProgram, ...). Field numbers from the published proto; the metadata
layout on real files is **unverified** (no Core ML model in the dev set). ONNX also starts ``08``
but has text in field 2 and a graph in field 7, which Core ML never uses.
``.mlpackage`` directories hold the same proto as ``Data/com.apple.CoreML/model.mlmodel``.
"""

from __future__ import annotations

from pathlib import Path

from mllint.formats.base import Format, LimitExceededError, ModelInfo, Provenance
from mllint.formats.protobuf import LEN, VARINT, Walker, expect, head_text, scan

MAX_SPEC_VERSION = 32  # 9 in coremltools 8
FIRST_TYPE_FIELD = 200
DESCRIPTION_FIELDS = frozenset({1, 10, 11, 12, 13, 20, 100})
TYPE_NAMES = {200: "pipelineClassifier", 201: "pipelineRegressor", 202: "pipeline",
              303: "neuralNetworkRegressor", 403: "neuralNetworkClassifier",
              500: "neuralNetwork", 502: "mlProgram"}
METADATA_KEYS = {1: "shortDescription", 2: "versionString", 3: "author", 4: "license"}
MAX_TEXT = 65536
MAX_ENTRIES = 10_000


def sniff(head: bytes, size: int, name: str) -> bool:
    if head[:1] != b"\x08":
        return False
    scanned = scan(head, 0, size, limit=16, truncated_ok=True)
    if not scanned or len(scanned[0]) < 2:
        return False
    fields = scanned[0]
    if not 1 <= fields[0].value <= MAX_SPEC_VERSION:
        return False
    for f in fields:
        allowed = {1: VARINT, 2: LEN, 10: VARINT}.get(f.number, LEN)
        if f.wire != allowed or (2 < f.number < FIRST_TYPE_FIELD and f.number != 10):
            return False
        if f.number >= FIRST_TYPE_FIELD:
            return True
    described = [f for f in fields if f.number == 2]
    if not described or (head_text(head, described[0]) is not None and described[0].length):
        return False  # text in field 2 is ONNX's producer_name
    if described[0].end == size:
        return False  # a model-type field must follow; SavedModel's field 2 ends the file
    nested = scan(head, described[0].value, described[0].end, limit=16)
    return nested is not None and all(f.number in DESCRIPTION_FIELDS and f.wire == LEN
                                      for f in nested[0])


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    spec = 0
    model_type: str | None = None
    metadata: dict[str, str] = {}
    inputs = outputs = 0
    with path.open("rb") as f:
        w = Walker(f, size)
        for fld in w.fields(0, size):
            if fld.number == 1:
                spec = expect(fld, VARINT, "specificationVersion").value
            elif fld.number >= FIRST_TYPE_FIELD:
                model_type = TYPE_NAMES.get(fld.number, f"field {fld.number}")
            elif fld.number == 2:
                for g in w.message(expect(fld, LEN, "description"), 1):
                    if g.number == 1:
                        inputs += 1
                    elif g.number == 10:
                        outputs += 1
                    elif g.number == 100:
                        _metadata(w, expect(g, LEN, "metadata"), metadata)
    if model_type is None:
        return None  # a description without a model
    prov = Provenance()
    if metadata.get("author"):
        prov.authors.append(metadata["author"])
    if metadata.get("license"):
        prov.license.append(metadata["license"])
    return ModelInfo(format="coreml", metadata=metadata, provenance=prov,
                     extra={"specification_version": spec, "model_type": model_type,
                            "inputs": inputs, "outputs": outputs})


def _metadata(w: Walker, fld, metadata: dict[str, str]) -> None:
    """Metadata {1..4 strings, 100 userDefined map<string, string>}."""
    for h in w.message(fld, 2):
        if h.number in METADATA_KEYS:
            metadata[METADATA_KEYS[h.number]] = w.text(expect(h, LEN, "metadata"), MAX_TEXT)
        elif h.number == 100:
            key = value = ""
            for e in w.message(expect(h, LEN, "userDefined"), 3):
                if e.number == 1:
                    key = w.text(expect(e, LEN, "userDefined key"), MAX_TEXT)
                elif e.number == 2:
                    value = w.text(expect(e, LEN, "userDefined value"), MAX_TEXT)
            metadata[key] = value
            if len(metadata) > MAX_ENTRIES:
                raise LimitExceededError(f"more than {MAX_ENTRIES} metadata entries")


FORMATS = (Format("coreml", sniff, read, extensions=(".mlmodel",), magic=False, lead=b"\x08"),)
