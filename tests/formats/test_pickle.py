"""The pickle walker against hand-written hostile pickles (model-formats.md §3.3, §4).

Every fixture is bytes built here; nothing is ever unpickled. ``pickle.dumps`` is only used on
harmless builtin values to get real pickler output.
"""

from __future__ import annotations

import base64
import io
import pickle
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mllint.formats.pickle as pk
from mllint.formats import identify
from mllint.formats.base import CorruptModelError, FormatError, LimitExceededError
from mllint.formats.pickle import UNRESOLVABLE, looks_like_pickle, scan_pickles


def s(text: str) -> bytes:
    """SHORT_BINUNICODE."""
    return b"\x8c" + bytes([len(text)]) + text.encode()


def p4_stack_global(mod: str, name: str, arg: str) -> bytes:
    return b"\x80\x04" + s(mod) + s(name) + b"\x93" + s(arg) + b"\x85R."


def p0_global(mod: str, name: str, arg: str) -> bytes:
    return f"c{mod}\n{name}\n(V{arg}\ntR.".encode()


def scan(data: bytes, **kw: object) -> pk.PickleScan:
    return scan_pickles(io.BytesIO(data), 0, len(data), **kw)  # type: ignore[arg-type]


M_MEMO = (b"\x80\x04" + s("x") + b"\x94" + s("posix") + s("decoy") + b"0q\x0500" + s("system")
          + b"\x940h\x05h\x02\x93" + s("true") + b"\x85R.")
FRAME_STRADDLE = (b"\x80\x04\x95" + struct.pack("<Q", 2) + b"B" + struct.pack("<I", 0x107)
                  + b"x" * 0x107 + b".")
HOSTILE = {
    "m_posix": p4_stack_global("posix", "system", "true"),
    "m_eval_v0": p0_global("builtins", "eval", "1+1"),
    "m_memo": M_MEMO,
    "m_dunder": b"\x80\x04" + s("builtins") + s("print.__class__.__base__.__subclasses__")
                + b"\x93)R.",
    "m_objpop": b"\x80\x02(cposix\nsystem\nX\x04\x00\x00\x00trueo0N.",
    "frame_straddle": FRAME_STRADDLE,
}


def test_stack_global_names_module_and_qualname() -> None:
    result = scan(HOSTILE["m_posix"])
    assert result.globals == ["posix.system"]
    assert result.pickles == 1 and result.error is None and result.end == len(HOSTILE["m_posix"])


def test_protocol_0_global_and_tuple_call() -> None:
    assert scan(HOSTILE["m_eval_v0"]).globals == ["builtins.eval"]


def test_memo_indirection_uses_stack_top_and_len_memo() -> None:
    # BINPUT 5 stores the stack top 'posix' (after a POP), MEMOIZE then uses key len(memo) == 2.
    assert scan(M_MEMO).globals == ["posix.system"]


def test_memo_get_of_the_decoy_index_would_differ() -> None:
    # The same bytes with BINGET 1 (what a 'count the MEMOIZEs' scanner assumes) is a missing key.
    result = scan(M_MEMO.replace(b"h\x02\x93", b"h\x01\x93"))
    assert isinstance(result.error, CorruptModelError) and "memo key 1" in result.error.reason


def test_stack_global_from_computed_operand_is_unresolvable() -> None:
    # module = builtins.str('posix') at load time: not a literal (§3.3 row 2).
    data = (b"\x80\x04" + s("builtins") + s("str") + b"\x93" + s("posix") + b"\x85R" + s("system")
            + b"\x93" + s("true") + b"\x85R.")
    result = scan(data)
    assert result.error is None
    assert result.globals == ["builtins.str", UNRESOLVABLE]
    assert result.unresolved_at == [data.index(s("system")) + len(s("system"))]


def test_dotted_qualname_is_reported_whole() -> None:
    assert scan(HOSTILE["m_dunder"]).globals == [
        "builtins.print.__class__.__base__.__subclasses__"]


def test_obj_call_whose_result_is_popped_still_names_the_callee() -> None:
    result = scan(HOSTILE["m_objpop"])
    assert result.globals == ["posix.system"] and result.classes == ["posix.system"]


