"""Byte-level builders for test inputs that no installed library writes (GGUF, torch zips,
dlib models, pocketsphinx senone dumps, Arm NN graphs). The golden fixtures import the last
three too (testdata/fixtures/domain_models.py), so there is one copy of each writer."""

from __future__ import annotations

import json
import math
import pickle
import struct
import zipfile
import zlib
from pathlib import Path


def gstr(text: str | bytes) -> bytes:
    raw = text.encode() if isinstance(text, str) else text
    return struct.pack("<Q", len(raw)) + raw


def kv_str(key: str, value: str) -> bytes:
    return gstr(key) + struct.pack("<I", 8) + gstr(value)


def kv_u32(key: str, value: int) -> bytes:
    return gstr(key) + struct.pack("<II", 4, value)


def kv_str_array(key: str, values: list[str]) -> bytes:
    return gstr(key) + struct.pack("<IIQ", 9, 8, len(values)) + b"".join(gstr(v) for v in values)


def kv_f32_array(key: str, values: list[float]) -> bytes:
    return (gstr(key) + struct.pack("<IIQ", 9, 6, len(values))
            + struct.pack(f"<{len(values)}f", *values))


def tensor_info(name: str, dims: tuple[int, ...], ggml_type: int, offset: int) -> bytes:
    return (gstr(name) + struct.pack("<I", len(dims)) + struct.pack(f"<{len(dims)}Q", *dims)
            + struct.pack("<IQ", ggml_type, offset))


def gguf(kvs: list[bytes], tensors: list[bytes], data: bytes = b"", version: int = 3) -> bytes:
    """A GGUF v2/v3 file: header, KVs, tensor infos, padding to 32, data."""
    body = (b"GGUF" + struct.pack("<IQQ", version, len(tensors), len(kvs)) + b"".join(kvs)
            + b"".join(tensors))
    return body + b"\0" * (-len(body) % 32) + data


def small_gguf() -> bytes:
    """A valid 2-tensor F32 GGUF with provenance keys, a vocabulary and a chat template."""
    kvs = [
        kv_str("general.architecture", "llama"),
        kv_str("general.name", "tiny"),
        kv_str("general.license", "apache-2.0"),
        kv_str("general.author", "Jane Roe"),
        kv_u32("general.base_model.count", 1),
        kv_str("general.base_model.0.name", "Base"),
        kv_str("general.base_model.0.repo_url", "https://huggingface.co/org/base"),
        kv_u32("general.dataset.count", 1),
        kv_str("general.dataset.0.name", "corpus"),
        kv_str("general.source.url", "https://example.org/src"),
        kv_str_array("general.tags", ["a", "b"]),
        kv_str_array("tokenizer.ggml.tokens", ["<s>", "</s>", "x"]),
        kv_f32_array("tokenizer.ggml.scores", [0.0, 0.0, -1.0]),
        kv_str("tokenizer.chat_template", "{% for m in messages %}{{ m }}{% endfor %}"),
    ]
    tensors = [tensor_info("a", (4, 2), 0, 0), tensor_info("b", (8,), 0, 32)]
    return gguf(kvs, tensors, b"\0" * 64)


def stack_global_pickle(module: str, name: str, arg: str) -> bytes:
    """Protocol 4: STACK_GLOBAL + REDUCE, written by hand so nothing is imported at dump time."""
    s = lambda t: b"\x8c" + bytes([len(t)]) + t.encode()  # noqa: E731  SHORT_BINUNICODE
    return b"\x80\x04" + s(module) + s(name) + b"\x93" + s(arg) + b"\x85R."


def _bin_str(text: str) -> bytes:
    raw = text.encode()
    return b"X" + struct.pack("<I", len(raw)) + raw


