from __future__ import annotations

import io
import json
import pickle
import zipfile
import zlib
from pathlib import Path

import h5py
import numpy as np
import pytest
from builders import (raw_zip, small_gguf, stack_global_pickle, torch_package,
                      torch_package_pickle, torch_tensor, torch_zip)
from builders import head_of
from safetensors.numpy import save as st_save

from mllint import formats
from mllint.formats import _stream, zipfmt
from mllint.formats.base import CorruptModelError, LimitExceededError

EVIL = stack_global_pickle("posix", "system", "true")


def read(path: Path):
    head, size = head_of(path)
    return formats.read(path, head, size, path.name)


def errors(info) -> dict[str, str]:
    return {m.name: m.error.reason for m in info.members if m.error is not None}


def test_torch_zip_walks_pickles_under_any_name_but_not_storages(tmp_path: Path) -> None:
    path = torch_zip(tmp_path / "m.pt", {"archive/extra/evil.bin": EVIL})
    info = read(path)
    assert info.format == "torch-zip"
    assert info.extra["prefix"] == "archive/" and info.extra["version"] == "3"
    assert "posix.system" in info.pickle_globals
    assert errors(info) == {}  # archive/data/0 starts like a pickle but is a storage


def test_torchscript_is_told_apart_by_code_and_constants(tmp_path: Path) -> None:
    assert read(torch_zip(tmp_path / "s.pt", script=True)).format == "torchscript"


def test_torch_package_counts_storages_and_lists_extern_modules(tmp_path: Path) -> None:
    weight = torch_tensor("FloatStorage", "0", 96, (8, 12), parameter=True)
    bias = torch_tensor("FloatStorage", "1", 8, (8,), parameter=True)
    path = tmp_path / "net.pt"
    path.write_bytes(torch_package(
        "net", {"model/model.pkl": torch_package_pickle("models.net", "Net",
                                                         {"weight": weight, "bias": bias}),
                "extra/evil.bin": EVIL},
        # storage 0 begins like a protocol-2 pickle: it must not be walked as one
        {"0": b"\x80\x02" + bytes(382), "1": bytes(32)}, extern=("torch", "numpy"),
        sources={"models/net.py": "import torch\nclass Net(torch.nn.Module):\n    pass\n"}))
    info = read(path)
    assert info.format == "torch-package"
    assert (info.tensors, info.parameters, info.dtypes) == (2, 104, ("float32",))
    assert info.extra["extern_modules"] == ["torch", "numpy"]
    assert (info.extra["prefix"], info.extra["version"]) == ("net/", "6")
    assert {"models.net.Net", "posix.system"} <= set(info.pickle_globals)
    assert errors(info) == {}


