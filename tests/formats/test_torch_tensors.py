"""Tensor, parameter and dtype counts of PyTorch files, read from data.pkl's storage ids and
``_rebuild_tensor_v2`` calls; pickles written opcode by opcode (no torch)."""

from __future__ import annotations

import io
import pickle
import struct
import zipfile
from pathlib import Path

import pytest
from builders import read_file, torch_state_dict, torch_tensor

import mllint.formats.pickle as pk
from mllint.formats.base import LimitExceededError


def torch_zip(path: Path, data_pkl: bytes, records: dict[str, int],
              constants: bytes | None = None) -> Path:
    """A torch.save-shaped zip: ``archive/data.pkl`` plus ``archive/<record>`` of the given
    byte sizes (``data/0``, ``constants/0``, ...)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.pkl", data_pkl)
        if constants is not None:
            z.writestr("archive/constants.pkl", constants)
            z.writestr("archive/code/__torch__/m.py", "def forward(self, x):\n    return x\n")
        z.writestr("archive/byteorder", "little")
        for name, size in records.items():
            z.writestr(f"archive/{name}", bytes(size))
        z.writestr("archive/version", "3\n")
    return path


def test_builder_writes_what_torch_load_would_rebuild() -> None:
    # The hand-written opcodes, unpickled with stand-ins for torch's callables (this test's own
    # bytes only): the storage id and the rebuild arguments are where torch expects them.
    calls: list[tuple] = []

    class Loader(pickle.Unpickler):
        def find_class(self, module: str, name: str):
            if (module, name) == ("collections", "OrderedDict"):
                return dict
            if module == "torch._utils":
                return lambda *args: calls.append((name, *args)) or name
            return f"{module}.{name}"

        def persistent_load(self, pid):
            return pid

    data = torch_state_dict({"w": torch_tensor("FloatStorage", "0", 6, (2, 3)),
                             "b": torch_tensor("HalfStorage", "1", 3, (3,), parameter=True)})
    assert Loader(io.BytesIO(data)).load() == {"w": "_rebuild_tensor_v2",
                                               "b": "_rebuild_parameter"}
    assert calls[0] == ("_rebuild_tensor_v2", ("storage", "torch.FloatStorage", "0", "cpu", 6),
                        0, (2, 3), (3, 1), False, {})
    assert calls[1][3:5] == ((3,), (1,))


def test_state_dict_counts_tensors_parameters_and_dtypes(tmp_path: Path) -> None:
    data = torch_state_dict({
        "fc.weight": torch_tensor("FloatStorage", "0", 6, (2, 3), parameter=True),
        "fc.bias": torch_tensor("FloatStorage", "1", 2, (2,), parameter=True),
        "emb": torch_tensor("BFloat16Storage", "2", 40, (10, 4)),
        "steps": torch_tensor("LongStorage", "3", 1, ()),
    })
    info = read_file(torch_zip(tmp_path / "m.pt", data,
                               {"data/0": 24, "data/1": 8, "data/2": 80, "data/3": 8}))
    assert info.format == "torch-zip"
    assert (info.tensors, info.parameters) == (4, 6 + 2 + 40 + 1)
    assert info.dtypes == ("bfloat16", "float32", "int64")


def test_views_of_one_storage_count_it_at_most_once(tmp_path: Path) -> None:
    # q, k, v slices of one fused 3x4 weight (disjoint: 12 in all), a transposed view of the
    # whole (overlapping), and a scalar expanded to 1000 elements over a 1-element storage.
    data = torch_state_dict({
        "q": torch_tensor("FloatStorage", "0", 12, (4,), offset=0),
        "k": torch_tensor("FloatStorage", "0", 12, (4,), offset=4),
        "v": torch_tensor("FloatStorage", "0", 12, (4,), offset=8),
        "t": torch_tensor("FloatStorage", "0", 12, (4, 3)),
        "e": torch_tensor("FloatStorage", "1", 1, (1000,)),
    })
    info = read_file(torch_zip(tmp_path / "m.pt", data, {"data/0": 48, "data/1": 4}))
    assert (info.tensors, info.parameters) == (5, 13)


def test_huge_declared_numel_and_size_are_capped_by_the_record(tmp_path: Path) -> None:
    data = torch_state_dict({
        "w": torch_tensor("FloatStorage", "0", 2**70, (2**40, 2**40, 2**63)),
        "z": torch_tensor("DoubleStorage", "1", 2**62, (0, 2**62)),
    })
    info = read_file(torch_zip(tmp_path / "m.pt", data, {"data/0": 16, "data/1": 8}))
    assert (info.tensors, info.parameters) == (2, 4)  # 16 bytes of float32; a 0-sized tensor


def test_storage_without_its_record_stores_no_parameters(tmp_path: Path) -> None:
    data = torch_state_dict({"w": torch_tensor("FloatStorage", "7", 6, (2, 3))})
    info = read_file(torch_zip(tmp_path / "m.pt", data, {"data/0": 24}))
    assert (info.tensors, info.parameters, info.dtypes) == (1, 0, ("float32",))


@pytest.mark.parametrize("size", [b"(J\xff\xff\xff\xff\x88t", b"(K\x02\x89t", b"N"])
def test_unusable_sizes_count_the_tensor_but_no_elements(tmp_path: Path, size: bytes) -> None:
    good = torch_tensor("FloatStorage", "0", 6, (2, 3))
    bad = good.replace(b"(K\x02K\x03t", size, 1)  # size (-1, True), (2, False), None
    assert bad != good
    info = read_file(torch_zip(tmp_path / "m.pt", torch_state_dict({"w": bad}), {"data/0": 24}))
    assert (info.tensors, info.parameters) == (1, 0)


def test_other_persistent_ids_and_rebuilders_without_storage_count_nothing(
        tmp_path: Path) -> None:
    # ("module", ...) ids (torch.package), a rebuild whose storage is a plain string, and a
    # storage id with a negative count.
    tensor = torch_tensor("FloatStorage", "0", 6, (2, 3))
    module_id = tensor.replace(b"X\x07\x00\x00\x00storage", b"X\x06\x00\x00\x00module", 1)
    no_pid = tensor.replace(b"K\x06tQ", b"K\x06t", 1)
    negative = tensor.replace(b"K\x06tQ", b"J\xfa\xff\xff\xfftQ", 1)
    data = torch_state_dict({"a": module_id, "b": no_pid, "c": negative})
    info = read_file(torch_zip(tmp_path / "m.pt", data, {"data/0": 24}))
    assert (info.tensors, info.parameters, info.dtypes) == (0, 0, ())


def test_torchscript_constants_count_against_their_own_records(tmp_path: Path) -> None:
    data = torch_state_dict({"w": torch_tensor("FloatStorage", "0", 6, (2, 3))})
    constants = b"\x80\x02(" + torch_tensor("CharStorage", "0", 100, (10, 10)) + b"t."
    info = read_file(torch_zip(tmp_path / "s.pt", data, {"data/0": 24, "constants/0": 100},
                               constants=constants))
    assert info.format == "torchscript"
    assert (info.tensors, info.parameters, info.dtypes) == (2, 106, ("float32", "int8"))


def test_truncated_data_pkl_keeps_the_tensors_before_the_cut(tmp_path: Path) -> None:
    data = torch_state_dict({"a": torch_tensor("FloatStorage", "0", 6, (2, 3)),
                             "b": torch_tensor("FloatStorage", "1", 6, (2, 3))})
    cut = data[: data.index(b"X\x01\x00\x00\x00b") + 20]
    info = read_file(torch_zip(tmp_path / "m.pt", cut, {"data/0": 24, "data/1": 24}))
    assert (info.tensors, info.parameters) == (1, 6)
    assert [m.name for m in info.members] == ["archive/data.pkl"]
    assert "truncated" in info.members[0].error.reason


def test_too_many_storages_is_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pk, "MAX_STORAGES", 3)
    data = torch_state_dict({f"t{i}": torch_tensor("FloatStorage", str(i), 1, (1,))
                             for i in range(5)})
    scan = pk.scan_pickles(io.BytesIO(data), 0, len(data))
    assert isinstance(scan.error, LimitExceededError)
    assert scan.tensors == 3 and "<unresolvable>" in scan.globals


MAGIC = bytes.fromhex("80028a0a6cfc9c46f9206aa850192e")


def legacy(obj: bytes, keys: list[str], storages: bytes) -> bytes:
    """torch < 1.6 ``_legacy_save``: magic, protocol 1001, sys_info, the object, the keys,
    then each storage as a u64 element count and its bytes; ids carry view metadata."""
    obj = obj.replace(b"K\x06tQ", b"K\x06NtQ")  # 6-tuple: (..., numel, view_metadata None)
    key_list = b"\x80\x02(" + b"".join(b"X" + struct.pack("<I", len(k)) + k.encode()
                                       for k in keys) + b"l."
    return MAGIC + b"\x80\x02M\xe9\x03." + b"\x80\x02}." + obj + key_list + storages


def test_legacy_torch_counts_tensors_capped_by_the_bytes_after_the_pickles(
        tmp_path: Path) -> None:
    obj = torch_state_dict({"w": torch_tensor("FloatStorage", "0", 6, (2, 3))})
    path = tmp_path / "old.pth"
    path.write_bytes(legacy(obj, ["0"], struct.pack("<Q", 6) + bytes(24)))
    info = read_file(path)
    assert info.format == "torch-legacy"
    assert (info.tensors, info.parameters, info.dtypes) == (1, 6, ("float32",))
    path.write_bytes(legacy(obj, ["0"], struct.pack("<Q", 6) + bytes(4)))  # storage cut short
    assert read_file(path).parameters == 3  # 12 bytes left after the pickles
