"""Core ML ``.mlpackage`` directories: the proto read with its manifest and weight-file headers.

The positive case is what coremltools 9.0 wrote on Linux (``ct.convert`` of a MIL program with a
300x4 float32 ``linear``, author "Jane Doe", licence MIT, saved as Demo.mlpackage): its
model.mlmodel bytes, its Manifest.json, and a weight.bin with the same blob metadata (data zeroed).
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest
from builders import fmt_of, read_file
from pb import ld, vi

from mllint.formats import coreml
from mllint.formats.base import CorruptModelError, LimitExceededError

COREMLTOOLS_PROTO = bytes.fromhex(
    "080712f6010a0f0a01781a0a2a080a02010410a0800452100a01791a0b2a090a0301ac0210a08004a206cf01"
    "0a0464656d6f1203312e321a084a616e6520446f6522034d4954a206120a0d636f6d2e6578616d706c652e6b"
    "120176a2063a0a2c636f6d2e6769746875622e6170706c652e636f72656d6c746f6f6c732e636f6e76657273"
    "696f6e5f64617465120a323032362d31312d3330a2062b0a24636f6d2e6769746875622e6170706c652e636f"
    "72656d6c746f6f6c732e76657273696f6e1203392e30a206320a23636f6d2e6769746875622e6170706c652e"
    "636f72656d6c746f6f6c732e736f75726365120b6d696c696e7465726e616cb21fed04080112c8030a046d61"
    "696e12bf030a170a017812120a10080b10021a040a0208011a040a0208041207436f72654d4c361a9a030a07"
    "436f72654d4c36128e031201791a8e010a05636f6e73741a210a0a795f7765696768745f3012130a11080b10"
    "021a050a0308ac021a040a0208042a200a046e616d65121812040a0208021a100a0e220c0a0a795f77656967"
    "68745f302a400a0376616c123912130a11080b10021a050a0308ac021a040a0208042a220a1e406d6f64656c"
    "5f706174682f776569676874732f7765696768742e62696e10401a7f0a05636f6e73741a190a08795f626961"
    "735f30120d0a0b080b10011a050a0308ac022a1e0a046e616d65121612040a0208021a0e0a0c220a0a08795f"
    "626961735f302a3b0a0376616c1234120d0a0b080b10011a050a0308ac022a230a1e406d6f64656c5f706174"
    "682f776569676874732f7765696768742e62696e10c0261a770a066c696e65617212140a0462696173120c0a"
    "0a0a08795f626961735f30120a0a017812050a030a017812180a06776569676874120e0a0c0a0a795f776569"
    "6768745f301a180a017912130a11080b10021a040a0208011a050a0308ac022a170a046e616d65120f12040a"
    "0208021a070a0522030a0179229d010a096275696c64496e666f128f01120e220c0a040a02080212040a0208"
    "021a7d227b0a360a2112040a0208021a190a1722150a13636f72656d6c746f6f6c732d76657273696f6e1211"
    "12040a0208021a090a0722050a03392e300a410a2f12040a0208021a270a2522230a21636f72656d6c746f6f"
    "6c732d636f6d706f6e656e742d6d696c696e7465726e616c120e12040a0208021a060a0422020a00"
)
MANIFEST = {
    "fileFormatVersion": "1.0.0",
    "itemInfoEntries": {
        "3299657a-fa8e-4c51-9a46-65f9706b5c64": {
            "author": "com.apple.CoreML", "description": "CoreML Model Specification",
            "name": "model.mlmodel", "path": "com.apple.CoreML/model.mlmodel"},
        "ababdbfd-0b53-4803-a3e0-ba7efdcd76e4": {
            "author": "com.apple.CoreML", "description": "CoreML Model Weights",
            "name": "weights", "path": "com.apple.CoreML/weights"},
    },
    "rootModelIdentifier": "3299657a-fa8e-4c51-9a46-65f9706b5c64",
}
FLOAT32, INT4 = 2, 8


def weight_file(blobs: list[tuple[int, int, int]]) -> bytes:
    """MIL blob storage: header {count, version 2}, then per ``(dtype, bytes, padding bits)``
    64 bytes of metadata {0xDEADBEEF, dtype, size, offset, padding} and zeroed data, each
    metadata 64-aligned (the layout coremltools' StorageWriter produces, measured)."""
    out = bytearray(struct.pack("<II", len(blobs), 2) + bytes(56))
    for dtype, nbytes, padding in blobs:
        out += bytes(-len(out) % 64)
        data_at = len(out) + 64
        out += struct.pack("<IIQQQ", 0xDEADBEEF, dtype, nbytes, data_at, padding) + bytes(32)
        out += bytes(nbytes)
    return bytes(out)


def package(root: Path, proto: bytes = COREMLTOOLS_PROTO, weights: bytes | None = None,
            manifest: bytes | None = None) -> Path:
    """Write ``root`` as an .mlpackage; returns the model.mlmodel path."""
    model = root / "Data" / "com.apple.CoreML" / "model.mlmodel"
    (model.parent / "weights").mkdir(parents=True)
    model.write_bytes(proto)
    (root / "Manifest.json").write_bytes(
        json.dumps(MANIFEST, indent=4).encode() if manifest is None else manifest)
    if weights is None:
        weights = weight_file([(FLOAT32, 4800, 0), (FLOAT32, 1200, 0)])
    (model.parent / "weights" / "weight.bin").write_bytes(weights)
    return model


def test_coremltools_package_reads_proto_manifest_and_weights(tmp_path: Path) -> None:
    model = package(tmp_path / "Demo.mlpackage")
    assert (model.parent / "weights" / "weight.bin").stat().st_size == 6192  # as written
    info = read_file(model)
    assert info.format == "coreml" and info.extra["model_type"] == "mlProgram"
    assert (info.provenance.authors, info.provenance.license) == (["Jane Doe"], ["MIT"])
    assert info.metadata["com.github.apple.coremltools.version"] == "9.0"
    assert (info.tensors, info.parameters, info.dtypes) == (2, 1200 + 300, ("float32",))
    assert info.extra["mlpackage"] == {"file_format_version": "1.0.0", "items": 2}
    assert info.extra["weight_bytes"] == 6000 and info.members == []
    assert info.parts == ("weights/weight.bin",)


def test_weight_file_and_manifest_are_not_models_of_their_own(tmp_path: Path) -> None:
    model = package(tmp_path / "Demo.mlpackage")
    for other in (model.parent / "weights" / "weight.bin", tmp_path / "Demo.mlpackage" /
                  "Manifest.json"):
        data = other.read_bytes()
        assert fmt_of(data, other.name) is None


def test_loose_model_beside_weights_without_manifest_is_the_proto_alone(tmp_path: Path) -> None:
    model = package(tmp_path / "Demo.mlpackage")
    (tmp_path / "Demo.mlpackage" / "Manifest.json").unlink()
    info = read_file(model)
    assert info.tensors is None and "mlpackage" not in info.extra


def test_manifest_naming_another_root_reads_no_weights(tmp_path: Path) -> None:
    other = json.loads(json.dumps(MANIFEST))
    other["itemInfoEntries"][other["rootModelIdentifier"]]["path"] = "com.example/x.mlmodel"
    info = read_file(package(tmp_path / "P.mlpackage", manifest=json.dumps(other).encode()))
    assert info.tensors is None and "mlpackage" not in info.extra and info.members == []


@pytest.mark.parametrize(("manifest", "reason"), [
    (b"{not json", "not JSON"),
    (b"[]", "no itemInfoEntries"),
    (json.dumps({"itemInfoEntries": {"a": 1}}).encode(), "no itemInfoEntries"),
    (json.dumps({"itemInfoEntries": {}, "rootModelIdentifier": "x"}).encode(), "names no item"),
    (b"[" * 100_000, "not JSON"),
])
def test_broken_manifest_is_a_corrupt_member_and_the_proto_still_counts(
        tmp_path: Path, manifest: bytes, reason: str) -> None:
    info = read_file(package(tmp_path / "P.mlpackage", manifest=manifest))
    assert info.format == "coreml" and info.provenance.license == ["MIT"]
    assert [m.name for m in info.members] == ["Manifest.json"]
    assert reason in info.members[0].error.reason


def test_oversized_manifest_is_a_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coreml, "MAX_MANIFEST", 100)
    info = read_file(package(tmp_path / "P.mlpackage"))
    assert isinstance(info.members[0].error, LimitExceededError)


