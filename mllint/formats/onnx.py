"""ONNX: a protobuf ``ModelProto`` (onnx/onnx.proto), read with the bounded wire walker.

We never call ``onnx.load``: it parses every inline initializer (peak RSS about twice the file,
model-formats.md §6); :mod:`mllint.formats.protobuf` seeks past ``raw_data`` instead.

Identification (model-formats.md §5): ``08`` (ir_version) first, every top-level field a
ModelProto field of the right wire type, and field 7 (graph) present. CoreML also starts ``08`` but
has no field 7 and a string-less field 2; SavedModel starts ``08 01 12`` with a message in field 2;
sentencepiece, GraphDef and Caffe start ``0a``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mllint.formats.base import (
    CorruptModelError,
    Format,
    LimitExceededError,
    ModelInfo,
    Provenance,
)
from mllint.formats.protobuf import (
    LEN,
    VARINT,
    Field,
    Walker,
    expect,
    head_text,
    scan,
    signed64,
)

# ModelProto field -> wire type (onnx.proto, onnx 1.23).
TOP_WIRE = {1: VARINT, 2: LEN, 3: LEN, 4: LEN, 5: VARINT, 6: LEN, 7: LEN, 8: LEN, 14: LEN,
            20: LEN, 25: LEN, 26: LEN}
GRAPH_FIELDS = frozenset({1, 2, 5, 10, 11, 12, 13, 14, 15, 16})
MAX_IR_VERSION = 32  # onnx 1.23 writes 14 (measured); leave room for new releases
STANDARD_DOMAINS = frozenset({"", "ai.onnx", "ai.onnx.ml", "ai.onnx.training",
                              "ai.onnx.preview.training"})
# TensorProto.DataType, onnx.proto.
DTYPES = {1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16", 6: "INT32", 7: "INT64",
          8: "STRING", 9: "BOOL", 10: "FLOAT16", 11: "DOUBLE", 12: "UINT32", 13: "UINT64",
          14: "COMPLEX64", 15: "COMPLEX128", 16: "BFLOAT16", 17: "FLOAT8E4M3FN",
          18: "FLOAT8E4M3FNUZ", 19: "FLOAT8E5M2", 20: "FLOAT8E5M2FNUZ", 21: "UINT4", 22: "INT4",
          23: "FLOAT4E2M1", 24: "FLOAT8E8M0", 25: "UINT2", 26: "INT2", 27: "FLOAT6E2M3",
          28: "FLOAT6E3M2"}
EXTERNAL = 1  # TensorProto.DataLocation.EXTERNAL
# metadata_props keys (lower-cased) that carry provenance; free-form in ONNX, these are seen in
# model zoos and exporters' --metadata options.
LICENSE_KEYS = frozenset({"license", "licence", "license_name", "license_url", "license_link"})
AUTHOR_KEYS = frozenset({"author", "authors", "creator"})
DATASET_KEYS = frozenset({"dataset", "datasets", "training_data", "train_data"})
BASE_KEYS = frozenset({"base_model", "base_model_name"})

MAX_NAME = 4096  # bytes kept of names, op types, locations
MAX_TEXT = 65536  # bytes kept of doc strings and metadata values
MAX_DIMS = 1024  # rank cap per tensor
MAX_ENTRIES = 10_000  # metadata_props, opset_import, external data entries per tensor
MAX_DISTINCT = 100_000  # distinct op types, domains, external locations
SMALL_CONSTANTS = 1024  # elements in Constant-node tensors that still count as "no weights"


@dataclass(slots=True)
class _Seen:
    """What the walk over all graphs (main, subgraphs, functions, training) collected."""

    nodes: int = 0
    ops: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    initializers: int = 0
    sparse: int = 0
    parameters: int = 0
    constant_elements: int = 0  # elements of tensors held in node attributes (Constant nodes)
    dtypes: set[str] = field(default_factory=set)
    locations: dict[str, None] = field(default_factory=dict)  # ordered set
    extents: list[list[object]] = field(default_factory=list)  # [location, offset, length]

    def add(self, target: set[str], value: str) -> None:
        target.add(value)
        if len(target) > MAX_DISTINCT:
            raise LimitExceededError(f"more than {MAX_DISTINCT} distinct op types or domains")


def _entry(w: Walker, fld: Field, depth: int) -> tuple[str, str]:
    """A StringStringEntryProto {1 key, 2 value}."""
    key = value = ""
    for f in w.message(fld, depth):
        if f.number == 1:
            key = w.text(expect(f, LEN, "entry key"), MAX_NAME)
        elif f.number == 2:
            value = w.text(expect(f, LEN, "entry value"), MAX_TEXT)
    return key, value


def _tensor(w: Walker, fld: Field, depth: int, seen: _Seen) -> int:
    """Walk a TensorProto without touching its data; return its element count."""
    dims: list[int] = []
    dtype = location = 0
    external: dict[str, str] = {}
    entries = 0
    for f in w.message(fld, depth):
        n = f.number
        if n == 1:  # dims, packed or not
            if f.wire == VARINT:
                dims.append(signed64(f.value))
            else:
                dims.extend(signed64(v) for v in w.varints(expect(f, LEN, "tensor dims"),
                                                            MAX_DIMS))
            if len(dims) > MAX_DIMS:
                raise LimitExceededError(f"tensor of rank above {MAX_DIMS}")
        elif n == 2:
            dtype = expect(f, VARINT, "tensor data_type").value
        elif n == 13:
            entries += 1
            if entries > MAX_ENTRIES:
                raise LimitExceededError(f"more than {MAX_ENTRIES} external_data entries")
            key, value = _entry(w, expect(f, LEN, "tensor external_data"), depth + 1)
            external[key] = value
        elif n == 14:
            location = expect(f, VARINT, "tensor data_location").value
        # 9 raw_data and the typed *_data fields are never read.
    if any(d < 0 for d in dims):
        raise CorruptModelError("tensor with a negative dimension")
    count = 1
    for d in dims:
        count *= d
    if dtype:
        seen.dtypes.add(DTYPES.get(dtype, str(dtype)))
    if location == EXTERNAL or external:
        where = external.get("location")
        if not where:
            raise CorruptModelError("external tensor data without a location")
        if where not in seen.locations:
            seen.locations[where] = None
            if len(seen.locations) > MAX_DISTINCT:
                raise LimitExceededError(f"more than {MAX_DISTINCT} external data files")
        if len(seen.extents) < MAX_DISTINCT:
            seen.extents.append([where, _int_or_none(external.get("offset")),
                                 _int_or_none(external.get("length"))])
    return count


def _int_or_none(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError as exc:
        raise CorruptModelError(f"external data offset or length {text[:40]!r} is not a number") \
            from exc


def _sparse(w: Walker, fld: Field, depth: int, seen: _Seen) -> int:
    """A SparseTensorProto {1 values, 2 indices, 3 dims}; its stored element count."""
    count = 0
    for f in w.message(fld, depth):
        if f.number == 1:
            count = _tensor(w, expect(f, LEN, "sparse values"), depth + 1, seen)
        elif f.number == 2:
            _tensor(w, expect(f, LEN, "sparse indices"), depth + 1, seen)
    return count


def _attribute(w: Walker, fld: Field, depth: int, seen: _Seen) -> None:
    """An AttributeProto: descend only where tensors or subgraphs live (t, g, tensors, graphs,
    sparse_tensor, sparse_tensors)."""
    for f in w.message(fld, depth):
        n = f.number
        if n in (5, 10):
            seen.constant_elements += _tensor(w, expect(f, LEN, "attribute tensor"), depth + 1,
                                              seen)
        elif n in (6, 11):
            _graph(w, expect(f, LEN, "attribute graph"), depth + 1, seen)
        elif n in (22, 23):
            seen.constant_elements += _sparse(w, expect(f, LEN, "attribute sparse tensor"),
                                              depth + 1, seen)


def _node(w: Walker, fld: Field, depth: int, seen: _Seen) -> None:
    """A NodeProto {4 op_type, 7 domain, 5 attribute}."""
    seen.nodes += 1
    for f in w.message(fld, depth):
        if f.number == 4:
            seen.add(seen.ops, w.text(expect(f, LEN, "node op_type"), MAX_NAME))
        elif f.number == 7:
            seen.add(seen.domains, w.text(expect(f, LEN, "node domain"), MAX_NAME))
        elif f.number == 5:
            _attribute(w, expect(f, LEN, "node attribute"), depth + 1, seen)


def _graph(w: Walker, fld: Field, depth: int, seen: _Seen) -> None:
    """A GraphProto {1 node, 5 initializer, 15 sparse_initializer}."""
    for f in w.message(fld, depth):
        if f.number == 1:
            _node(w, expect(f, LEN, "graph node"), depth + 1, seen)
        elif f.number == 5:
            seen.initializers += 1
            seen.parameters += _tensor(w, expect(f, LEN, "graph initializer"), depth + 1, seen)
        elif f.number == 15:
            seen.sparse += 1
            seen.parameters += _sparse(w, expect(f, LEN, "graph sparse_initializer"), depth + 1,
                                       seen)


def _function(w: Walker, fld: Field, depth: int, seen: _Seen) -> None:
    """A FunctionProto: its nodes (7) run like graph nodes."""
    for f in w.message(fld, depth):
        if f.number == 7:
            _node(w, expect(f, LEN, "function node"), depth + 1, seen)


def _training_info(w: Walker, fld: Field, depth: int, seen: _Seen) -> None:
    """A TrainingInfoProto {1 initialization, 2 algorithm} (both GraphProto)."""
    for f in w.message(fld, depth):
        if f.number in (1, 2):
            _graph(w, expect(f, LEN, "training graph"), depth + 1, seen)


def sniff(head: bytes, size: int, name: str) -> bool:
    if head[:1] != b"\x08":
        return False
    scanned = scan(head, 0, size, limit=64, truncated_ok=True)
    if scanned is None:
        return False
    fields, complete = scanned
    if not fields or not 1 <= fields[0].value <= MAX_IR_VERSION:
        return False
    for f in fields:
        if TOP_WIRE.get(f.number) != f.wire:
            return False
        # producer_name/version and domain are short text; CoreML's field 2 is a message.
        if f.number in (2, 3, 4) and head_text(head, f) is None:
            return False
        if f.number == 6 and head_text(head, f, control_ok=True) is None:
            return False
        if f.number == 7:
            graph = scan(head, f.value, f.end, limit=8)
            return graph is not None and all(g.number in GRAPH_FIELDS and g.wire == LEN
                                             for g in graph[0])
    # No graph within the head: only an ONNX file whose doc_string (or another short field)
    # is longer than the head may still have one; read() decides.
    return not complete and len(fields) > 1


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    seen = _Seen()
    text: dict[int, str] = {}
    ir_version = model_version = 0
    opsets: list[list[object]] = []
    metadata: dict[str, str] = {}
    graphs = functions = training = 0
    with path.open("rb") as f:
        w = Walker(f, size)
        for fld in w.fields(0, size):
            n = fld.number
            if n not in TOP_WIRE:
                continue  # a field from a newer onnx.proto
            expect(fld, TOP_WIRE[n], "ModelProto field")
            if n == 1:
                ir_version = fld.value
            elif n == 5:
                model_version = signed64(fld.value)
            elif n in (2, 3, 4, 6):
                text[n] = w.text(fld, MAX_TEXT if n == 6 else MAX_NAME)
            elif n == 7:
                graphs += 1
                _graph(w, fld, 1, seen)
            elif n == 8:
                if len(opsets) >= MAX_ENTRIES:
                    raise LimitExceededError(f"more than {MAX_ENTRIES} opset imports")
                opsets.append(_opset(w, fld))
            elif n == 14:
                if len(metadata) >= MAX_ENTRIES:
                    raise LimitExceededError(f"more than {MAX_ENTRIES} metadata_props")
                key, value = _entry(w, fld, 1)
                metadata[key] = value
            elif n == 20:
                training += 1
                _training_info(w, fld, 1, seen)
            elif n == 25:
                functions += 1
                _function(w, fld, 1, seen)
    if not graphs:
        return None  # a protobuf that began like ModelProto but has no graph: not ONNX
    if not 1 <= ir_version <= MAX_IR_VERSION:
        raise CorruptModelError(f"ir_version {ir_version} is not an ONNX IR version")

    prov = Provenance()
    producer = " ".join(t for t in (text.get(2, ""), text.get(3, "")) if t)
    if producer:
        prov.producer.append(producer)
    for key, value in metadata.items():
        k = key.lower()
        for keys, target in ((LICENSE_KEYS, prov.license), (AUTHOR_KEYS, prov.authors),
                             (DATASET_KEYS, prov.datasets), (BASE_KEYS, prov.base_models)):
            if k in keys and value:
                target.append(value)
    weights = (seen.initializers + seen.sparse > 0 or bool(seen.locations)
               or seen.constant_elements >= SMALL_CONSTANTS)
    return ModelInfo(
        format="onnx",
        tensors=seen.initializers + seen.sparse,
        parameters=seen.parameters,
        dtypes=tuple(sorted(seen.dtypes)),
        metadata=metadata,
        provenance=prov,
        external_data=tuple(seen.locations),
        parts=tuple(seen.locations),  # the tensor bytes live there: they are the model's size
        trained=weights,
        extra={
            "ir_version": ir_version,
            "model_version": model_version,
            "domain": text.get(4, ""),
            "doc_string": text.get(6, ""),
            "opset_import": opsets,
            "ops": sorted(seen.ops),
            "custom_domains": sorted(seen.domains - STANDARD_DOMAINS),
            "nodes": seen.nodes,
            "initializers": seen.initializers,
            "sparse_initializers": seen.sparse,
            "constant_elements": seen.constant_elements,
            "functions": functions,
            "training_info": training,
            "external_data_extents": seen.extents,
        },
    )


def _opset(w: Walker, fld: Field) -> list[object]:
    """An OperatorSetIdProto {1 domain, 2 version} as ``[domain, version]``."""
    domain, version = "", 0
    for f in w.message(fld, 1):
        if f.number == 1:
            domain = w.text(expect(f, LEN, "opset domain"), MAX_NAME)
        elif f.number == 2:
            version = signed64(expect(f, VARINT, "opset version").value)
    return [domain, version]


FORMATS = (Format("onnx", sniff, read, extensions=(".onnx",), magic=False, lead=b"\x08"),)
