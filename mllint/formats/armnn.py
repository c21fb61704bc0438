"""Arm NN serialized networks (``.armnn``): a FlatBuffer whose root is a ``SerializedGraph``.

Schema: ARM-software/armnn src/armnnSerializer/ArmnnSchema.fbs. ``SerializedGraph`` 0 layers
[AnyLayer], 1 inputIds, 2 outputIds, 3 featureVersions {0 bindingIdsScheme, 1
weightsLayoutScheme, 2 constantTensorsAsInputs}; ``AnyLayer`` holds the union ``Layer`` (slot 0
its type, 1-based in union order, slot 1 the layer table); every layer table has ``base`` at 0, a
``LayerBase`` {0 index, 1 layerName, 2 layerType (enum LayerType), 3 inputSlots, 4 outputSlots}
or, for input and output layers, a ``BindableLayerBase`` {0 base}; a ``ConstTensor`` is {0 info
TensorInfo {0 dimensions, 1 dataType}, 1-2 data}.

The schema declares ``file_identifier "ARMN"``, but the serializer finishes the buffer without
it (src/armnnSerializer/Serializer.cpp, ``Serialize``: ``fbBuilder.Finish(serializedGraph)``
in every version of the file read, up to 23.x; a file Debian's libarmnn 20.08 wrote starts
``04 00 00 00`` with no identifier). So the content test is structural: a root table whose layers agree with
themselves, the union type of each ``AnyLayer`` naming the same layer kind as the ``layerType``
of its base. Both enums only grow at the end, so their order is stable across versions.
The reader walks every layer table (never tensor data) and counts the elements of constant
tensors.
"""

from __future__ import annotations

import io
import struct
from collections import Counter
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, FormatError, ModelInfo
from mllint.formats.tflite import FlatBuffer

# enum LayerType, in value order.
LAYER_TYPES = (
    "Addition", "Input", "Multiplication", "Output", "Pooling2d", "Reshape", "Softmax",
    "Convolution2d", "DepthwiseConvolution2d", "Activation", "Permute", "FullyConnected",
    "Constant", "SpaceToBatchNd", "BatchToSpaceNd", "Division", "Minimum", "Equal", "Maximum",
    "Normalization", "Pad", "Rsqrt", "Floor", "BatchNormalization", "Greater", "ResizeBilinear",
    "Subtraction", "StridedSlice", "Gather", "Mean", "Merger", "L2Normalization", "Splitter",
    "DetectionPostProcess", "Lstm", "Quantize", "Dequantize", "Merge", "Switch", "Concat",
    "SpaceToDepth", "Prelu", "TransposeConvolution2d", "Resize", "Stack", "QuantizedLstm", "Abs",
    "ArgMinMax", "Slice", "DepthToSpace", "InstanceNormalization", "LogSoftmax", "Comparison",
    "StandIn", "ElementwiseUnary", "Transpose", "QLstm", "Fill", "Rank", "LogicalBinary",
    "Reduce", "Cast", "Shape", "UnidirectionalSequenceLstm", "ChannelShuffle", "Convolution3d",
    "Pooling3d", "GatherNd", "BatchMatMul", "ElementwiseBinary",
)
# union Layer, in declaration order (type 1 is the first), without the "Layer" suffix.
UNION = (
    "Activation", "Addition", "BatchToSpaceNd", "BatchNormalization", "Constant",
    "Convolution2d", "DepthwiseConvolution2d", "FullyConnected", "Input", "Multiplication",
    "Output", "Permute", "Pooling2d", "Reshape", "Softmax", "SpaceToBatchNd", "Division",
    "Minimum", "Equal", "Maximum", "Normalization", "Pad", "Rsqrt", "Floor", "Greater",
    "ResizeBilinear", "Subtraction", "StridedSlice", "Gather", "Mean", "Merger",
    "L2Normalization", "Splitter", "DetectionPostProcess", "Lstm", "QuantizedLstm", "Quantize",
    "Dequantize", "Merge", "Switch", "Concat", "SpaceToDepth", "Prelu", "TransposeConvolution2d",
    "Resize", "Stack", "Abs", "ArgMinMax", "Slice", "DepthToSpace", "InstanceNormalization",
    "LogSoftmax", "Comparison", "StandIn", "ElementwiseUnary", "Transpose", "QLstm", "Fill",
    "Rank", "LogicalBinary", "Reduce", "Cast", "Shape", "UnidirectionalSequenceLstm",
    "ChannelShuffle", "Convolution3d", "Pooling3d", "GatherNd", "BatchMatMul",
    "ElementwiseBinary",
)
BINDABLE = frozenset({"Input", "Output"})
# Fields of a layer table that are ConstTensors (weights, biases, batch-norm statistics).
CONST_FIELDS = {
    "Constant": (1,), "Convolution2d": (2, 3), "DepthwiseConvolution2d": (2, 3),
    "FullyConnected": (2, 3), "TransposeConvolution2d": (2, 3), "DetectionPostProcess": (2,),
    "BatchNormalization": (2, 3, 4, 5),
}
# Recurrent layers keep their ConstTensors in an input-parameters table, every field one.
PARAM_TABLE = {"Lstm": 2, "QLstm": 2, "UnidirectionalSequenceLstm": 2, "QuantizedLstm": 1}
DATA_TYPES = ("Float16", "Float32", "QuantisedAsymm8", "Signed32", "Boolean", "QuantisedSymm16",
              "QAsymmU8", "QSymmS16", "QAsymmS8", "QSymmS8", "Signed64")