def _meta(dtype: int, nbytes: int, offset: int, padding: int = 0,
          sentinel: int = 0xDEADBEEF) -> bytes:
    return struct.pack("<IIQQQ", sentinel, dtype, nbytes, offset, padding) + bytes(32)


HEADER = struct.pack("<II", 1, 2) + bytes(56)


@pytest.mark.parametrize(("weights", "error", "reason"), [
    (b"", CorruptModelError, "weight file header"),
    (HEADER[:40], CorruptModelError, "weight file header"),
    (struct.pack("<II", 1, 1) + bytes(56), CorruptModelError, "version 1"),
    (struct.pack("<II", 2**32 - 1, 2) + bytes(56), LimitExceededError, "declares 4294967295"),
    (struct.pack("<II", 5, 2) + bytes(56) + _meta(2, 4, 128) + bytes(4), CorruptModelError,
     "blob 1 metadata"),
    (HEADER + _meta(2, 4, 128, sentinel=0) + bytes(4), CorruptModelError, "no sentinel"),
    (HEADER + _meta(2, 2**64 - 1, 128), CorruptModelError, "outside"),
    (HEADER + _meta(2, 4, 2**64 - 8), CorruptModelError, "outside"),
    (HEADER + _meta(2, 0, 64), CorruptModelError, "outside"),  # data over its own metadata
])
def test_hostile_weight_files_are_corrupt_members(tmp_path: Path, weights: bytes, error: type,
                                                  reason: str) -> None:
    info = read_file(package(tmp_path / "P.mlpackage", weights=weights))
    assert info.format == "coreml" and info.tensors is None
    assert [m.name for m in info.members] == ["Data/com.apple.CoreML/weights/weight.bin"]
    assert isinstance(info.members[0].error, error)
    assert reason in info.members[0].error.reason