def test_newobj_ex_call_names_its_class() -> None:
    data = b"\x80\x04" + s("subprocess") + s("Popen") + b"\x93" + s("true") + b"\x85}\x92" + b"0N."
    result = scan(data)
    assert result.globals == ["subprocess.Popen"] and result.classes == ["subprocess.Popen"]


@pytest.mark.parametrize("name", ["weights.txt", "model", "README.md", "data.json"])
def test_pickle_under_any_name_is_identified(name: str) -> None:
    # §3.3 row 9: content decides, not the extension (CVE-2025-10155).
    for data in (HOSTILE["m_posix"], HOSTILE["m_eval_v0"]):
        found = identify(data, len(data), name)
        assert found is not None and found.id == "pickle"


def test_inst_opcode_names_its_class() -> None:
    assert scan(b"(S'true'\niposix\nsystem\n0N.").globals == ["posix.system"]


def test_frame_straddle_is_unresolvable_but_walk_goes_on() -> None:
    result = scan(FRAME_STRADDLE)
    assert result.globals == [UNRESOLVABLE] and result.unresolved_at == [11]
    assert result.error is None and result.pickles == 1


def test_frame_inside_unfinished_frame_is_unresolvable() -> None:
    inner = s("posix") + s("system") + b"\x93)R."
    data = (b"\x80\x04\x95" + struct.pack("<Q", 20) + b"N0" + b"\x95"
            + struct.pack("<Q", len(inner)) + inner)
    result = scan(data)
    assert UNRESOLVABLE in result.globals and "posix.system" in result.globals


def test_well_formed_frames_from_the_pickler_are_clean() -> None:
    data = pickle.dumps({"k": ["v" * 50] * 3000, "b": b"x" * 200_000}, protocol=5)
    assert b"\x95" in data[:3]
    result = scan(data)
    assert result.globals == [] and result.error is None and result.end == len(data)


def test_concatenated_pickles_are_all_walked() -> None:
    data = pickle.dumps({"w": 1}, protocol=2) + p4_stack_global("posix", "system", "true")
    result = scan(data)
    assert result.pickles == 2 and result.globals == ["posix.system"]


def test_trailing_bytes_that_are_no_pickle_end_the_walk_cleanly() -> None:
    data = pickle.dumps([1, 2], protocol=2) + b"\x00\x01garbage"
    result = scan(data)
    assert result.pickles == 1 and result.error is None
    assert result.end == len(pickle.dumps([1, 2], protocol=2))


def test_fake_legacy_magic_is_not_legacy_and_every_pickle_is_walked() -> None:
    # picklescan's magic bypass: the first pickle computes the magic with eval, so a loader that
    # only checks the value accepts it; mllint requires the exact 15 bytes (§3.3 row 8).
    expr = b"0x1950A86A20F9469CFC6C"
    first = b"\x80\x02c__builtin__\neval\nX" + struct.pack("<I", len(expr)) + expr + b"\x85R."
    data = first + pickle.dumps(1001, protocol=2) + p4_stack_global("posix", "system", "true")
    assert identify(data[:4096], len(data), "model.pt").id == "pickle"
    assert scan(data).globals == ["builtins.eval", "posix.system"]


def test_real_legacy_magic_identifies_torch_legacy() -> None:
    data = bytes.fromhex("80028a0a6cfc9c46f9206aa850192e") + b"\x80\x02M\xe9\x03."
    assert identify(data, len(data), "model.pt").id == "torch-legacy"


def test_python2_names_are_normalised_below_protocol_3() -> None:
    data = b"\x80\x02c__builtin__\neval\nccopy_reg\n_reconstructor\n0."
    assert scan(data).globals == ["builtins.eval", "copyreg._reconstructor"]


def test_python2_names_are_kept_from_protocol_3() -> None:
    assert scan(b"\x80\x03c__builtin__\neval\n.").globals == ["__builtin__.eval"]


def test_globals_inside_persistent_ids_are_reported() -> None:
    # torch's storage ids: ('storage', torch.FloatStorage, '0', 'cpu', 4) as a BINPERSID tuple.
    pid = (b"(X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x000"
           b"X\x03\x00\x00\x00cpuK\x04t")
    assert scan(b"\x80\x02" + pid + b"Q.").globals == ["torch.FloatStorage"]


