"""TensorFlow: SavedModel ``saved_model.pb``, frozen GraphDef ``.pb``, checkpoint ``.index``.

Protos (tensorflow/core/protobuf/saved_model.proto, meta_graph.proto, framework/graph.proto,
node_def.proto, attr_value.proto, tensor.proto, tensor_shape.proto, function.proto,
protobuf/tensor_bundle.proto), walked with :mod:`mllint.formats.protobuf` so that ``Const``
tensor contents are skipped, never parsed (frozen graphs keep all weights inline).

Checkpoints: ``<prefix>.index`` is a LevelDB-format table (table/format.cc: blocks of
prefix-compressed entries, a 48-byte footer ending in magic ``0xdb4775248b80fb57``) mapping
variable names to ``BundleEntryProto`` (dtype, shape, shard, offset, size); key ``""`` holds the
``BundleHeaderProto``. ``<prefix>.data-NNNNN-of-MMMMM`` shards are raw tensor bytes with no header:
they are not identified by content; the index names them as its ``parts`` (their bytes are the
checkpoint's size).

A SavedModel is one model reported at its ``saved_model.pb``: its variables are the checkpoint
``variables/variables.index`` + ``variables/variables.data-*`` (tensorflow/python/saved_model/
path_helpers.py), which the SavedModel reader reads with it (tensors, parameters, dtypes, and
all of them as ``parts``). That ``variables.index``, beside a ``saved_model.pb`` that sniffs as
one, is therefore no model of its own: reported there, it would be the same model twice.

A Keras 2 ``keras_metadata.pb`` beside ``saved_model.pb`` is read with it
(``extra["keras_metadata"]``); on its own it is metadata, not a model, and is not identified.

Ops that run Python or touch files at load time are recorded in ``extra["unsafe_ops"]``
(model-formats.md §3.5, no tag yet); ``SaveV2``/``RestoreV2`` are ordinary checkpoint I/O.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

from mllint.formats.base import (
    HEAD_SIZE,
    CorruptModelError,
    Format,
    FormatError,
    LimitExceededError,
    Member,
    ModelInfo,
    Provenance,
)
from mllint.formats.protobuf import (
    LEN,
    VARINT,
    Field,
    Walker,
    decode_varint,
    expect,
    head_text,
    scan,
    signed64,
)

UNSAFE_OPS = frozenset({"PyFunc", "PyFuncStateless", "EagerPyFunc", "ReadFile", "WriteFile",
                        "LoadLibrary"})
# DataType, tensorflow/core/framework/types.proto (reference types add 100).
DTYPES = {1: "DT_FLOAT", 2: "DT_DOUBLE", 3: "DT_INT32", 4: "DT_UINT8", 5: "DT_INT16",
          6: "DT_INT8", 7: "DT_STRING", 8: "DT_COMPLEX64", 9: "DT_INT64", 10: "DT_BOOL",
          11: "DT_QINT8", 12: "DT_QUINT8", 13: "DT_QINT32", 14: "DT_BFLOAT16", 15: "DT_QINT16",
          16: "DT_QUINT16", 17: "DT_UINT16", 18: "DT_COMPLEX128", 19: "DT_HALF",
          20: "DT_RESOURCE", 21: "DT_VARIANT", 22: "DT_UINT32", 23: "DT_UINT64"}
NODE_NAME = re.compile(r"[A-Za-z0-9.][A-Za-z0-9_.\-/>]*")  # graph.proto's NodeDef.name rule
OP_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_>]*")
MAX_NAME = 4096
MAX_DISTINCT = 100_000  # distinct op types
MAX_DIMS = 1024
SMALL_CONSTANTS = 1024  # Const elements below this are shapes and scalars, not weights
# Ops that produce a tensor from no input (core/ops/array_ops.cc, state_ops.cc,
# resource_variable_ops.cc): a graph computes from at least one of them. A protobuf of
# string pairs (a label map {1 {1 "n01440764", 2 "tench"}}) walks like NodeDefs but has none.
SOURCE_OPS = frozenset({"Const", "Placeholder", "PlaceholderV2", "PlaceholderWithDefault",
                        "Variable", "VariableV2", "VarHandleOp"})

TABLE_MAGIC = 0xDB4775248B80FB57  # LevelDB table/format.h kTableMagicNumber
FOOTER = 48  # two padded BlockHandles (40 bytes) + magic
MAX_BLOCK = 64 << 20  # bytes; an index block of a checkpoint is KB to MB
MAX_ENTRIES = 5_000_000  # variables in one checkpoint
MAX_SHARDS_LISTED = 1000
KERAS_METADATA = "keras_metadata.pb"
SAVED_MODEL = "saved_model.pb"
VARIABLES = "variables"  # the SavedModel's checkpoint directory and prefix
VARIABLES_INDEX = "variables.index"
MAX_KERAS_JSON = 64 << 20  # bytes of Keras object metadata kept


@dataclass(slots=True)
class _Graph:
    nodes: int = 0
    ops: set[str] = field(default_factory=set)
    consts: int = 0
    parameters: int = 0
    dtypes: set[str] = field(default_factory=set)
    producer: int | None = None

    def op(self, name: str) -> None:
        self.ops.add(name)
        if len(self.ops) > MAX_DISTINCT:
            raise LimitExceededError(f"more than {MAX_DISTINCT} distinct ops")

    def extra(self) -> dict[str, object]:
        return {"nodes": self.nodes, "ops": sorted(self.ops),
                "unsafe_ops": sorted(self.ops & UNSAFE_OPS), "const_nodes": self.consts,
                "producer_version": self.producer}


def _shape(w: Walker, fld: Field, depth: int) -> list[int]:
    """TensorShapeProto {2 dim {1 size}}; unknown sizes (-1) count as 0."""
    dims: list[int] = []
    for f in w.message(fld, depth):
        if f.number == 2:
            for g in w.message(expect(f, LEN, "shape dim"), depth + 1):
                if g.number == 1:
                    dims.append(max(signed64(expect(g, VARINT, "dim size").value), 0))
            if len(dims) > MAX_DIMS:
                raise LimitExceededError(f"tensor of rank above {MAX_DIMS}")
    return dims


def _product(dims: list[int]) -> int:
    count = 1
    for d in dims:
        count *= d
    return count


def _const_tensor(w: Walker, fld: Field, depth: int, graph: _Graph) -> None:
    """AttrValue {8 tensor: TensorProto {1 dtype, 2 tensor_shape}} of a Const node's ``value``."""
    for f in w.message(fld, depth):
        if f.number != 8:
            continue
        dims: list[int] = []
        for g in w.message(expect(f, LEN, "attr tensor"), depth + 1):
            if g.number == 1:
                dtype = expect(g, VARINT, "tensor dtype").value
                graph.dtypes.add(DTYPES.get(dtype, str(dtype)))
            elif g.number == 2:
                dims = _shape(w, expect(g, LEN, "tensor shape"), depth + 2)
        graph.parameters += _product(dims)