MAX_ROOT_FIELDS = 32  # vtable slots of SerializedGraph accepted (4 today)
SNIFF_LAYERS = 64  # layers looked at in the head
MAX_DIMS = 16  # tensor rank; Arm NN 20.08 allows 5 (armnn/Types.hpp MaxNumOfTensorDimensions)


def _kind(fb: FlatBuffer, any_layer: int) -> tuple[str, int] | None:
    """The layer kind and layer table of an ``AnyLayer``; ``None`` if the union is empty."""
    kind = fb.scalar(any_layer, 0, "<B")
    pos = fb.field(any_layer, 1)
    if kind == 0 or pos is None:
        return None
    if kind > len(UNION):
        raise CorruptModelError(f"ArmNN layer union type {kind} is unknown")
    return UNION[kind - 1], fb.table(fb.ref(pos))


def _base(fb: FlatBuffer, kind: str, layer: int) -> int:
    """The ``LayerBase`` of a layer, after checking that its layerType names ``kind``."""
    pos = fb.field(layer, 0)
    if pos is None:
        raise CorruptModelError(f"ArmNN {kind} layer has no base")
    base = fb.table(fb.ref(pos))
    if kind in BINDABLE:
        pos = fb.field(base, 0)
        if pos is None:
            raise CorruptModelError(f"ArmNN {kind} layer has no base")
        base = fb.table(fb.ref(pos))
    layer_type = fb.scalar(base, 2, "<I")
    if layer_type >= len(LAYER_TYPES) or LAYER_TYPES[layer_type] != kind:
        raise CorruptModelError(f"ArmNN {kind} layer says it is of layer type {layer_type}")
    return base


def _layers(fb: FlatBuffer) -> tuple[int, int, int]:
    """The root table, the position of its layers vector and the layer count."""
    root = fb.root()
    slots = (fb.u(root - fb.u(root, "<i"), "<H") - 4) // 2
    if slots > MAX_ROOT_FIELDS:
        raise CorruptModelError(f"ArmNN graph table of {slots} fields")
    pos = fb.field(root, 0)
    if pos is None:
        raise CorruptModelError("ArmNN graph has no layers")
    vec = fb.ref(pos)
    count = fb.u(vec, "<I")
    if count == 0 or count * 4 > fb.end - vec - 4:
        raise CorruptModelError(f"ArmNN graph of {count} layers does not fit the file")
    return root, vec + 4, count


class _PastHead(Exception):
    """A read beyond the head but inside the file: the sniffer cannot tell."""


class _HeadBuffer(FlatBuffer):
    """The head of a file of ``size`` bytes, for the sniffer."""

    def __init__(self, head: bytes, size: int) -> None:
        super().__init__(io.BytesIO(head), 0, size)
        self.head_size = len(head)

    def read(self, pos: int, n: int) -> bytes:
        if self.head_size < pos + n <= self.end and pos >= 0:
            raise _PastHead
        return super().read(pos, n)