def test_ext_opcodes_are_unresolvable() -> None:
    assert scan(b"\x80\x02\x82\x01)R.").globals == [UNRESOLVABLE]


def test_huge_put_index_costs_one_entry() -> None:
    result = scan(b"N" + b"p1000000000000\n" + b"g1000000000000\n.")
    assert result.error is None and result.pickles == 1


def test_memo_entry_cap_is_a_limit_and_unresolvable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pk, "MAX_MEMO", 100)
    data = b"\x80\x04N" + b"\x94" * 101 + b"."
    result = scan(data)
    assert isinstance(result.error, LimitExceededError)
    assert result.globals == [UNRESOLVABLE]


def test_stack_cap_is_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pk, "MAX_STACK", 1000)
    assert isinstance(scan(b"\x80\x02" + b"N" * 1001 + b".").error, LimitExceededError)


def test_invalid_opcode_keeps_what_was_found() -> None:
    result = scan(b"\x80\x02cposix\nsystem\n\xff")
    assert result.globals == ["posix.system"]
    assert isinstance(result.error, CorruptModelError) and "0xff" in result.error.reason


def test_truncated_pickle_keeps_what_was_found() -> None:
    result = scan(b"\x80\x02cposix\nsystem\n(X\x10\x00\x00\x00tr")
    assert result.globals == ["posix.system"]
    assert isinstance(result.error, CorruptModelError) and "truncated" in result.error.reason


def test_big_argument_past_end_is_truncation_not_allocation() -> None:
    result = scan(b"\x80\x04\x8e" + struct.pack("<Q", 2**62) + b"xx")
    assert "truncated" in result.error.reason  # type: ignore[union-attr]


def test_region_end_bounds_the_walk() -> None:
    data = p4_stack_global("posix", "system", "true")
    result = scan_pickles(io.BytesIO(data + data), len(data), len(data) + 5)
    assert isinstance(result.error, CorruptModelError) and result.globals == []


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_prefix_of_a_hostile_pickle_walks_without_exception(name: str) -> None:
    data = HOSTILE[name]
    for cut in range(len(data)):
        result = scan(data[:cut])
        assert result.error is None or isinstance(result.error, FormatError)
        assert cut == 0 or result.error is not None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = scan(data)
    assert result.error is None or isinstance(result.error, FormatError)
    assert looks_like_pickle(data, len(data)) in (True, False)


@pytest.mark.parametrize("op", [b"\x8d", b"\x8e", b"\x96"])  # BINUNICODE8, BINBYTES8, BYTEARRAY8
@pytest.mark.parametrize("length", [2**63 - 1, 2**63, 2**64 - 1])
def test_huge_declared_length_without_an_end_is_truncation(op: bytes, length: int) -> None:
    # Sniffing walks the head with end=None; a length past any file size once overflowed seek().
    data = b"\x80\x04" + op + struct.pack("<Q", length) + b"xx"
    assert not looks_like_pickle(data, len(data))
    result = scan_pickles(io.BytesIO(data), 0, None)
    assert isinstance(result.error, FormatError)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(HOSTILE)), st.data())
def test_mutated_hostile_pickles_never_raise(name: str, data: st.DataObject) -> None:
    raw = bytearray(HOSTILE[name])
    i = data.draw(st.integers(0, len(raw) - 1))
    raw[i] = data.draw(st.integers(0, 255))
    result = scan(bytes(raw))
    assert result.error is None or isinstance(result.error, FormatError)


# -- nested pickles in loader arguments (§3.3 row 14) --------------------------------------------
def sb(data: bytes) -> bytes:
    """SHORT_BINBYTES or BINBYTES."""
    if len(data) < 256:
        return b"C" + bytes([len(data)]) + data
    return b"B" + struct.pack("<I", len(data)) + data


def loads_of(arg: bytes, loader: tuple[str, str] = ("pickle", "loads")) -> bytes:
    return b"\x80\x04" + s(loader[0]) + s(loader[1]) + b"\x93" + arg + b"\x85R."


INNER = p4_stack_global("posix", "system", "true")