def _node(w: Walker, fld: Field, depth: int, graph: _Graph) -> None:
    """NodeDef {1 name, 2 op, 5 attr map<string, AttrValue>}."""
    graph.nodes += 1
    op = ""
    for f in w.message(fld, depth):
        if f.number == 2:
            op = w.text(expect(f, LEN, "node op"), MAX_NAME)
            graph.op(op)
            if op == "Const":
                graph.consts += 1
        elif f.number == 5 and op == "Const":
            key, value = "", None
            for g in w.message(expect(f, LEN, "node attr"), depth + 1):
                if g.number == 1:
                    key = w.text(expect(g, LEN, "attr key"), MAX_NAME)
                elif g.number == 2:
                    value = expect(g, LEN, "attr value")
            if key == "value" and value is not None:
                _const_tensor(w, value, depth + 2, graph)


def _graph_def(w: Walker, fld: Field | None, depth: int, graph: _Graph) -> None:
    """GraphDef {1 node, 2 library {1 function {3 node_def}}, 4 versions {1 producer}}; ``fld``
    None: the whole file is the GraphDef."""
    fields = w.fields(0, w.size, depth) if fld is None else w.message(fld, depth)
    for f in fields:
        if f.number == 1:
            _node(w, expect(f, LEN, "graph node"), depth + 1, graph)
        elif f.number == 2:
            for g in w.message(expect(f, LEN, "graph library"), depth + 1):
                if g.number != 1:
                    continue
                for h in w.message(expect(g, LEN, "library function"), depth + 2):
                    if h.number == 3:
                        _node(w, expect(h, LEN, "function node"), depth + 3, graph)
        elif f.number == 4:
            for g in w.message(expect(f, LEN, "graph versions"), depth + 1):
                if g.number == 1:
                    graph.producer = signed64(expect(g, VARINT, "producer").value)