def test_metadata_that_loops_back_is_refused(tmp_path: Path) -> None:
    # Blob 0's data "ends" at offset 64, so the next metadata would be blob 0's again.
    weights = struct.pack("<II", 3, 2) + bytes(56) + _meta(2, 0, 128) + _meta(2, 4, 64)
    info = read_file(package(tmp_path / "P.mlpackage", weights=weights))
    assert info.members and "outside" in info.members[0].error.reason


def test_sub_byte_padding_counts_and_reserved_padding_is_ignored(tmp_path: Path) -> None:
    # int4: 3 bytes less 4 padding bits = 5 elements; float32 written before iOS 18 may carry
    # garbage in the padding field: ignored.
    weights = weight_file([(INT4, 3, 4), (FLOAT32, 8, 0xFFFF_FFFF), (99, 2, 0)])
    info = read_file(package(tmp_path / "P.mlpackage", weights=weights))
    assert (info.tensors, info.parameters) == (3, 5 + 2 + 2)
    assert info.dtypes == ("blob dtype 99", "float32", "int4")


def test_symlinked_manifest_and_weights_are_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "Manifest.json").write_text(json.dumps(MANIFEST))
    (elsewhere / "weight.bin").write_bytes(weight_file([(FLOAT32, 4, 0)]))
    model = package(tmp_path / "A.mlpackage")
    (tmp_path / "A.mlpackage" / "Manifest.json").unlink()
    os.symlink(elsewhere / "Manifest.json", tmp_path / "A.mlpackage" / "Manifest.json")
    assert read_file(model).tensors is None
    model = package(tmp_path / "B.mlpackage")
    weights = model.parent / "weights"
    (weights / "weight.bin").unlink()
    os.symlink(elsewhere / "weight.bin", weights / "weight.bin")
    assert read_file(model).tensors is None
    (weights / "weight.bin").unlink()
    weights.rmdir()
    os.symlink(elsewhere, weights)
    assert read_file(model).tensors is None


def test_neural_network_package_without_weight_files(tmp_path: Path) -> None:
    proto = vi(1, 4) + ld(2, ld(1, ld(1, "x")) + ld(10, ld(1, "y"))) + ld(500, ld(1, ld(1, "c")))
    model = package(tmp_path / "N.mlpackage", proto=proto)
    (model.parent / "weights" / "weight.bin").unlink()
    info = read_file(model)
    assert info.extra["model_type"] == "neuralNetwork" and info.tensors is None
    assert info.extra["mlpackage"]["items"] == 2


@pytest.mark.parametrize(("name", "data"), [
    ("manifest.json", json.dumps({"manifest_version": 3, "name": "Ext", "version": "1.0",
                                  "background": {"service_worker": "bg.js"}}).encode()),
    ("Contents.json", json.dumps({"info": {"author": "xcode", "version": 1}}).encode()),
    ("Manifest.json", json.dumps(MANIFEST).encode()),
    ("model.mlmodel", b"# not a model\n"),
])
def test_look_alike_files_are_not_identified(name: str, data: bytes) -> None:
    assert fmt_of(data, name) is None