def test_nested_pickle_in_loads_argument_is_walked() -> None:
    result = scan(loads_of(sb(INNER)))
    assert result.globals == ["pickle.loads", "posix.system"] and result.error is None


def test_long_nested_pickle_is_walked_in_place() -> None:
    inner = b"\x80\x04" + sb(b"x" * 10_000) + b"0" + INNER[2:]
    result = scan(loads_of(sb(inner)))
    assert result.globals == ["pickle.loads", "posix.system"]


def test_base64_nested_pickle_is_decoded_and_walked() -> None:
    arg = s("base64") + s("b64decode") + b"\x93" + s(base64.b64encode(INNER).decode()) + b"\x85R"
    assert "posix.system" in scan(loads_of(arg)).globals


def test_torch_load_of_bytesio_walks_the_bytes() -> None:
    arg = s("io") + s("BytesIO") + b"\x93" + sb(INNER) + b"\x85R"
    assert "posix.system" in scan(loads_of(arg, ("torch", "load"))).globals


def test_loader_of_computed_bytes_is_unresolvable() -> None:
    arg = s("builtins") + s("bytes") + b"\x93" + b")R"
    assert UNRESOLVABLE in scan(loads_of(arg)).globals


def test_nesting_depth_is_capped() -> None:
    data = INNER
    for _ in range(pk.MAX_NESTING + 1):
        data = loads_of(sb(data))
    result = scan(data)
    assert UNRESOLVABLE in result.globals and "posix.system" not in result.globals


def test_build_on_a_global_is_reported() -> None:
    data = b"\x80\x02cnumpy\nprod\n}(X\x01\x00\x00\x00aK\x01ub0N."
    assert scan(data).built_globals == ["numpy.prod"]


# -- joblib array blocks ------------------------------------------------------------------------
def joblib_wrapper(shape: tuple[int, ...], typestr: str, aligned: bool) -> bytes:
    """A protocol-2 NumpyArrayWrapper as joblib pickles it: NEWOBJ, state dict, BUILD."""
    dims = b"".join(b"K" + bytes([d]) for d in shape)
    tup = {0: b")", 1: b"\x85", 2: b"\x86", 3: b"\x87"}[len(shape)]
    dtype = (b"cnumpy\ndtype\nX" + struct.pack("<I", len(typestr)) + typestr.encode()
             + b"\x89\x88\x87R(K\x03X\x01\x00\x00\x00<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb")
    state = (b"}(X\x05\x00\x00\x00shape" + dims + tup + b"X\x05\x00\x00\x00dtype" + dtype
             + b"X\x05\x00\x00\x00order" + b"X\x01\x00\x00\x00C")
    if aligned:
        state += b"X\x1b\x00\x00\x00numpy_array_alignment_bytesK\x10"
    return b"cjoblib.numpy_pickle\nNumpyArrayWrapper\n)\x81" + state + b"ub"


def test_joblib_array_block_is_skipped() -> None:
    block = b"\x0c" * (3 * 4 * 8)  # '\x0c' is no opcode: a walker that does not skip fails here
    data = (b"\x80\x02]" + joblib_wrapper((3, 4), "f8", True) + b"\x03\xff\xff\xff" + block
            + b"a" + b"cposix\nsystem\n0.")
    result = scan(data)
    assert result.error is None
    assert result.globals == ["joblib.numpy_pickle.NumpyArrayWrapper", "numpy.dtype",
                              "posix.system"]


def test_joblib_array_without_alignment_has_no_padding_byte() -> None:
    data = (b"\x80\x02" + joblib_wrapper((2,), "i4", False) + b"\x0c" * 8 + b"0N.")
    assert scan(data).error is None


def test_joblib_array_past_end_is_truncated() -> None:
    data = b"\x80\x02" + joblib_wrapper((200, 200), "f8", True) + b"\x00" + b"\x0c" * 8
    assert "truncated" in scan(data).error.reason  # type: ignore[union-attr]


def test_joblib_array_that_cannot_be_sized_is_corrupt() -> None:
    data = b"\x80\x02cjoblib.numpy_pickle\nNumpyArrayWrapper\n)\x81}b0N."
    assert "cannot be sized" in scan(data).error.reason  # type: ignore[union-attr]