def _node_like(data: bytes, f: Field) -> bool:
    """Does the LEN field ``f`` in the head start like a NodeDef: name (1), then op (2)?"""
    node = scan(data, f.value, f.end, limit=2)
    if node is None or len(node[0]) < 2:
        return False
    name, op = node[0]
    if (name.number, name.wire, op.number, op.wire) != (1, LEN, 2, LEN) or op.end > len(data):
        return False
    name_text, op_text = head_text(data, name), head_text(data, op)
    return (name_text is not None and op_text is not None and OP_NAME.fullmatch(op_text)
            is not None and (name.end > len(data) or NODE_NAME.fullmatch(name_text) is not None))


def sniff_graphdef(head: bytes, size: int, name: str) -> bool:
    scanned = scan(head, 0, size, limit=16, truncated_ok=True)
    if not scanned or not scanned[0] or head[:1] != b"\x0a":
        return False
    return _node_like(head, scanned[0][0]) and all(
        (f.number, f.wire) in ((1, LEN), (2, LEN), (3, VARINT), (4, LEN)) for f in scanned[0])


def read_graphdef(path: Path, head: bytes, size: int) -> ModelInfo | None:
    graph = _Graph()
    with path.open("rb") as f:
        _graph_def(Walker(f, size), None, 0, graph)
    if not graph.ops & SOURCE_OPS:
        return None  # nodes whose ops are not TensorFlow's: another message of strings
    prov = Provenance()
    if graph.producer is not None:
        prov.producer.append(f"tensorflow graph producer {graph.producer}")
    return ModelInfo(format="tf-graphdef", tensors=graph.consts, parameters=graph.parameters,
                     dtypes=tuple(sorted(graph.dtypes)), provenance=prov,
                     trained=graph.parameters >= SMALL_CONSTANTS, extra=graph.extra())


def sniff_savedmodel(head: bytes, size: int, name: str) -> bool:
    if head[:3] != b"\x08\x01\x12":  # saved_model_schema_version 1, then meta_graphs
        return False
    scanned = scan(head, 0, size, limit=4, truncated_ok=True)
    if not scanned or len(scanned[0]) < 2 or any(f.number > 2 for f in scanned[0]):
        return False  # SavedModel has fields 1 and 2 only (Core ML's model type is 200+)
    meta = scan(head, scanned[0][1].value, scanned[0][1].end, limit=8)
    # MetaGraphDef: meta_info_def (1), graph_def (2), saver_def (3), ... object_graph_def (7).
    return meta is not None and bool(meta[0]) and all(
        1 <= f.number <= 9 and f.wire == LEN for f in meta[0])


def read_savedmodel(path: Path, head: bytes, size: int) -> ModelInfo | None:
    graph = _Graph()
    tags: list[str] = []
    versions: list[str] = []
    metagraphs = 0
    with path.open("rb") as f:
        w = Walker(f, size)
        for fld in w.fields(0, size):
            if fld.number == 1 and expect(fld, VARINT, "schema version").value != 1:
                return None
            if fld.number != 2:
                continue
            metagraphs += 1
            for g in w.message(expect(fld, LEN, "meta_graphs"), 1):
                if g.number == 1:  # MetaInfoDef {4 tags, 5 tensorflow_version}
                    for h in w.message(expect(g, LEN, "meta_info_def"), 2):
                        if h.number == 4 and len(tags) < 100:
                            tags.append(w.text(expect(h, LEN, "tag"), MAX_NAME))
                        elif h.number == 5:
                            versions.append(w.text(expect(h, LEN, "tensorflow_version"), 64))
                elif g.number == 2:
                    _graph_def(w, expect(g, LEN, "graph_def"), 2, graph)
    if not metagraphs:
        return None
    prov = Provenance(producer=[f"tensorflow {v}" for v in dict.fromkeys(versions) if v])
    extra: dict[str, object] = {**graph.extra(), "meta_graphs": metagraphs, "tags": tags}
    keras = path.with_name(KERAS_METADATA)
    if not keras.is_symlink() and keras.is_file():
        extra["keras_metadata"] = _keras_metadata(keras)
    info = ModelInfo(format="tf-savedmodel", tensors=graph.consts, parameters=graph.parameters,
                     dtypes=tuple(sorted(graph.dtypes)), provenance=prov, extra=extra)
    _add_variables(path.parent / VARIABLES / VARIABLES_INDEX, info)
    return info