def sniff(head: bytes, size: int, name: str) -> bool:
    """A graph whose layers in the head agree with themselves. The builder shares vtables, so
    in a large file even the root table's may lie far past the head; then only the conventional
    extension lets the reader decide (it raises CorruptModelError if the graph is broken)."""
    if len(head) < 16:
        return False
    (root,) = struct.unpack_from("<I", head)
    if root % 4 or not 4 <= root <= len(head) - 8:  # builders align the root table to 4
        return False
    fb = _HeadBuffer(head, size)
    undecided = name.lower().endswith(".armnn")
    try:
        _, first, count = _layers(fb)
    except _PastHead:
        return undecided
    except FormatError:
        return False
    checked = 0
    for i in range(min(count, SNIFF_LAYERS)):
        try:
            found = _kind(fb, fb.table(fb.ref(first + 4 * i)))
            if found is not None:
                _base(fb, *found)
                checked += 1
        except _PastHead:
            continue  # this layer lies past the head: the others decide
        except FormatError:
            return False
    return checked > 0 or undecided


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    kinds: Counter[str] = Counter()
    dtypes: set[str] = set()
    parameters = tensors = 0
    with path.open("rb") as f:
        fb = FlatBuffer(f, 0, size)
        root, _, _ = _layers(fb)
        for any_layer in fb.tables_of(root, 0):
            found = _kind(fb, any_layer)
            if found is None:
                continue
            kind, layer = found
            _base(fb, kind, layer)
            kinds[kind] += 1
            for tensor in _const_tensors(fb, kind, layer):
                count, dtype = _tensor(fb, tensor)
                tensors += 1
                parameters += count
                dtypes.add(dtype)
        inputs, outputs = fb.vector(root, 1, 4), fb.vector(root, 2, 4)
        extra: dict[str, object] = {
            "layers": sum(kinds.values()), "layer_kinds": dict(sorted(kinds.items())),
            "inputs": inputs[1] if inputs else 0, "outputs": outputs[1] if outputs else 0,
        }
        pos = fb.field(root, 3)
        if pos is not None:
            versions = fb.table(fb.ref(pos))
            extra["feature_versions"] = {
                key: fb.scalar(versions, i, "<I") for i, key in enumerate(
                    ("bindingIdsScheme", "weightsLayoutScheme", "constantTensorsAsInputs"))}
    return ModelInfo(format="armnn", tensors=tensors, parameters=parameters,
                     dtypes=tuple(sorted(dtypes)), trained=parameters > 0, extra=extra)


def _const_tensors(fb: FlatBuffer, kind: str, layer: int) -> list[int]:
    fields = CONST_FIELDS.get(kind, ())
    table = layer
    if kind in PARAM_TABLE:
        pos = fb.field(layer, PARAM_TABLE[kind])
        if pos is None:
            return []
        table = fb.table(fb.ref(pos))
        fields = tuple(range((fb.u(table - fb.u(table, "<i"), "<H") - 4) // 2))
    found = []
    for index in fields:
        pos = fb.field(table, index)
        if pos is not None:
            found.append(fb.table(fb.ref(pos)))
    return found


def _tensor(fb: FlatBuffer, tensor: int) -> tuple[int, str]:
    """Element count and data type of a ConstTensor, from its TensorInfo."""
    pos = fb.field(tensor, 0)
    if pos is None:
        raise CorruptModelError("ArmNN constant tensor without TensorInfo")
    info = fb.table(fb.ref(pos))
    count = 1
    dims = fb.vector(info, 0, 4)
    if dims and dims[1] > MAX_DIMS:
        raise CorruptModelError(f"ArmNN tensor of {dims[1]} dimensions")
    for i in range(dims[1] if dims else 0):
        count *= fb.u(dims[0] + 4 * i, "<I")
    kind = fb.scalar(info, 1, "<b")
    return count, DATA_TYPES[kind] if 0 <= kind < len(DATA_TYPES) else str(kind)


# lead: the root offset is 4-aligned and inside the head, so its low byte is a multiple of 4.
FORMATS = (Format("armnn", sniff, read, extensions=(".armnn",), magic=False,
                  lead=bytes(range(0, 256, 4))),)