def test_wrapper_in_a_plain_walk_is_not_skipped() -> None:
    data = b"\x80\x02" + joblib_wrapper((2,), "i4", False) + b"0N."
    assert scan(data, joblib=False).error is None


# -- sniffing -----------------------------------------------------------------------------------
def test_protocol_0_dict_like_jieba_finalseg_is_a_pickle() -> None:
    data = pickle.dumps({"B": {"\u4e00": -3.6, "\u4e01": -8.1}, "E": {}}, protocol=0)
    assert looks_like_pickle(data, len(data))


def test_text_starting_with_parenthesis_is_not_a_pickle() -> None:
    text = b"(c) 2003 Someone <someone@example.org>\nPermission is granted to copy\n" * 3
    assert not looks_like_pickle(text, len(text))


def test_csv_whose_lines_walk_as_global_and_stop_is_not_a_pickle() -> None:
    # statsmodels results_predict_fedfunds.csv: "c" + header line, a data line, then ".7376..."
    csv = b"const_p1,const_p2\n.7376958,.2623042\n.9818866,.0181134\n"
    assert not looks_like_pickle(csv, len(csv))


@pytest.mark.parametrize("text", [b"N.B. this is a note\n", b"I0\n.\nmore text follows\n"])
def test_text_whose_first_bytes_walk_as_a_short_pickle_is_not_a_pickle(text: bytes) -> None:
    assert not looks_like_pickle(text, len(text))
    assert not looks_like_pickle(text * 300, len(text) * 300)


def test_random_binary_starting_like_protocol_2_is_not_a_pickle() -> None:
    rom = b"\x80\x02\x00\x55\xaa" + bytes(range(256)) * 16
    assert not looks_like_pickle(rom[:4096], len(rom))


def test_binary_starting_like_a_framed_protocol_4_pickle_is_not_a_pickle() -> None:
    blob = b"\x80\x04\x95" + struct.pack("<Q", 1 << 16) + bytes(range(256)) * 300
    assert not looks_like_pickle(blob[:4096], len(blob))
    real = pickle.dumps(list(range(50_000)), protocol=4)
    assert looks_like_pickle(real[:4096], len(real))


def test_large_protocol_1_pickle_is_sniffed_from_its_head() -> None:
    data = pickle.dumps([{f"k{i}": i} for i in range(3000)], protocol=1)
    assert len(data) > 4096 and looks_like_pickle(data[:4096], len(data))


# -- readers ------------------------------------------------------------------------------------
def test_raw_pickle_read_reports_classes_and_sklearn_version(tmp_path: Path) -> None:
    f = tmp_path / "model.pt"
    f.write_bytes(b"\x80\x02csklearn.linear_model._logistic\nLogisticRegression\n)\x81}"
                  b"X\x10\x00\x00\x00_sklearn_versionX\x05\x00\x00\x001.2.1sb.")
    info = pk.read(f, f.read_bytes()[:4096], f.stat().st_size)
    assert info is not None and info.format == "pickle"
    assert info.pickle_globals == ["sklearn.linear_model._logistic.LogisticRegression"]
    assert info.extra["classes"] == ["sklearn.linear_model._logistic.LogisticRegression"]
    assert info.provenance.producer == ["scikit-learn 1.2.1"]


def test_protocol_0_guess_with_trailing_text_is_no_pickle(tmp_path: Path) -> None:
    data = pickle.dumps(list(range(3000)), protocol=0)
    f = tmp_path / "numbers.dat"
    f.write_bytes(data + b"\n")
    assert pk.read(f, data[:4096], len(data) + 1) is not None
    f.write_bytes(data + b"appendix: not part of any pickle\n")
    assert pk.read(f, data[:4096], f.stat().st_size) is None


def test_truncated_pickle_read_raises_with_partial_record(tmp_path: Path) -> None:
    f = tmp_path / "m.pkl"
    f.write_bytes(b"\x80\x02cposix\nsystem\n(")
    with pytest.raises(CorruptModelError, match="truncated") as exc:
        pk.read(f, f.read_bytes(), f.stat().st_size)
    assert exc.value.partial.pickle_globals == ["posix.system"]  # type: ignore[attr-defined]


