"""Core ML ``.mlmodel``: a protobuf ``Model`` (apple/coremltools mlmodel/format/Model.proto).

Model: 1 specificationVersion, 2 description (ModelDescription: 1 input, 10 output, 11/12
predicted names, 20 trainingInput, 100 metadata {1 shortDescription, 2 versionString, 3 author,
4 license, 100 userDefined map}), 10 isUpdatable, then one model-type field numbered 200 and up
(500 neuralNetwork, 502 mlProgram, ...). Field numbers from the published proto; the metadata
layout is checked on an mlProgram coremltools 9.0 wrote (tests/formats/test_coreml_mlpackage.py;
no Core ML model in the dev set). ONNX also starts ``08`` but has text in field 2 and a graph in
field 7, which Core ML never uses.

``.mlpackage`` directories (Core ML 5+, ``mlProgram``) hold the same proto as
``Data/com.apple.CoreML/model.mlmodel`` beside ``Data/com.apple.CoreML/weights/weight.bin``, with
``Manifest.json`` at the top ({fileFormatVersion, itemInfoEntries: {uuid: {author, description,
name, path}}, rootModelIdentifier}: what coremltools 9.0 writes, measured). Like a SavedModel,
the package is one model reported at its proto: when the proto sits there and the manifest names
it as the root, the reader also reads the manifest and the headers of the weight files, so the
package's tensors, parameters and dtypes come with it; weight files are raw blobs nobody else
identifies, listed as the model's ``parts`` (their bytes are its size). Paths inside the manifest
are never opened (only the fixed layout is), and no symbolic link is followed.

Weight files, MIL blob storage (coremltools mlmodel/src/MILBlob/Blob/StorageFormat.hpp,
StorageReader.cpp ``GetAllOffsets``): a 64-byte header {u32 count, u32 version = 2, reserved},
then per blob 64 bytes of metadata {u32 sentinel 0xDEADBEEF, u32 dtype, u64 size in bytes, u64
data offset, u64 padding bits (sub-byte types), reserved}, its data, and the next metadata at
the data's end rounded up to 64. Only the metadata is read: one 64-byte read per blob.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

from mllint.formats.base import (
    CorruptModelError,
    Format,
    FormatError,
    LimitExceededError,
    Member,
    ModelInfo,
    Provenance,
    read_exact,
)
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

PACKAGE_LAYOUT = ("Data", "com.apple.CoreML", "model.mlmodel")  # the proto's path in a package
ROOT_PATH = "com.apple.CoreML/model.mlmodel"  # the root item's path, relative to Data/
MANIFEST = "Manifest.json"
MAX_MANIFEST = 1 << 20  # bytes; coremltools writes about 600
MAX_WEIGHT_FILES = 64  # files looked at in weights/; coremltools writes one, weight.bin
BLOB_HEADER = 64  # bytes of the storage header and of each blob's metadata
BLOB_SENTINEL = 0xDEADBEEF
MAX_BLOBS = 1 << 20  # blobs per weight file; a large language model has a few thousand
# BlobDataType (MILBlob/Blob/BlobDataType.hpp) -> (name, bits per element)
BLOB_DTYPES = {1: ("float16", 16), 2: ("float32", 32), 3: ("uint8", 8), 4: ("int8", 8),
               5: ("bfloat16", 16), 6: ("int16", 16), 7: ("uint16", 16), 8: ("int4", 4),
               9: ("uint1", 1), 10: ("uint2", 2), 11: ("uint4", 4), 12: ("uint3", 3),
               13: ("uint6", 6), 14: ("int32", 32), 15: ("uint32", 32),
               16: ("float8_e4m3fn", 8), 17: ("float8_e5m2", 8)}


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
    info = ModelInfo(format="coreml", metadata=metadata, provenance=prov,
                     extra={"specification_version": spec, "model_type": model_type,
                            "inputs": inputs, "outputs": outputs})
    package = _package_of(path)
    if package is not None:
        _read_package(package, path, info)
    return info


def _package_of(path: Path) -> Path | None:
    """The ``.mlpackage`` directory whose root model ``path`` is by its place in the layout
    and the presence of a regular ``Manifest.json``, else ``None``. Container members (no
    directory around them) are never packages."""
    if not isinstance(path, Path) or path.parts[-3:] != PACKAGE_LAYOUT:
        return None
    root = path.parents[2]
    manifest = root / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return None
    return root


def _read_package(root: Path, path: Path, info: ModelInfo) -> None:
    """Add the manifest's facts and the weight files' counts to ``info``; a broken manifest or
    weight file is recorded as a member error (``ml-model-corrupt``), the proto's facts stay."""
    try:
        manifest = _manifest(root / MANIFEST)
    except FormatError as err:
        info.members.append(Member(MANIFEST, None, err))
        return
    if manifest is None:
        return  # a Manifest.json of something else: this proto stands alone
    info.extra["mlpackage"] = manifest
    weights = path.parent / "weights"
    if weights.is_symlink() or not weights.is_dir():
        return
    tensors = parameters = stored = 0
    dtypes: set[str] = set()
    parts: list[str] = []
    for i, file in enumerate(sorted(weights.iterdir())):
        if i >= MAX_WEIGHT_FILES:
            break
        if file.is_symlink() or not file.is_file():
            continue
        name = f"Data/com.apple.CoreML/weights/{file.name}"
        parts.append(f"weights/{file.name}")  # the package's bytes, even if the blobs are bad
        try:
            blobs = _blobs(file)
        except FormatError as err:
            info.members.append(Member(name, None, err))
            continue
        except OSError as exc:
            info.members.append(Member(name, None, CorruptModelError(
                f"weight file unreadable ({type(exc).__name__})")))
            continue
        for dtype, elements, size in blobs:
            tensors += 1
            parameters += elements
            stored += size
            dtypes.add(dtype)
    info.parts = tuple(parts)
    if tensors:
        info.tensors, info.parameters, info.dtypes = tensors, parameters, tuple(sorted(dtypes))
        info.extra["weight_bytes"] = stored