def _add_variables(index: Path, info: ModelInfo) -> None:
    """Add the SavedModel's variables checkpoint to ``info``: its counts, and its index and
    shards as ``parts``. A broken index is a member error (``ml-model-corrupt`` on the
    SavedModel); a missing one leaves the graph alone (a SavedModel may have no variables)."""
    if index.is_symlink() or not index.is_file():
        return
    name = f"{VARIABLES}/{VARIABLES_INDEX}"
    try:
        size = index.stat().st_size
        with index.open("rb") as f:
            head = f.read(HEAD_SIZE)
        ckpt = _checkpoint(index, size) if sniff_checkpoint(head, size, index.name) else None
    except FormatError as err:
        info.members.append(Member(name, None, err))
        return
    except OSError as exc:
        info.members.append(Member(name, None, CorruptModelError(
            f"unreadable ({type(exc).__name__})")))
        return
    if ckpt is None:
        return
    info.tensors = (info.tensors or 0) + (ckpt.tensors or 0)
    info.parameters = (info.parameters or 0) + (ckpt.parameters or 0)
    info.dtypes = tuple(sorted(set(info.dtypes) | set(ckpt.dtypes)))
    info.extra["variables"] = ckpt.extra
    info.parts = (name, *(f"{VARIABLES}/{part}" for part in ckpt.parts))


def _in_savedmodel(path: Path) -> bool:
    """Is ``path`` the ``variables/variables.index`` of a SavedModel: beside a regular
    ``../saved_model.pb`` whose head sniffs as one? (Container members are never.)"""
    if not isinstance(path, Path) or (path.parent.name, path.name) != (VARIABLES,
                                                                       VARIABLES_INDEX):
        return False
    graph = path.parent.with_name(SAVED_MODEL)
    try:
        if graph.is_symlink() or not graph.is_file():
            return False
        size = graph.stat().st_size
        with graph.open("rb") as f:
            return sniff_savedmodel(f.read(HEAD_SIZE), size, SAVED_MODEL)
    except OSError:
        return False


def _keras_metadata(path: Path) -> list[list[str]]:
    """Keras 2's ``keras_metadata.pb`` beside ``saved_model.pb`` (keras/protobuf/
    saved_metadata.proto: SavedMetadata {1 nodes: SavedObject {3 node_path, 4 identifier,
    5 metadata}}): ``[node_path, identifier, metadata JSON]`` per Keras object, for the Keras
    config checks (model-formats.md §3.5). The JSON is returned as text, never evaluated."""
    objects: list[list[str]] = []
    total = 0
    size = path.stat().st_size
    with path.open("rb") as f:
        w = Walker(f, size)
        for node in w.fields(0, size):
            entry = ["", "", ""]
            for g in w.message(expect(node, LEN, "keras metadata node"), 1):
                if g.number in (3, 4, 5):
                    expect(g, LEN, "keras metadata field")
                    total += g.length
                    if total > MAX_KERAS_JSON:
                        raise LimitExceededError(
                            f"keras_metadata.pb holds more than {MAX_KERAS_JSON} bytes of text")
                    entry[g.number - 3] = w.text(g, g.length)
            objects.append(entry)
    return objects


def sniff_checkpoint(head: bytes, size: int, name: str) -> bool:
    """The first table entry: key "" (shared 0, non_shared 0) with a BundleHeaderProto value
    {1 num_shards, 2 endianness, 3 version}."""
    if head[:2] != b"\x00\x00" or size < FOOTER + 3:
        return False
    got = decode_varint(head, 2, min(len(head), 7))
    if got is None or not 2 <= got[0] <= 64 or got[1] + got[0] > len(head):
        return False
    header = scan(head, got[1], got[1] + got[0])
    return header is not None and header[1] and bool(header[0]) and header[0][0].number == 1 \
        and all((f.number, f.wire) in ((1, VARINT), (2, VARINT), (3, LEN)) for f in header[0])


def _block(f, offset: int, length: int, size: int) -> bytes | None:
    """A table block's contents, or ``None`` if it is compressed (we do not decompress)."""
    if length > MAX_BLOCK:
        raise LimitExceededError(f"checkpoint index block of {length} bytes")
    if offset + length + 5 > size - FOOTER:
        raise CorruptModelError("checkpoint index block lies outside the file")
    f.seek(offset)
    data = f.read(length + 1)  # contents + compression type (the 4-byte crc follows)
    return data[:length] if data[length] == 0 else None


def _entries(block: bytes):
    """(key, value) pairs of an uncompressed block (restart array at the end)."""
    if len(block) < 4:
        raise CorruptModelError("checkpoint index block too short")
    (restarts,) = struct.unpack_from("<I", block, len(block) - 4)
    end = len(block) - 4 - 4 * restarts
    if end < 0:
        raise CorruptModelError("checkpoint index block restart array exceeds the block")
    pos, key = 0, b""
    while pos < end:
        head = []
        for _ in range(3):  # shared, non_shared, value_length
            got = decode_varint(block, pos, end)
            if got is None:
                raise CorruptModelError("truncated checkpoint index entry")
            head.append(got[0])
            pos = got[1]
        shared, non_shared, value_length = head
        if shared > len(key) or non_shared + value_length > end - pos:
            raise CorruptModelError("checkpoint index entry runs past its block")
        key = key[:shared] + block[pos:pos + non_shared]
        pos += non_shared
        yield key, block[pos:pos + value_length]
        pos += value_length