def test_large_pickle_memory_is_flat(tmp_path: Path) -> None:
    """200 MiB of 1 MiB byte strings plus a global at the end; peak RSS stays near baseline."""
    f = tmp_path / "big.pkl"
    with f.open("wb") as out:
        out.write(b"\x80\x04(")
        chunk = b"\x8e" + struct.pack("<Q", 1 << 20) + b"\0" * (1 << 20)
        for _ in range(200):
            out.write(chunk)
        out.write(b"l" + s("posix") + s("system") + b"\x93.")
    code = textwrap.dedent(f"""
        import resource, sys
        from mllint.formats.pickle import scan_pickles
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with open({str(f)!r}, "rb") as fh:
            r = scan_pickles(fh, 0, {f.stat().st_size})
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(r.globals, r.error, (peak - base) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2]).stdout.split()
    assert out[0] == "['posix.system']" and out[1] == "None"
    assert int(out[2]) < 20, f"RSS grew by {out[2]} MiB"


# -- the shape of the data (what mllint.inventory tells data from weights by) -------------------
def shape(data: bytes) -> tuple[int, int, int]:
    found = scan(data)
    assert found.error is None
    return found.literals, found.mapped_floats, found.array_floats


@pytest.mark.parametrize("protocol", [0, 2, 4, 5])
def test_literals_and_floats_stored_as_dict_values_are_counted(protocol: int) -> None:
    assert shape(pickle.dumps("hello", protocol)) == (1, 0, 0)
    # SETITEM (protocol 0), SETITEMS and DICT all store values; list floats are no dict values
    table = {"B": {"a": -0.5, "b": -1.5}, "E": {"a": -2.5}, "S": 1.0, "n": 3, "v": [0.5, 0.25]}
    literals, mapped, arrays = shape(pickle.dumps(table, protocol))
    assert (mapped, arrays) == (4, 0)
    assert literals == 14  # 8 keys, 6 floats, 1 int; the repeated "a" comes from the memo
    assert shape(pickle.dumps([("a", 0.5)] * 3 + [{1: 2}], protocol))[1] == 0


def test_dict_values_past_the_container_cap_are_counted() -> None:
    table = {f"k{i}": i / 7 for i in range(3 * pk.CONTAINER_KEEP)}
    assert shape(pickle.dumps(table, 0))[1] == shape(pickle.dumps(table, 4))[1] == len(table)


@pytest.mark.parametrize("protocol", [2, 4])
def test_float_array_elements_come_from_shape_and_dtype(protocol: int) -> None:
    import numpy as np  # pickled here, never unpickled

    assert shape(pickle.dumps(np.zeros((30, 40), np.float32), protocol))[2] == 1200
    assert shape(pickle.dumps(np.zeros(7, np.complex64), protocol))[2] == 7
    assert shape(pickle.dumps(np.zeros((30, 40), np.int8), protocol))[2] == 0
    # numpy 1.x spells the module numpy.core (protocol 2 names globals in text lines)
    old = pickle.dumps(np.zeros(5, np.float64), 2).replace(b"numpy._core.", b"numpy.core.")
    assert shape(old)[2] == 5


def test_hostile_array_shapes_are_capped_or_ignored() -> None:
    def array(dims: bytes, typestr: bytes = b"f8") -> bytes:
        return (b"\x80\x02cnumpy.core.multiarray\n_reconstruct\n(cnumpy\nndarray\nK\x00\x85C\x01b"
                b"tR(K\x01" + dims + b"cnumpy\ndtype\n(" + s(typestr.decode()) + b"\x89\x88tR"
                b"\x89C\x00tb.")

    huge = b"(" + b"J\xff\xff\xff\x7f" * 40 + b"t"
    assert scan(array(huge)).array_floats == pk.MAX_ELEMENTS
    assert scan(array(b"(J\xff\xff\xff\xffK\x03t")).array_floats == 0  # negative dimension
    assert scan(array(b"(" + s("3") + b"t")).array_floats == 0  # not an integer
    assert scan(array(b"(K\x03t", b"f")).array_floats == 0  # typestr without a size
    assert scan(array(b"(K\x03t", b"U4")).array_floats == 0
    assert scan(array(b"(K\x03t")).array_floats == 3
