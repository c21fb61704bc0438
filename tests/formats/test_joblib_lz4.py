"""joblib dumps compressed with lz4: a dump joblib 1.6 wrote, hand-built frames, hostile frames.

The head decoder (identification) needs no third-party module; walking the whole stream needs
``lz4.frame``, and those tests are skipped without it. Nothing is ever loaded.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from builders import fmt_of, read_file, write
from hypothesis import given, settings
from hypothesis import strategies as st

import mllint.formats.joblib as jl
from mllint.formats.base import CorruptModelError, LimitExceededError

# joblib.dump({"coef": np.arange(4, dtype=np.float32), "classes": ["a", "b"]}, f, compress="lz4")
# with joblib 1.6.0, lz4 4.4.5, numpy 2.4 (284 bytes): one linked, compressed block.
JOBLIB_LZ4 = bytes.fromhex(
    "04224d184040c00d01000052800495db000100f46e7d94288c04636f6566948c136a6f626c69622e6e756d70"
    "795f7069636b6c65948c114e756d70794172726179577261707065729493942981947d94288c08737562636c"
    "617373948c056e756d7079948c076e6461727261799493948c057368617065944b0485948c056f7264657294"
    "8c0143948c0564747970659468080a00f10d93948c02663494898887945294284b038c013c944e4e4e4affff"
    "ffff0500f2064b007494628c0a616c6c6f775f6d6d617094888c1ba800f40d61727261795f616c69676e6d65"
    "6e745f6279746573944b10756209ff010002eb00c2803f00000040000040409518120031008c07bf00f00265"
    "73945d94288c0161948c01629465752e00000000")
JOBLIB_GLOBALS = ["joblib.numpy_pickle.NumpyArrayWrapper", "numpy.ndarray", "numpy.dtype"]
SVC = b"\x80\x02csklearn.svm._classes\nSVC\n)\x81}(X\x01\x00\x00\x00CG?\xf0\0\0\0\0\0\0ub."


def stored_frame(data: bytes, flg: int = 0x60, block: int = 1 << 16) -> bytes:
    """An LZ4 frame of uncompressed blocks (high bit of the block size set), written by hand:
    what ``lz4`` writes for incompressible data. The header checksum byte is not verified by
    the head decoder, so it is left 0."""
    size = struct.pack("<Q", len(data)) if flg & 0x08 else b""
    out = jl.LZ4_MAGIC + bytes([flg, 0x40]) + size + b"\x00"
    for i in range(0, len(data), block):
        chunk = data[i:i + block]
        out += struct.pack("<I", len(chunk) | 0x80000000) + chunk
    return out + bytes(4)


def test_joblib_written_lz4_dump_is_identified_without_the_module() -> None:
    out, ended = jl.lz4_head(JOBLIB_LZ4, jl.SNIFF_OUTPUT)
    assert ended and out.startswith(b"\x80\x04\x95\xdb\x00\x00\x00\x00\x00\x00\x00}")
    assert out.endswith(b"\x8c\x01a\x94\x8c\x01b\x94eu.")  # ... ["a", "b"]}, STOP
    assert fmt_of(JOBLIB_LZ4, "model.joblib") == "joblib"


def test_joblib_written_lz4_dump_is_walked(tmp_path: Path) -> None:
    pytest.importorskip("lz4.frame")
    info = read_file(write(tmp_path, "model.joblib", JOBLIB_LZ4))
    assert info.format == "joblib" and info.extra["compression"] == "lz4"
    assert info.pickle_globals == JOBLIB_GLOBALS
    assert "inspected" not in info.extra


def test_lz4_dump_without_the_module_is_an_unwalked_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jl, "_lz4_frame", lambda: None)
    info = read_file(write(tmp_path, "model.joblib", JOBLIB_LZ4))
    assert info.format == "joblib" and info.extra["inspected"] is False
    assert info.extra["compression"] == "lz4"
    # The head's globals, then the rest that was not read and could import anything.
    assert info.pickle_globals == [*JOBLIB_GLOBALS, "<unresolvable>"]


def test_lz4_frame_of_text_is_not_joblib() -> None:
    text = b"Lorem ipsum dolor sit amet, not a pickle at all.\n" * 40
    assert fmt_of(stored_frame(text), "notes.txt.lz4") is None
    lz4_frame = pytest.importorskip("lz4.frame")
    assert fmt_of(lz4_frame.compress(text), "notes.txt.lz4") is None


def test_lz4_frame_of_a_pickle_with_stored_blocks_is_walked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = stored_frame(SVC, flg=0x68)  # with the content-size field
    assert fmt_of(data, "m.pkl") == "joblib"
    monkeypatch.setattr(jl, "_lz4_frame", lambda: None)
    info = read_file(write(tmp_path, "m.pkl", data))
    assert info.pickle_globals == ["sklearn.svm._classes.SVC", "<unresolvable>"]


@pytest.mark.parametrize("head", [
    jl.LZ4_MAGIC,                                          # no descriptor
    jl.LZ4_MAGIC + b"\x20\x40\x00",                        # version 00
    jl.LZ4_MAGIC + b"\x61\x40\x00",                        # dictionary id: matches unknowable
    jl.LZ4_MAGIC + b"\x60\x30\x00",                        # block maximum size id 3
    jl.LZ4_MAGIC + b"\x60\x40\x00" + struct.pack("<I", 3) + b"\x00\x05\x00",  # offset 5 > 0
])
def test_bad_frame_starts_are_refused(head: bytes) -> None:
    with pytest.raises(ValueError):
        jl.lz4_head(head, jl.SNIFF_OUTPUT)
    assert fmt_of(head + bytes(64), "m.joblib") is None


def test_head_decoder_stops_at_its_limit_on_a_long_match() -> None:
    # One literal, then a match of 15 + 255 * 1000 + 4 bytes at offset 1: a 4-byte block that
    # expands to 255 KB must cost the head decoder only ``limit`` bytes.
    block = b"\x1f\x80\x01\x00" + b"\xff" * 1000 + b"\x00"
    head = jl.LZ4_MAGIC + b"\x60\x40\x00" + struct.pack("<I", len(block)) + block
    out, ended = jl.lz4_head(head, 4096)
    assert out == b"\x80" * 4096 and not ended


@settings(max_examples=200, deadline=None)
@given(rest=st.binary(max_size=300), flg=st.sampled_from([0x40, 0x60, 0x68, 0x70, 0x64]))
def test_head_decoder_on_random_blocks_returns_or_raises_value_error(rest: bytes,
                                                                     flg: int) -> None:
    head = jl.LZ4_MAGIC + bytes([flg, 0x40, 0]) + rest
    try:
        out, _ = jl.lz4_head(head, jl.SNIFF_OUTPUT)
    except ValueError:
        return
    assert len(out) <= jl.SNIFF_OUTPUT
    assert jl.sniff(head, len(head) + 1000, "m.joblib") in (True, False)


@settings(max_examples=60, deadline=None)
@given(data=st.lists(st.sampled_from([b"\x80\x04", b"abcd", b"\x00" * 7, b"xyz" * 5, b"\x95"]),
                     max_size=800).map(b"".join),
       linked=st.booleans(), checksum=st.booleans(), size=st.booleans())
def test_head_decoder_agrees_with_lz4(data: bytes, linked: bool, checksum: bool,
                                      size: bool) -> None:
    lz4_frame = pytest.importorskip("lz4.frame")
    frame = lz4_frame.compress(data, block_size=lz4_frame.BLOCKSIZE_MAX64KB,
                               block_linked=linked, block_checksum=checksum, store_size=size)
    out, ended = jl.lz4_head(frame[:4096], 4096)
    assert out == data[:4096]
    assert ended == (len(frame) <= 4096)


def test_lz4_bomb_is_a_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lz4_frame = pytest.importorskip("lz4.frame")
    monkeypatch.setattr(jl, "RATIO_FLOOR", 0)
    monkeypatch.setattr(jl, "MAX_RATIO", 20)
    data = b"\x80\x02B" + struct.pack("<I", 2_000_000) + bytes(2_000_000) + b"0N."
    with pytest.raises(LimitExceededError, match="lz4 stream decompresses past") as exc:
        read_file(write(tmp_path, "bomb.joblib", lz4_frame.compress(data)))
    assert exc.value.partial.format == "joblib"  # type: ignore[attr-defined]


def test_truncated_lz4_stream_is_corrupt(tmp_path: Path) -> None:
    lz4_frame = pytest.importorskip("lz4.frame")
    data = lz4_frame.compress(SVC[:-1] + b"B" + struct.pack("<I", 50_000) + bytes(50_000) + b"0.")
    with pytest.raises(CorruptModelError, match="lz4 stream is corrupt"):
        read_file(write(tmp_path, "m.joblib", data[: len(data) // 2]))


def test_malformed_later_block_is_corrupt_not_a_traceback(tmp_path: Path) -> None:
    lz4_frame = pytest.importorskip("lz4.frame")
    # A valid first block holding all of the pickle but its STOP, then a stored block declaring
    # 2 GiB, over the frame's 64 KiB maximum, holding the STOP: the head decoder sees a whole
    # pickle, python-lz4 raises RuntimeError, which must become a corrupt model.
    first = lz4_frame.compress(SVC[:-1], block_size=lz4_frame.BLOCKSIZE_MAX64KB)[:-4]
    data = first + struct.pack("<I", 0xFFFFFFF0) + b"."
    assert fmt_of(data, "m.joblib") == "joblib"
    with pytest.raises(CorruptModelError, match="lz4 stream is corrupt"):
        read_file(write(tmp_path, "m.joblib", data))


def test_global_after_a_megabyte_of_bytes_is_found(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lz4_frame = pytest.importorskip("lz4.frame")
    # A 1 MB bytes literal spans 16 blocks; the global after it is beyond any head.
    blob = bytes(range(256)) * 4096
    data = (b"\x80\x02B" + struct.pack("<I", len(blob)) + blob + b"0cposix\nsystem\n"
            b"X\x02\x00\x00\x00id\x85R.")
    path = write(tmp_path, "m.joblib", lz4_frame.compress(data))
    assert read_file(path).pickle_globals == ["posix.system"]
    monkeypatch.setattr(jl, "_lz4_frame", lambda: None)
    assert read_file(path).pickle_globals == ["<unresolvable>"]