def _manifest(path: Path) -> dict[str, object] | None:
    """The facts of an mlpackage ``Manifest.json``; ``None`` if it names another root model (a
    look-alike); :class:`CorruptModelError` if it is no manifest at all."""
    size = path.stat().st_size
    if size > MAX_MANIFEST:
        raise LimitExceededError(f"Manifest.json over {MAX_MANIFEST} bytes")
    try:
        with path.open("rb") as f:
            doc = json.loads(read_exact(f, size, size, "Manifest.json"))
    except (ValueError, RecursionError) as exc:
        raise CorruptModelError("Manifest.json is not JSON") from exc
    entries = doc.get("itemInfoEntries") if isinstance(doc, dict) else None
    root_id = doc.get("rootModelIdentifier") if isinstance(doc, dict) else None
    if not isinstance(entries, dict) or not all(isinstance(e, dict) for e in entries.values()):
        raise CorruptModelError("Manifest.json has no itemInfoEntries object")
    root = entries.get(root_id) if isinstance(root_id, str) else None
    if root is None:
        raise CorruptModelError("Manifest.json rootModelIdentifier names no item")
    if root.get("path") != ROOT_PATH:
        return None
    version = doc.get("fileFormatVersion")
    return {"file_format_version": version if isinstance(version, str) else None,
            "items": len(entries)}


def _blobs(path: Path) -> list[tuple[str, int, int]]:
    """``(dtype, elements, bytes)`` of every blob of a MIL weight file, from the metadata only.

    Raises :class:`CorruptModelError` for a bad header, a missing sentinel or data lying outside
    the file, :class:`LimitExceededError` past :data:`MAX_BLOBS`.
    """
    size = path.stat().st_size
    found: list[tuple[str, int, int]] = []
    with path.open("rb") as f:
        count, version = struct.unpack_from("<II", read_exact(f, BLOB_HEADER, size,
                                                               "weight file header"))
        if version != 2:
            raise CorruptModelError(f"weight file storage version {version} is not 2")
        if count > MAX_BLOBS:
            raise LimitExceededError(f"weight file declares {count} blobs, over {MAX_BLOBS}")
        at = BLOB_HEADER
        for i in range(count):
            f.seek(at)
            sentinel, dtype, nbytes, offset, padding = struct.unpack_from(
                "<IIQQQ", read_exact(f, BLOB_HEADER, size, f"blob {i} metadata"))
            if sentinel != BLOB_SENTINEL:
                raise CorruptModelError(f"blob {i} metadata has no sentinel")
            if offset < at + BLOB_HEADER or offset + nbytes > size:
                raise CorruptModelError(f"blob {i} data lies outside the weight file")
            name, bits = BLOB_DTYPES.get(dtype, (f"blob dtype {dtype}", 8))
            # Padding bits are defined for sub-byte types only; before iOS 18 the field was
            # reserved and left uninitialised (StorageFormat.hpp).
            unused = padding if bits < 8 and padding < 8 else 0
            found.append((name, max(0, nbytes * 8 - unused) // bits, nbytes))
            at = -(-(offset + nbytes) // BLOB_HEADER) * BLOB_HEADER
    return found


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