def _bin_int(n: int) -> bytes:
    """The smallest of BININT1, BININT2, BININT or LONG1, as pickle chooses (protocol 2)."""
    if 0 <= n < 256:
        return b"K" + bytes([n])
    if 0 <= n < 65536:
        return b"M" + struct.pack("<H", n)
    if -2**31 <= n < 2**31:
        return b"J" + struct.pack("<i", n)
    raw = n.to_bytes((n.bit_length() + 8) // 8, "little", signed=True)
    return b"\x8a" + bytes([len(raw)]) + raw


def torch_tensor(storage_class: str, key: str, numel: int, size: tuple[int, ...],
                 offset: int = 0, parameter: bool = False) -> bytes:
    """A tensor as torch.save's pickler writes it (protocol 2): ``_rebuild_tensor_v2`` applied to
    (storage persistent id, offset, size, stride, requires_grad, backward hooks); wrapped in
    ``_rebuild_parameter`` for an ``nn.Parameter``. Storage ids are
    ``("storage", torch.<class>, key, location, numel)``."""
    stride, step = [], 1
    for d in reversed(size):
        stride.insert(0, step)
        step *= max(d, 1)
    tup = lambda items: b"(" + b"".join(items) + b"t"  # noqa: E731  MARK ... TUPLE
    pid = tup([_bin_str("storage"), f"ctorch\n{storage_class}\n".encode(), _bin_str(key),
               _bin_str("cpu"), _bin_int(numel)]) + b"Q"
    hooks = b"ccollections\nOrderedDict\n)R"
    tensor = (b"ctorch._utils\n_rebuild_tensor_v2\n"
              + tup([pid, _bin_int(offset), tup([_bin_int(d) for d in size]),
                     tup([_bin_int(d) for d in stride]), b"\x89", hooks]) + b"R")
    if parameter:
        tensor = b"ctorch._utils\n_rebuild_parameter\n" + tup([tensor, b"\x88", hooks]) + b"R"
    return tensor


def torch_state_dict(tensors: dict[str, bytes]) -> bytes:
    """data.pkl of ``torch.save(OrderedDict(name=tensor, ...))``, protocol 2."""
    items = b"".join(_bin_str(name) + t for name, t in tensors.items())
    return b"\x80\x02ccollections\nOrderedDict\n)R(" + items + b"u."


def torch_zip(path: Path, extra: dict[str, bytes] | None = None, script: bool = False) -> Path:
    """A torch.save-shaped zip (stored members, ``archive/`` prefix); no torch needed."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.pkl", pickle.dumps({"w": 1}, protocol=2))
        z.writestr("archive/byteorder", "little")
        z.writestr("archive/data/0", b"\x80\x02\x00\x00" * 4)  # floats that look like a pickle
        if script:
            z.writestr("archive/code/__torch__/m.py", "def forward(self, x):\n    return x\n")
            z.writestr("archive/constants.pkl", pickle.dumps((), protocol=2))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        z.writestr("archive/version", "3\n")
    return path


def torch_package_pickle(module: str, name: str, tensors: dict[str, bytes]) -> bytes:
    """A ``save_pickle`` resource (protocol 3): an instance of the package's own class
    ``module.name`` built by NEWOBJ, its ``__dict__`` set to ``{attribute: tensor}`` by BUILD."""
    items = b"".join(_bin_str(key) + t for key, t in tensors.items())
    return (b"\x80\x03c" + f"{module}\n{name}\n".encode() + b")\x81}(" + items + b"ub.")


def torch_package(name: str, pickles: dict[str, bytes], storages: dict[str, bytes],
                  extern: tuple[str, ...] = ("torch",), sources: dict[str, str] | None = None,
                  ) -> bytes:
    """A torch.package archive as ``PackageExporter`` writes it (torch/package/
    package_exporter.py; caffe2/serialize/inline_container.cc), every record under ``name/``:
    storages ``.data/<key>.storage`` (written while pickling), the pickles (``model/model.pkl``),
    module sources, ``.data/extern_modules``, ``.data/python_version``, then the writer's
    ``.data/version``, ``byteorder`` and ``.data/serialization_id``. Stored, fixed dates."""
    import io

    records = [(f".data/{key}.storage", data) for key, data in storages.items()]
    records += list(pickles.items())
    records += [(path, text.encode()) for path, text in (sources or {}).items()]
    records += [(".data/extern_modules", ("\n".join(extern) + "\n").encode()),
                (".data/python_version", b"3.11.2"), (".data/version", b"6\n"),
                ("byteorder", b"little"), (".data/serialization_id", b"1519461240711452712")]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for record, data in records:
            z.writestr(zipfile.ZipInfo(f"{name}/{record}", (2026, 11, 30, 12, 0, 0)), data)
    return buf.getvalue()


def raw_zip(members: list[tuple[str, bytes]], local_names: dict[str, str] | None = None,
            hidden: set[str] | None = None, flags: int = 0, bad_crc: bool = False) -> bytes:
    """A stored zip written byte by byte, with the anomalies zipfile refuses to write.

    ``local_names`` renames members in their local headers only; ``hidden`` members get a local
    header and data but no central entry; ``flags`` go into both headers; ``bad_crc`` writes 0.
    """
    local_names, hidden = local_names or {}, hidden or set()
    out, central = bytearray(), bytearray()
    count = 0
    for name, data in members:
        crc = 0 if bad_crc else zlib.crc32(data)
        lname = local_names.get(name, name).encode()
        offset = len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, 0, 0, 0, crc, len(data),
                           len(data), len(lname), 0) + lname + data
        if name in hidden:
            continue
        cname = name.encode()
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, 0, 0, 0, crc,
                               len(data), len(data), len(cname), 0, 0, 0, 0, 0, offset) + cname
        count += 1
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


def head_of(path: Path) -> tuple[bytes, int]:
    """The index's view of a file: its first 4 KiB and its size."""
    data = path.read_bytes()
    return data[:4096], len(data)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def fmt_of(data: bytes, name: str) -> str | None:
    """The format id the registry gives ``data`` named ``name``, or ``None``."""
    from mllint.formats import identify

    found = identify(data[:4096], len(data), name)
    return found.id if found else None


def read_file(path: Path):
    """``mllint.formats.read`` on a file as the index would call it."""
    from mllint.formats import read

    head, size = head_of(path)
    return read(path, head, size, path.name)


# -- dlib (dlib/serialize.h: packed integers; float_details) -------------------------------------
def dlib_int(value: int) -> bytes:
    """A control byte (byte count, 0x80 when negative), then the magnitude little-endian."""
    raw = abs(value).to_bytes(max(1, (abs(value).bit_length() + 7) // 8), "little")
    return bytes([len(raw) | (0x80 if value < 0 else 0)]) + raw


def dlib_float(x: float) -> bytes:
    """Mantissa and exponent with ``x == mantissa * 2**exponent`` (24-bit mantissa)."""
    m, e = math.frexp(x)
    return dlib_int(int(m * (1 << 24))) + dlib_int(e - 24 if m else 0)


def dlib_str(text: str) -> bytes:
    return dlib_int(len(text)) + text.encode()


def dlib_column(values: list[float]) -> bytes:
    """``matrix<float,0,1>``: -rows, -1, then the values."""
    return dlib_int(-len(values)) + dlib_int(-1) + b"".join(dlib_float(v) for v in values)


def dlib_shape_predictor(landmarks: int = 3, cascades: int = 2, trees: int = 3,
                         depth: int = 2, features: int = 4) -> bytes:
    """serialize(shape_predictor): version 1, mean shape, forests, anchor_idx, deltas."""
    rows = 2 * landmarks
    splits = (1 << depth) - 1
    tree = (dlib_int(splits)
            + b"".join(dlib_int(i) + dlib_int(i + 1) + dlib_float(0.25) for i in range(splits))
            + dlib_int(splits + 1) + dlib_column([0.015625] * rows) * (splits + 1))
    out = dlib_int(1) + dlib_column([0.125 * i for i in range(rows)])
    out += dlib_int(cascades) + (dlib_int(trees) + tree * trees) * cascades
    out += dlib_int(cascades) + (dlib_int(features) + dlib_int(1) * features) * cascades
    out += dlib_int(cascades) + (dlib_int(features) + dlib_float(0.5) * 2 * features) * cascades
    return out


def dlib_dnn(loss: str = "loss_metric_2", input_layer: str = "input_rgb_image",
             layers: int = 3) -> bytes:
    """serialize(add_loss_layer): version 1, the loss (name, margin, threshold), the layer
    versions from the output down (add_layer 2, the innermost 3), the input layer, then each
    layer's details (a name and a few floats here)."""
    out = dlib_int(1) + dlib_str(loss) + dlib_float(0.04) + dlib_float(0.6)
    out += dlib_int(2) * (layers - 1) + dlib_int(3) + dlib_str(input_layer)
    out += dlib_float(122.782) + dlib_float(117.001) + dlib_float(104.298)
    for i in range(layers):
        out += dlib_str("fc_") + dlib_int(10 + i) + dlib_float(1.0) * 16
    return out


# -- pocketsphinx sendump (SphinxTrain mk_s2sendump; pocketsphinx read_sendump) ------------------
def sendump(features: int = 1, rows: int = 4, cols: int = 6, order: str = "<",
            clusters: int = 0, bits: int = 8) -> bytes:
    """Title, header and key strings (each i32 length, bytes), 4-byte alignment padding, a zero
    length; then rows and columns (without a cluster codebook) and the weight bytes."""
    def s(text: bytes) -> bytes:
        return struct.pack(order + "i", len(text)) + text

    out = s(b"BEGIN FILE FORMAT DESCRIPTION\0") + s(b"mixture weights, one byte each\0")
    out += s(f"cluster_count {clusters}\0".encode()) + s(b"codebook_count 1\0")
    out += s(f"feature_count {features}\0".encode())
    if clusters:
        out += s(f"mixture_count {rows}\0".encode()) + s(f"model_count {cols}\0".encode())
        out += s(f"cluster_bits {bits}\0".encode())
    if len(out) % 4:
        out += s(b"!" * (4 - len(out) % 4))
    out += struct.pack(order + "i", 0)
    if not clusters:
        out += struct.pack(order + "ii", rows, cols)
    step = (cols + 1) // 2 if bits == 4 else cols
    codebook = 16 if clusters == 15 else clusters
    return out + bytes(range(codebook)) + bytes(features * rows * step)


# -- Arm NN (src/armnnSerializer/ArmnnSchema.fbs), with flatbuf.py ---------------------------------
def armnn_tensor(shape: tuple[int, ...], data_type: int = 1) -> dict:
    """ConstTensor {info TensorInfo {dimensions, dataType}, data: ByteData {data}}."""
    from flatbuf import Byte, Ints

    count = math.prod(shape)
    return {0: {0: Ints(shape), 1: Byte(data_type)}, 1: Byte(1), 2: {0: bytes(4 * count)}}


def armnn_layer(union_type: int, layer_type: int, index: int, name: str,
                fields: dict | None = None, bindable: bool = False) -> dict:
    """AnyLayer {layer_type, layer}; the layer's base is a LayerBase {index, layerName,
    layerType}, wrapped in a BindableLayerBase for input and output layers."""
    from flatbuf import Byte

    base: dict = {0: index, 1: name, 2: layer_type}
    if bindable:
        base = {0: base, 1: 0}
    return {0: Byte(union_type), 1: {0: base, **(fields or {})}}


def armnn_graph(weights: tuple[int, ...] = (2, 4), fc_layer_type: int = 11) -> bytes:
    """Input -> FullyConnected (weights, bias) -> Output, as Arm NN serializes it: no file
    identifier. Union types: InputLayer 9, FullyConnectedLayer 8, OutputLayer 11; layer
    types: Input 1, FullyConnected 11, Output 3."""
    from flatbuf import Byte, Ints, build

    fc = armnn_layer(8, fc_layer_type, 1, "fc1", {1: {0: Byte(1)}, 2: armnn_tensor(weights),
                                                  3: armnn_tensor(weights[:1])})
    root = {0: [armnn_layer(9, 1, 0, "input", bindable=True), fc,
                armnn_layer(11, 3, 2, "output", bindable=True)],
            1: Ints([0]), 2: Ints([0]), 3: {0: 1, 1: 0, 2: 0}}
    return build(root, identifier=b"")


# -- TensorFlow (graph.proto, saved_model.proto, tensor_bundle.proto; LevelDB table/format.cc) --
def tf_node(name: str, op: str, *inputs: str) -> bytes:
    """NodeDef {1 name, 2 op, 3 input}."""
    from pb import ld

    return ld(1, name) + ld(2, op) + b"".join(ld(3, i) for i in inputs)


def tf_const(name: str, dims: list[int], content: bytes = bytes(64)) -> bytes:
    """A float ``Const`` NodeDef: attr ``dtype`` DT_FLOAT and attr ``value`` a TensorProto
    {1 dtype, 2 tensor_shape {2 dim {1 size}}, 4 tensor_content}."""
    from pb import ld, vi

    shape = b"".join(ld(2, vi(1, d)) for d in dims)
    tensor = vi(1, 1) + ld(2, shape) + ld(4, content)
    return tf_node(name, "Const") + ld(5, ld(1, "dtype") + ld(2, vi(6, 1))) \
        + ld(5, ld(1, "value") + ld(2, ld(8, tensor)))


def tf_graph_def(nodes: list[bytes], producer: int | None = None, library: bytes = b"") -> bytes:
    """GraphDef {1 node, 2 library, 4 versions {1 producer}}."""
    from pb import ld, vi

    return b"".join(ld(1, n) for n in nodes) + (ld(2, library) if library else b"") \
        + (ld(4, vi(1, producer)) if producer is not None else b"")


def tf_saved_model(graph: bytes, tags: tuple[str, ...] = ("serve",),
                   version: str = "2.15.0") -> bytes:
    """SavedModel {1 schema_version 1, 2 meta_graphs {1 meta_info_def {1 meta_graph_version,
    4 tags, 5 tensorflow_version}, 2 graph_def}}."""
    from pb import ld, vi

    meta_info = ld(1, "") + b"".join(ld(4, t) for t in tags) + ld(5, version)
    return vi(1, 1) + ld(2, ld(1, meta_info) + ld(2, graph))


def _table_block(entries: list[tuple[bytes, bytes]]) -> bytes:
    """Entries without key sharing (shared 0, non_shared, value length, key, value), then a
    one-slot restart array."""
    from pb import varint

    body = b"".join(varint(0) + varint(len(k)) + varint(len(v)) + k + v for k, v in entries)
    return body + struct.pack("<II", 0, 1)


def tf_checkpoint(entries: list[tuple[bytes, bytes]]) -> bytes:
    """A ``.index`` table: one data block, an empty metaindex block, an index block whose one
    entry points at the data block, each followed by type 0 (uncompressed) and a crc that is
    not checked; then the footer (two BlockHandles padded to 40 bytes, the table magic)."""
    from pb import varint

    data = _table_block(entries)
    out = data + b"\0" + bytes(4)
    meta_offset = len(out)
    meta = _table_block([])
    out += meta + b"\0" + bytes(4)
    index_offset = len(out)
    index = _table_block([(entries[-1][0], varint(0) + varint(len(data)))])
    out += index + b"\0" + bytes(4)
    handles = varint(meta_offset) + varint(len(meta)) + varint(index_offset) + varint(len(index))
    return out + handles.ljust(40, b"\0") + struct.pack("<Q", 0xDB4775248B80FB57)


def tf_variable(dims: list[int]) -> bytes:
    """BundleEntryProto {1 dtype DT_FLOAT, 2 shape, 4 offset 0, 5 size 4}."""
    from pb import ld, vi

    return vi(1, 1) + ld(2, b"".join(ld(2, vi(1, d)) for d in dims)) + vi(4, 0) + vi(5, 4)


# -- Caffe (caffe.proto NetParameter) ---------------------------------------------------------
def caffe_blob(values: int) -> bytes:
    """BlobProto {7 shape {1 dim}, 5 data (packed floats)}."""
    from pb import ld, vi

    return ld(7, ld(1, vi(1, values))) + ld(5, struct.pack(f"<{values}f", *[0.5] * values))


def caffe_layer(name: str, kind: str, bottom: str = "", top: str = "",
                blobs: tuple[int, ...] = ()) -> bytes:
    """LayerParameter {1 name, 2 type, 3 bottom, 4 top, 7 blobs}."""
    from pb import ld

    return (ld(1, name) + ld(2, kind) + (ld(3, bottom) if bottom else b"")
            + (ld(4, top) if top else b"") + b"".join(ld(7, caffe_blob(n)) for n in blobs))


def caffe_net(name: str, layers: list[bytes], inputs: tuple[str, ...] = ("data",)) -> bytes:
    """NetParameter {1 name, 3 input, 100 layer}."""
    from pb import ld

    return ld(1, name) + b"".join(ld(3, i) for i in inputs) + b"".join(ld(100, x) for x in layers)


# -- SentencePiece (sentencepiece_model.proto ModelProto) -------------------------------------
def sp_piece(text: str, score: float, kind: int = 1) -> bytes:
    """ModelProto.pieces {1 piece, 2 score, 3 type} (1 normal, 2 unknown, 3 control)."""
    from pb import f32, ld, vi

    return ld(1, ld(1, text) + f32(2, struct.pack("<f", score)) + vi(3, kind))


def sentencepiece_model(inputs: tuple[str, ...], prefix: str = "m",
                        pieces: tuple[str, ...] = ("▁a", "b")) -> bytes:
    """pieces (<unk>, <s>, then ``pieces``), trainer_spec {1 input, 2 model_prefix,
    3 model_type BPE, 4 vocab_size, 7 input_format}, normalizer_spec {1 name}."""
    from pb import ld, vi

    trainer = b"".join(ld(1, i) for i in inputs) + ld(2, prefix) + vi(3, 2) \
        + vi(4, 2 + len(pieces)) + ld(7, "text")
    body = sp_piece("<unk>", 0.0, 2) + sp_piece("<s>", 0.0, 3) \
        + b"".join(sp_piece(p, -1.5 - i) for i, p in enumerate(pieces))
    return body + ld(2, trainer) + ld(3, ld(1, "nmt_nfkc"))


# -- OpenVINO IR (the .xml; the .bin has no header) -------------------------------------------
OPENVINO_LAYERS = """\t<layers>
\t\t<layer id="0" name="x" type="Parameter" version="opset1">
\t\t\t<rt_info><attribute name="fused_names" version="0" value="layer_level"/></rt_info>
\t\t</layer>
\t</layers>
\t<edges>
\t\t<edge from-layer="0" from-port="0" to-layer="1" to-port="0"/>
\t</edges>
"""


def openvino_xml(version: int, tail: str, padding: int = 0, name: str = "resnet") -> bytes:
    """``<net name version>``, layers and edges, an optional comment of ``padding`` bytes, then
    ``tail`` (the model-level ``rt_info`` or ``meta_data``)."""
    comment = f"<!-- {'x' * padding} -->\n" if padding else ""
    return (f'<?xml version="1.0"?>\n<net name="{name}" version="{version}">\n{OPENVINO_LAYERS}'
            f"{comment}{tail}</net>\n").encode()


# -- classic ML formats the golden packages also ship (testdata/fixtures/text_models.py) ----------
# OpenCV cv::FileStorage: a cascade as opencv_traincascade writes it (one stage, one stump).
OPENCV_CASCADE = b"""<?xml version="1.0"?>
<opencv_storage>
<cascade type_id="opencv-cascade-classifier"><stageType>BOOST</stageType>
  <featureType>HAAR</featureType>
  <height>24</height>
  <width>24</width>
  <stageParams><maxWeakCount>211</maxWeakCount></stageParams>
  <stageNum>25</stageNum>
"""


def lightgbm(filler: int = 0, data: str = "binary.train",
             valid: str = "binary.test,extra.test") -> bytes:
    """A LightGBM text model (gbdt_model_text.cpp, SaveModelToString): header, one tree,
    ``filler`` padding lines, feature importances, then the parameters with the training
    (``data``) and validation (``valid``) files."""
    return (b"tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\n"
            b"max_feature_idx=27\nobjective=binary sigmoid:1\n\nTree=0\nnum_leaves=2\n"
            + b"leaf_value=0.1 0.2\n" * filler +
            b"end of trees\n\nfeature_importances:\nColumn_1=3\n\nparameters:\n[boosting: gbdt]\n"
            b"[objective: binary]\n[data: " + data.encode() + b"]\n[valid: " + valid.encode()
            + b"]\nend of parameters\n\npandas_categorical:null\n")


def leela_weights(values: int = 3000) -> bytes:
    """leela-zero text weights (Network.cpp): version line, then a line of floats per tensor."""
    return b"1\n" + b" ".join(b"%.5f" % (i / 1000) for i in range(values)) + b"\n0.1 0.2\n"


def xgboost_ubjson() -> bytes:
    """UBJSON {"learner": {"x": ...}}: keys are 'L' + big-endian i64 length + bytes."""
    return b"{L" + struct.pack(">q", 7) + b"learner{" + b"L" + struct.pack(">q", 1) + b"x}}"


def xgboost_binary(num_feature: int = 126, trailing: int = 100) -> bytes:
    """The deprecated "binf" model: LearnerModelParamLegacy (f32 base_score, u32 num_feature,
    i32 num_class, ..., u32 major 1, minor 7; 136 bytes), then ``trailing`` bytes of body."""
    params = struct.pack("<fIiiiII", 0.5, num_feature, 0, 1, 0, 1, 7) + bytes(136 - 28)
    return b"binf" + params + bytes(trailing)


def darknet(seen: int = 32_013_312, weights: tuple[float, ...] = (0.1, 0.2, 0.3, 0.4)) -> bytes:
    """darknet .weights (parser.c, save_weights): i32 major 0, minor 2, revision 5, u64 seen,
    then float32 weights."""
    return struct.pack("<iiiQ", 0, 2, 5, seen) + struct.pack(f"<{len(weights)}f", *weights)


def zinnia(labels: tuple[str, ...] = ("A", "B")) -> bytes:
    """A zinnia model (trainer.cpp): u32 file size XOR 0x0EF71821, u32 version 1, u32 classes,
    then per class a 16-byte label, f32 bias and (i32 index, f32 value) pairs ending at -1."""
    body = struct.pack("<II", 1, len(labels))
    for label in labels:
        body += (label.encode().ljust(16, b"\0") + struct.pack("<f", 0.5)
                 + struct.pack("<ifif", 1, 0.25, 2, -0.75) + struct.pack("<if", -1, 0.0))
    return struct.pack("<I", (len(body) + 4) ^ 0x0EF71821) + body


def mb(value: int) -> bytes:
    """lttoolbox multibyte encoding (compression.cc)."""
    for n, top in ((1, 0x00), (2, 0x40), (3, 0x80), (4, 0xC0)):
        if value < 1 << (8 * n - 2):
            raw = value.to_bytes(n, "big")
            return bytes([raw[0] | top]) + raw[1:]
    raise ValueError(value)


def mbs(text: str) -> bytes:
    return mb(len(text)) + b"".join(mb(ord(c)) for c in text)


APERTIUM_FIXED_TAGS = ["TAG_LPAR", "TAG_RPAR", "TAG_LQUEST", "TAG_CM", "TAG_SENT", "TAG_kEOF",
                       "TAG_kUNDEF"]


def apertium_prob(states: int | None = None) -> bytes:
    """An apertium HMM tagger (tagger_data_hmm.cc, TaggerDataHMM::write): open class, forbid
    rules, the tag list (the seven fixed tags first), tag index, rules, constants, ambiguity
    classes, then the N x N and N x M matrices (zeros). ``states`` overrides N."""
    defs = ["NOM", "VERB"]
    tags = APERTIUM_FIXED_TAGS + defs + ["kMOT", "kUNKNOWN"]
    index = {("TAG_" + t if not t.startswith("TAG_") else t): i
             for i, t in enumerate(APERTIUM_FIXED_TAGS + defs)}
    out = mb(2) + mb(7) + mb(1)  # open_class: tags 7 and 8 as deltas
    out += mb(1) + mb(7) + mb(8)  # one forbid rule
    out += mb(len(tags)) + b"".join(mbs(t) for t in tags)
    out += mb(len(index)) + b"".join(mbs(k) + mb(v) for k, v in sorted(index.items()))
    out += mb(0) + mb(0)  # enforce, prefer
    out += mb(2) + mbs("kMOT") + mb(9) + mbs("kUNKNOWN") + mb(10)  # constants
    out += mb(1) + mb(2) + mb(7) + mb(8)  # one ambiguity class {7, 8}
    n = len(index) if states is None else states
    return out + mb(n) + mb(1) + bytes(8 * n * n)


NCNN_PARAM = b"""7767517
3 3
Input            data             0 1 data 0=224 1=224 2=3
Convolution      conv1            1 1 data conv1 0=64 1=3 5=1 6=1728
ReLU             relu1            1 1 conv1 relu1
"""


def ncnn_param_bin(layers: int = 3, blobs: int = 4, body: int = 40) -> bytes:
    """A binary .param.bin (ncnn's ncnn2mem output): i32 LE 7767517, layer and blob counts."""
    return struct.pack("<iii", 7767517, layers, blobs) + bytes(body)


# -- MeCab (taku910/mecab mecab/src: dictionary_generator.cpp, connector.cpp, dictionary.cpp) ----
def mecab_matrix_def(lsize: int = 4, rsize: int = 4, bos_at: int = 0) -> bytes:
    """matrix.def as mecab-dict-gen writes it: "lsize rsize", then every cell "l r cost",
    both maps walked in order; ids are 1, 2, ... with BOS/EOS's 0 at position ``bos_at``."""
    def order(n: int) -> list[int]:
        ids = list(range(1, n))
        ids.insert(min(bos_at, n - 1), 0)
        return ids
    lines = [f"{lsize} {rsize}"]
    lines += [f"{left} {right} {(left * 37 + right * 11) % 900 - 450}"
              for left in order(lsize) for right in order(rsize)]
    return ("\n".join(lines) + "\n").encode()


def mecab_matrix_bin(lsize: int = 4, rsize: int = 4, order: str = "<") -> bytes:
    """matrix.bin (Connector::compile): u16 lsize, u16 rsize, lsize*rsize i16 costs."""
    costs = [(i * 7) % 300 - 150 for i in range(lsize * rsize)]
    return struct.pack(f"{order}HH{lsize * rsize}h", lsize, rsize, *costs)


def mecab_dic(kind: int = 0, entries: int = 3, charset: str = "EUC-JP",
              sections: tuple[int, int, int] = (64, 48, 40)) -> bytes:
    """sys.dic/unk.dic (Dictionary::compile): ten u32 with the magic = file size XOR
    0xef718f77, a 32-byte charset, then double-array, token and feature bytes."""
    dsize, tsize, fsize = sections
    size = 72 + dsize + tsize + fsize
    header = struct.pack("<10I32s", size ^ 0xEF718F77, 102, kind, entries, 4, 4, dsize, tsize,
                         fsize, 0, charset.encode())
    return header + bytes(dsize + tsize + fsize)


# -- input-method n-gram models (mllint/formats/input_methods.py) -------------------------------
MARISA = b"We love Marisa.\0"


def kkc_model(unigrams: int = 8, bigrams: int = 6, trigrams: int = 4,
              prefix: str = "data") -> dict[str, bytes]:
    """A libkkc sorted3 model as sortlm.py writes it: 6-byte unigram records (u16 cost, u16
    back-off, u16 0), 12-byte bigram records (u32 word id, u32 unigram offset, u16 cost,
    u16 back-off), 10-byte trigram records (u32 word id, u32 bigram offset, u16 cost); two
    MARISA tries (header only) and Bloom filters of random-looking bytes."""
    uni = b"".join(struct.pack("<HHH", 40000 + 97 * i, 900 + i, 0) for i in range(unigrams))
    bi = b"".join(struct.pack("<IIHH", (i * 3) % unigrams, i % unigrams, 20000 + i, 300)
                  for i in range(bigrams))
    tri = b"".join(struct.pack("<IIH", (i * 5) % unigrams, i % max(bigrams, 1), 30000 + i)
                   for i in range(trigrams))
    files = {f"{prefix}.1gram": uni, f"{prefix}.1gram.index": MARISA + bytes(48),
             f"{prefix}.input": MARISA + bytes(32), f"{prefix}.2gram": bi,
             f"{prefix}.2gram.filter": bytes((i * 151) % 256 for i in range(64))}
    if trigrams:
        files[f"{prefix}.3gram"] = tri
        files[f"{prefix}.3gram.filter"] = bytes((i * 89) % 256 for i in range(64))
    return files


def sunpinyin_t3g(levels: tuple[int, ...] = (2, 5, 7, 4), use_log: int = 0,
                  order: str = "<", probabilities: int = 40) -> bytes:
    """A sunpinyin threaded model (slmthread.cpp): u32 N, u32 log flag, N+1 u32 level sizes,
    65536 f32 probabilities (the first ``probabilities`` set, the rest 0.0 padding), 16384
    f32 back-off weights, 12-byte nodes for levels 0..N-1, 8-byte leaves for level N."""
    n = len(levels) - 1
    pr = [1.0 - i / 64 for i in range(probabilities)] + [0.0] * ((1 << 16) - probabilities)
    bow = [0.5] * 8 + [0.0] * ((1 << 14) - 8)
    header = struct.pack(f"{order}II{n + 1}I", n, use_log, *levels)
    tables = struct.pack(f"{order}{1 << 16}f", *pr) + struct.pack(f"{order}{1 << 14}f", *bow)
    return header + tables + bytes(12 * sum(levels[:-1]) + 8 * levels[-1])


def pinyin_table_conf(lam: str = "0.312699", tables: bool = True) -> bytes:
    """libpinyin's table.conf as SystemTableInfo2::load reads it."""
    text = (f"binary format version:7\nmodel data version:14\nlambda parameter:{lam}\n\n"
            "source table format:pinyin\ndatabase format:BerkeleyDB\n\n")
    if tables:
        text += ("default RESERVED NULL NULL NULL NOT_USED\n"
                 "default GB_DICTIONARY gb_char.table gb_char.bin gb_char.dbin SYSTEM_FILE\n"
                 "default USER_DICTIONARY NULL NULL user.bin USER_FILE\n\n"
                 "addon 4 art.table art.bin NULL DICTIONARY\n")
    return text.encode()


def langdetect_profile(name: str = "en", grams: tuple[str, ...] = (
        "a", "b", "e", "t", "th", "he", "e ", " t", "the", "he ", "and", "é", "\u00e9t", "東京"),
        ascii_only: bool = True) -> bytes:
    """A language-detection profile as its generator writes it: ``freq`` first, then
    ``n_words`` (1-, 2-, 3-gram totals) and ``name``, without spaces."""
    freq = {g: 1000 - 37 * i for i, g in enumerate(grams)}
    totals = [sum(c for g, c in freq.items() if len(g) == n) for n in (1, 2, 3)]
    return json.dumps({"freq": freq, "n_words": totals, "name": name},
                      separators=(",", ":"), ensure_ascii=ascii_only).encode()


def est_ngram_bin(order: int = 3, vocab: tuple[str, ...] = ("nn", "dt", "vb", "punc"),
                  byte_order: str = ">", values: tuple[float, ...] = (12.0, 3.0, 3.0, -2.0, 0.5)
                  ) -> bytes:
    """An EST_Ngrammar binary model (save_ngram_cstr_bin): the int magic 1315402337 in the
    writer's order, "mBin_2 <order>", two space-terminated vocabulary lines, doubles in which
    a negative value repeats the previous one."""
    words = "".join(f"{w} " for w in vocab)
    return (struct.pack(byte_order + "i", 1315402337) + f"mBin_2 {order}\n{words}\n{words}\n".encode()
            + struct.pack(f"{byte_order}{len(values)}d", *values))


def est_ngram_text(rows: tuple[str, ...] = ("B B : 0.25", "B NB : 12", "NB B : 39", "NB NB : 106"),
                   order: int = 2, vocab: str = "B NB ") -> bytes:
    """An EST_Ngrammar text model (save_ngram_cstr_ascii)."""
    return (f"Ngram_2 {order}\n{vocab}\n{vocab}\n" + "".join(f"{r}\n" for r in rows)).encode()


def profnet_jct(n_in: int = 12, n_hid: int = 3, n_out: int = 2, samples: int = 5000,
                terminator: bool = True) -> bytes:
    """A Rost lab NNout_jct file (NN.f output): starred comments with the training run, the
    sizes, then NUMHID rows of NUMIN+1 and NUMHID+1 rows of NUMOUT weights (10F10.4), ``//``."""
    def rows(count: int, width: int, seed: int) -> str:
        out = []
        for r in range(count):
            values = [((seed + 31 * r + 7 * c) % 200 - 100) / 250 for c in range(width)]
            for i in range(0, width, 10):
                out.append("".join(f"{v:10.4f}" for v in values[i:i + 10]))
        return "\n".join(out) + "\n"
    text = ("* NNout_jct           file from FORTRAN NN.f (junctions)\n*    \n"
            f"*    NUMIN, -HID, -OUT             {n_in:8d},{n_hid:8d},{n_out:8d} \n"
            f"*    NUMSAM                         {samples}\n"
            "*    EPSILON, ALPHA, TEMP           0.0300,  0.3000,  1.0000 \n"
            "* --------------------\n* overall: (A,T25,I8)\n"
            f"NUMIN:                  {n_in:8d}\nNUMHID:                 {n_hid:8d}\n"
            f"NUMOUT:                 {n_out:8d}\nMODEPRED:               sec\n"
            "MODENET:                1st,unbal\nMODEIN:                 win=5,loc=aa\n"
            "* --------------------\n* jct 1st layer: row=numhid (10F10.4), col=(numin+1)\n"
            + rows(n_hid, n_in + 1, 1)
            + "* --------------------\n* jct 2nd layer: row=numhid+1 (10F10.4), col=numout\n"
            + rows(n_hid + 1, n_out, 2) + ("//\n" if terminator else ""))
    return text.encode()