def test_zip_with_extern_modules_outside_its_prefix_is_no_torch_package(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(raw_zip([("a/model.pkl", EVIL), ("b/.data/extern_modules", b"torch\n")]))
    assert read(path).format == "zip"


def test_keras_zip_reads_both_json_members_and_counts_weights(tmp_path: Path) -> None:
    config = {"module": "keras", "class_name": "Functional", "config": {"layers": [
        {"module": "keras.layers", "class_name": "Dense", "config": {}}]}}
    weights = io.BytesIO()
    with h5py.File(weights, "w") as f:
        f.create_group("layers").create_group("dense").create_group("vars").create_dataset(
            "0", (3, 2), "f4")
        f.create_group("vars")
    path = tmp_path / "m.keras"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.15.1",
                                                "date_saved": "2026-11-22@00:00:00"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", weights.getvalue())
    info = read(path)
    assert info.format == "keras"
    assert info.extra["keras_version"] == "3.15.1"
    assert info.extra["model_config"] == config
    assert info.extra["class_names"] == ["Functional", "Dense"]
    assert info.parameters == 6
    assert info.provenance.producer == ["keras 3.15.1"]


def test_keras_zip_with_broken_config_records_the_member(tmp_path: Path) -> None:
    path = tmp_path / "b.keras"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.json", "{}")
        z.writestr("config.json", "{oops")
    assert errors(read(path)) == {"config.json": "config.json is not JSON"}


@pytest.mark.parametrize("save", [np.savez, np.savez_compressed])
def test_npz_is_arrays_whose_meaning_context_decides(tmp_path: Path, save) -> None:
    path = tmp_path / "d.npz"
    save(path, a=np.zeros((2, 3)), b=np.ones(4, "f4"))
    info = read(path)
    assert (info.format, info.tensors, info.parameters) == ("npz", 2, 10)
    assert info.trained is None


def test_npz_with_object_array_walks_its_pickle(tmp_path: Path) -> None:
    path = tmp_path / "o.npz"
    np.savez(path, o=np.array([{"k": 1}], dtype=object))
    info = read(path)
    assert info.extra["object_dtype"] is True
    assert any(g.endswith("_reconstruct") for g in info.pickle_globals)


def test_zip_of_documents_is_not_a_model(tmp_path: Path) -> None:
    path = tmp_path / "docs.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", "read me\n" * 100)
        z.writestr("index.html", "<html></html>")
        z.writestr("img/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        z.writestr("notes.xz", b"x", compress_type=zipfile.ZIP_LZMA)  # unreadable: not evidence
    assert read(path) is None


def test_generic_zip_lists_each_model_member(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.md", "# models\n")
        z.writestr("enc/model.safetensors", st_save({"w": np.zeros(4, "f4")}))
        z.writestr("llm.gguf", small_gguf())
        z.writestr("clf.pkl", EVIL)
    info = read(path)
    assert info.format == "zip"
    models = {m.name: m.model.format for m in info.members if m.model}
    assert models == {"enc/model.safetensors": "safetensors", "llm.gguf": "gguf",
                      "clf.pkl": "pickle"}
    assert "posix.system" in info.pickle_globals


def nest(inner: bytes, levels: int) -> bytes:
    for i in range(levels):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(f"level{i}.zip", inner)
        inner = buf.getvalue()
    return inner


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_nested_zips_are_followed_to_the_depth_cap(tmp_path: Path) -> None:
    base = zip_of({"evil.pkl": EVIL}, zipfile.ZIP_STORED)
    shallow = tmp_path / "shallow.zip"
    shallow.write_bytes(nest(base, zipfmt.MAX_DEPTH))
    assert "posix.system" in read(shallow).pickle_globals
    # Past the cap the archive is unread: what it holds is unknown, which alone makes no model
    # (no ML loader opens a zip inside a zip) ...
    deep = tmp_path / "deep.zip"
    deep.write_bytes(nest(base, zipfmt.MAX_DEPTH + 1))
    assert read(deep) is None
    # ... but beside a model the unread archive is reported, lifted to the top record and
    # named by its path through the archives.
    data = zip_of({"level0.zip": base, "beside.pkl": EVIL})
    for name in ("level1.zip", "level2.zip", "level3.zip"):
        data = zip_of({name: data})
    beside = tmp_path / "beside.zip"
    beside.write_bytes(data)
    assert errors(read(beside)) == {"level3.zip:level2.zip:level1.zip:level0.zip":
                                    "archives nested over 3 deep"}


def test_zip_bomb_trips_the_inflate_budget(tmp_path: Path, monkeypatch) -> None:
    # A nested archive must be inflated to its end to find its central directory: 8 MiB of
    # stored zeros deflate to 8 KiB in the outer archive.
    inner = zip_of({"zeros.bin": b"\0" * (8 << 20), "evil.pkl": EVIL}, zipfile.ZIP_STORED)
    monkeypatch.setattr(_stream, "INFLATE_BUDGET", 1 << 20)
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(nest(inner, 1))
    assert read(bomb) is None  # a plain zip: nothing in it was seen to be a model
    path = tmp_path / "m.pt"
    torch_zip(path, {"archive/extra/level0.zip": nest(inner, 1),
                     "archive/extra/later.zip": nest(inner, 1)})
    info = read(path)
    assert info.format == "torch-zip"
    assert errors(info) == {"archive/extra/level0.zip:level0.zip":
                            "decompression budget exhausted"}  # once, the rest unread


def nested_text_zip(levels: int, width: int, text_size: int) -> bytes:
    """``levels`` zips, ``width`` members each, the innermost holding one highly compressible
    ``data.txt`` of ``text_size`` bytes, streamed so that the test never holds it whole."""
    buf = io.BytesIO()
    line = b"the quick brown fox jumps over the lazy dog\n" * 1000
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("data.txt", "w", force_zip64=True) as w:
            for start in range(0, text_size, len(line)):
                w.write(line[:text_size - start])
    data = buf.getvalue()
    for _ in range(levels - 1):
        data = zip_of({f"part{i}.zip": data for i in range(width)})
    return data


def test_nested_zips_of_text_past_the_budget_are_no_model(tmp_path: Path, monkeypatch) -> None:
    """A newcomer's nested.zip (three levels of ten zips, 1 GiB of text at the bottom) was a
    zip model with 20 "budget exhausted" hints, one per member; the same shape, scaled down
    (64 MiB of text, a 16 MiB budget), is nothing."""
    path = tmp_path / "nested.zip"
    path.write_bytes(nested_text_zip(3, 10, 64 << 20))
    assert path.stat().st_size < 64 << 10
    spent: list[_stream.Budget] = []
    monkeypatch.setattr(_stream, "INFLATE_BUDGET", 16 << 20)
    monkeypatch.setattr(zipfmt, "Budget", lambda: spent.append(_stream.Budget()) or spent[-1])
    assert read(path) is None
    assert spent[0].left < 0 and spent[0].spent_in is not None  # the budget did run out
    # With budget to spare it is read to the bottom, and is nothing either.
    monkeypatch.setattr(_stream, "INFLATE_BUDGET", 1 << 40)
    assert read(path) is None and spent[1].left > 0


def test_inflate_stops_at_an_impossible_ratio() -> None:
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packed.compress(b"\0" * (64 << 20)) + packed.flush()
    stream = _stream.Inflate(io.BytesIO(data), 0, len(data), 64 << 20, _stream.Budget())
    with pytest.raises(LimitExceededError, match="compression ratio"):
        while stream.read(1 << 20):
            pass


def test_inflate_seeks_back_and_forth() -> None:
    payload = bytes(range(256)) * 1000
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packed.compress(payload) + packed.flush()
    stream = _stream.Inflate(io.BytesIO(data), 0, len(data), len(payload), _stream.Budget())
    stream.seek(200_000)
    assert stream.read(3) == payload[200_000:200_003]
    stream.seek(10)
    assert stream.read(3) == payload[10:13]
    assert stream.seek(0, io.SEEK_END) == len(payload) and stream.read(1) == b""


def test_overlapping_members_are_refused(tmp_path: Path) -> None:
    data = raw_zip([("a.pkl", EVIL)])
    # a second central entry for the same local header: one block of data, two members
    cd_start = data.index(b"PK\x01\x02")
    entry = data[cd_start:data.index(b"PK\x05\x06")]
    twin = entry[:-5] + b"b.pkl"
    end = bytearray(data[data.index(b"PK\x05\x06"):])
    end[8:12] = (2).to_bytes(2, "little") * 2
    end[12:16] = (len(entry) * 2).to_bytes(4, "little")
    path = tmp_path / "overlap.zip"
    path.write_bytes(data[:cd_start] + entry + twin + bytes(end))
    with pytest.raises(LimitExceededError, match="overlap"):
        read(path)


def test_local_name_mismatch_is_corrupt_and_still_walked(tmp_path: Path) -> None:
    path = tmp_path / "m.pt"
    path.write_bytes(raw_zip(
        [("archive/data.pkl", pickle.dumps({}, protocol=2)), ("archive/version", b"3\n"),
         ("archive/x.bin", EVIL)], local_names={"archive/x.bin": "archive/y.bin"}))
    info = read(path)
    assert info.format == "torch-zip"
    assert errors(info) == {"archive/x.bin": "named archive/y.bin in its local header"}
    assert "posix.system" in info.pickle_globals


def test_member_hidden_from_the_central_directory_is_walked(tmp_path: Path) -> None:
    path = tmp_path / "h.zip"
    path.write_bytes(raw_zip([("README", b"hi"), ("evil.pkl", EVIL)], hidden={"evil.pkl"}))
    info = read(path)
    assert "posix.system" in info.pickle_globals
    assert errors(info)["evil.pkl"] == "missing from the central directory"


def test_crc_and_encryption_flag_are_ignored_like_torch(tmp_path: Path) -> None:
    path = tmp_path / "f.pt"
    path.write_bytes(raw_zip([("archive/data.pkl", EVIL), ("archive/version", b"3\n")],
                             flags=0x1 | 0x40, bad_crc=True))
    with pytest.raises(RuntimeError):  # what zipfile makes of it
        zipfile.ZipFile(path).read("archive/data.pkl")
    info = read(path)
    assert info.format == "torch-zip" and "posix.system" in info.pickle_globals


def test_end_record_missing_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cut.zip"
    path.write_bytes(raw_zip([("a.pkl", EVIL)])[:-22])
    with pytest.raises(CorruptModelError, match="end-of-central-directory"):
        read(path)


def test_entry_count_beyond_the_directory_is_corrupt(tmp_path: Path) -> None:
    data = bytearray(raw_zip([("a", b"")]))
    data[-12:-10] = (0xFFFE).to_bytes(2, "little")  # entries in the end record
    path = tmp_path / "many.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptModelError, match="malformed"):
        read(path)


def test_reader_that_needs_a_real_file_gets_a_spooled_copy(tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []

    def needs_a_directory(path: Path, head: bytes, size: int):
        seen.append(sorted(p.name for p in path.parent.iterdir())[0])  # MemberPath has no parent
        return formats.ModelInfo(format="fake", parameters=len(path.read_bytes()))

    fake = formats.Format("fake", lambda h, s, n: h.startswith(b"FAKE"), needs_a_directory)
    monkeypatch.setattr(zipfmt.formats, "identify", lambda h, s, n: fake if h[:4] == b"FAKE"
                        else None)
    path = tmp_path / "f.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("../../evil name.bin", b"FAKE" + bytes(96))
        z.writestr("README", b"text")
    info = zipfmt.read(path, b"", path.stat().st_size)
    assert seen == ["evil_name.bin"]  # alone in a private directory, name made safe
    assert [(m.name, m.model.parameters) for m in info.members] == [("../../evil name.bin", 100)]


def test_zip_of_an_npz_is_arrays_not_a_model_container(tmp_path: Path) -> None:
    # pytorch's caffe2/python/serialized_test/data/*.zip each hold an inout.npz of test data
    inner = io.BytesIO()
    np.savez(inner, x=np.zeros(3))
    path = tmp_path / "case.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("inout.npz", inner.getvalue())
        z.writestr("meta.txt", "op: Relu\n")
    assert read(path).format == "npz"
