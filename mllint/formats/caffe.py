"""Caffe ``.caffemodel``: a protobuf ``NetParameter`` (BVLC caffe src/caffe/proto/caffe.proto).

NetParameter: 1 name, 3 input, 100 layer (LayerParameter: 1 name, 2 type, 7 blobs), 2 layers
(deprecated V1LayerParameter: 4 name, 5 type enum, 6 blobs). BlobProto: 5 data (packed float),
8 double_data (packed double). Weights are counted from the blobs' data lengths, never read.
"""

from __future__ import annotations

from pathlib import Path

from mllint.formats.base import Format, LimitExceededError, ModelInfo
from mllint.formats.protobuf import (
    I32,
    I64,
    LEN,
    VARINT,
    Field,
    Walker,
    expect,
    first_tag_bytes,
    head_text,
    scan,
)

# NetParameter field -> wire type; 4 input_dim may be packed (LEN) or not (VARINT).
TOP_WIRE = {1: (LEN,), 2: (LEN,), 3: (LEN,), 4: (VARINT, LEN), 5: (VARINT,), 6: (LEN,),
            7: (VARINT,), 8: (LEN,), 100: (LEN,)}
MAX_NAME = 4096
MAX_TYPES = 10_000


def sniff(head: bytes, size: int, name: str) -> bool:
    scanned = scan(head, 0, size, limit=16, truncated_ok=True)
    if not scanned or not scanned[0]:
        return False
    fields = scanned[0]
    for f in fields:
        if f.wire not in TOP_WIRE.get(f.number, ()):
            return False
        if f.number in (1, 3) and head_text(head, f) is None:
            return False
    layers = [f for f in fields if f.number in (2, 100)]
    if not layers:
        return False
    layer = scan(head, layers[0].value, layers[0].end, limit=2)
    if layer is None or not layer[0]:
        return False
    first = layer[0][0]
    if layers[0].number == 100:  # LayerParameter starts with name (1) or type (2), as text
        return first.number in (1, 2) and first.wire == LEN and head_text(head, first) is not None
    # V1LayerParameter: bottom (2), top (3), name (4) as text, then type (5) as an enum. The type
    # must be there: a Caffe2 NetDef also keeps its operators in field 2, with inputs (1) and
    # outputs (2) as text and its arguments in 5 (caffe2.py), and must not be read as Caffe.
    fields = scan(head, layers[0].value, layers[0].end, limit=32)
    return fields is not None and any((f.number, f.wire) == (5, VARINT) for f in fields[0])


def _blob_values(w: Walker, fld: Field, depth: int) -> int:
    """Stored values of a BlobProto: data (5, float) and double_data (8), packed or not."""
    count = 0
    for f in w.message(fld, depth):
        if f.number in (5, 8):
            width = 4 if f.number == 5 else 8
            if f.wire == LEN:
                count += f.length // width
            else:
                expect(f, I32 if width == 4 else I64, "blob data")
                count += 1
    return count


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    net_name = ""
    layers = blobs = parameters = 0
    types: set[str] = set()
    with path.open("rb") as f:
        w = Walker(f, size)
        for fld in w.fields(0, size):
            if fld.number == 1:
                net_name = w.text(expect(fld, LEN, "net name"), MAX_NAME)
            elif fld.number in (2, 100):
                layers += 1
                v1 = fld.number == 2
                for g in w.message(expect(fld, LEN, "layer"), 1):
                    if g.number == (5 if v1 else 2):
                        types.add(str(g.value) if v1 and g.wire == VARINT
                                  else w.text(expect(g, LEN, "layer type"), MAX_NAME))
                        if len(types) > MAX_TYPES:
                            raise LimitExceededError(f"more than {MAX_TYPES} layer types")
                    elif g.number == (6 if v1 else 7):
                        blobs += 1
                        parameters += _blob_values(w, expect(g, LEN, "layer blob"), 2)
    if not layers:
        return None
    return ModelInfo(format="caffe", tensors=blobs, parameters=parameters, trained=parameters > 0,
                     extra={"name": net_name, "layers": layers, "layer_types": sorted(types)})


FORMATS = (Format("caffe", sniff, read, extensions=(".caffemodel",), magic=False,
                  lead=first_tag_bytes(TOP_WIRE)),)