def _handle(data: bytes, pos: int) -> tuple[int, int, int]:
    """A BlockHandle (varint offset, varint size) at ``pos``: ``(offset, size, next_pos)``."""
    out = []
    for _ in range(2):
        got = decode_varint(data, pos, len(data))
        if got is None:
            raise CorruptModelError("truncated checkpoint block handle")
        out.append(got[0])
        pos = got[1]
    return out[0], out[1], pos


def read_checkpoint(path: Path, head: bytes, size: int) -> ModelInfo | None:
    if _in_savedmodel(path):
        return None  # part of the SavedModel, read and reported with its saved_model.pb
    return _checkpoint(path, size)


def _checkpoint(path: Path, size: int) -> ModelInfo | None:
    with path.open("rb") as f:
        f.seek(size - FOOTER)
        footer = f.read(FOOTER)
        if len(footer) != FOOTER or struct.unpack_from("<Q", footer, 40)[0] != TABLE_MAGIC:
            return None  # began like a bundle header but is no LevelDB table
        _, _, pos = _handle(footer, 0)  # metaindex handle: unused
        index_offset, index_size, _ = _handle(footer, pos)
        index = _block(f, index_offset, index_size, size)
        if index is None:
            raise CorruptModelError("compressed checkpoint index is not supported")
        shards, variables, parameters, compressed = 1, 0, 0, False
        dtypes: set[str] = set()
        for _, handle in _entries(index):
            offset, length, _ = _handle(handle, 0)
            block = _block(f, offset, length, size)
            if block is None:
                compressed = True
                continue
            for key, value in _entries(block):
                if key == b"":
                    shards = _bundle_header(value)
                    continue
                variables += 1
                if variables > MAX_ENTRIES:
                    raise LimitExceededError(f"more than {MAX_ENTRIES} checkpoint entries")
                dtype, count = _bundle_entry(value)
                parameters += count
                if dtype:
                    dtypes.add(DTYPES.get(dtype, str(dtype)))
    stem = path.name.removesuffix(".index")
    return ModelInfo(format="tf-checkpoint", tensors=variables, parameters=parameters,
                     dtypes=tuple(sorted(dtypes)), trained=True,
                     parts=tuple(f"{stem}.data-{i:05d}-of-{shards:05d}"
                                 for i in range(min(shards, MAX_SHARDS_LISTED))),
                     extra={"num_shards": shards, "compressed_blocks": compressed})


def _message(value: bytes, what: str) -> list[Field]:
    scanned = scan(value, 0, len(value), limit=1 << 16)
    if scanned is None or not scanned[1]:
        raise CorruptModelError(f"checkpoint {what} is not a protobuf message")
    return scanned[0]


def _bundle_header(value: bytes) -> int:
    for f in _message(value, "header"):
        if f.number == 1 and f.wire == VARINT:
            if not 1 <= f.value <= 1_000_000:
                raise CorruptModelError(f"checkpoint claims {f.value} shards")
            return f.value
    return 1


def _bundle_entry(value: bytes) -> tuple[int, int]:
    """BundleEntryProto {1 dtype, 2 shape}: ``(dtype, element_count)``."""
    dtype, dims = 0, []
    for f in _message(value, "entry"):
        if f.number == 1 and f.wire == VARINT:
            dtype = f.value
        elif f.number == 2 and f.wire == LEN:
            for dim in _message(value[f.value:f.end], "shape"):
                if dim.number != 2 or dim.wire != LEN:
                    continue
                sub = value[f.value + dim.value:f.value + dim.end]
                for g in _message(sub, "dim"):
                    if g.number == 1 and g.wire == VARINT:
                        dims.append(max(signed64(g.value), 0))
    return dtype, _product(dims)


FORMATS = (
    Format("tf-savedmodel", sniff_savedmodel, read_savedmodel, extensions=(".pb",), magic=False,
           lead=b"\x08"),
    Format("tf-graphdef", sniff_graphdef, read_graphdef, extensions=(".pb",), magic=False,
           lead=b"\x0a"),
    Format("tf-checkpoint", sniff_checkpoint, read_checkpoint, extensions=(".index",),
           magic=False, lead=b"\x00"),
)
