"""Binary classic-ML formats (mllint/formats/classic.py): each one built here, plus look-alikes
shaped like the devset files that must not match (seabios ROMs, jumpnbump level archives,
apertium transducers)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import apertium_prob, darknet, fmt_of, sendump, write, zinnia
from builders import read_file as read

from mllint.formats.base import CorruptModelError


# -- look-alikes from the devset ----------------------------------------------------------------
SEABIOS_VGA = b"\x55\xaa\x4d\xe9\x4a\x52\x28" + bytes(25) + b"IBM" + bytes(4000)
SEABIOS_BIOS = bytes(4096) + b"\xea\x5b\xe0\x00\xf0" + bytes(100)
JUMPNBUMP_DAT = (struct.pack("<i", 18)
                 + b"bump.mod".ljust(12, b"\0") + struct.pack("<ii", 364, 71776)
                 + b"calib.dat".ljust(12, b"\0") + struct.pack("<ii", 72140, 24) + bytes(600))
APERTIUM_TRANSDUCER = b"LTTB" + bytes(8) + b"\x40\x75\x40\xb7\x40\xc0" + bytes(300)
APERTIUM_T1X = b"\x41\x1c\x07\x40\x41\x40\x4e\x40\x59\x40\x5f\x40\x54\x40\x41\x40G" + bytes(200)


@pytest.mark.parametrize("data, name", [
    (SEABIOS_VGA, "vgabios-cirrus.bin"), (SEABIOS_BIOS, "bios.bin"),
    (JUMPNBUMP_DAT, "castle2.dat"), (APERTIUM_TRANSDUCER, "eng-spa.automorf.bin"),
    (APERTIUM_T1X, "eng-spa.t1x.bin"),
])
def test_devset_look_alikes_are_no_model(data: bytes, name: str) -> None:
    assert fmt_of(data, name) is None


# -- NNUE ---------------------------------------------------------------------------------------
def nnue(desc: bytes, version: int = 0x7AF32F20) -> bytes:
    return struct.pack("<III", version, 0x3E5AA6EE, len(desc)) + desc + bytes(1000)


def test_nnue_description_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "nn-1111cefa1111.nnue", nnue(b"Network trained with nnue-pytorch."))
    info = read(path)
    assert info.format == "nnue"
    assert info.metadata == {"description": "Network trained with nnue-pytorch."}
    assert info.extra["version"] == "0x7AF32F20"


def test_nnue_old_version_is_recognised() -> None:
    assert fmt_of(nnue(b"", 0x7AF32F16), "x.nnue") == "nnue"


def test_nnue_description_past_end_is_no_nnue() -> None:
    data = struct.pack("<III", 0x7AF32F20, 1, 10_000) + b"short"
    assert fmt_of(data, "x.nnue") is None


# -- tesseract ----------------------------------------------------------------------------------
def traineddata(entries: dict[int, bytes], n: int = 24, order: str = "<") -> bytes:
    offsets, body, pos = [], b"", 4 + 8 * n
    for i in range(n):
        if i in entries:
            offsets.append(pos)
            body += entries[i]
            pos += len(entries[i])
        else:
            offsets.append(-1)
    return struct.pack(f"{order}I{n}q", n, *offsets) + body


def test_tesseract_entries_and_version(tmp_path: Path) -> None:
    data = traineddata({1: b"unicharset " * 20, 17: b"\0" * 500, 23: b"4.00.00alpha:eng"})
    info = read(write(tmp_path, "eng.traineddata", data))
    assert info.format == "tesseract"
    assert info.extra["entries"] == ["unicharset", "lstm", "version"] and info.extra["lstm"]
    assert info.metadata["version"] == "4.00.00alpha:eng"


def test_tesseract_big_endian_table_is_recognised() -> None:
    assert fmt_of(traineddata({0: b"x" * 40}, order=">"), "osd.traineddata") == "tesseract"


def test_tesseract_offsets_past_end_are_no_match() -> None:
    data = bytearray(traineddata({0: b"x" * 40, 5: b"y" * 40}))
    data[4 + 8 * 5:4 + 8 * 6] = struct.pack("<q", 10**9)
    assert fmt_of(bytes(data), "eng.traineddata") is None


# -- fastText -----------------------------------------------------------------------------------
def fasttext(version: int = 12, dim: int = 100) -> bytes:
    args = struct.pack("<12id", dim, 5, 5, 1, 5, 2, 3, 3, 2000000, 0, 0, 100, 1e-4)
    return struct.pack("<ii", 793712314, version) + args + bytes(200)


def test_fasttext_args_are_read(tmp_path: Path) -> None:
    info = read(write(tmp_path, "lid.176.ftz", fasttext()))
    assert info.format == "fasttext" and info.extra["version"] == 12
    assert info.extra["args"]["dim"] == 100 and info.extra["args"]["loss"] == "softmax"
    assert info.extra["args"]["model"] == "sup"


def test_fasttext_future_version_is_no_match() -> None:
    assert fmt_of(fasttext(version=13), "m.bin") is None


def test_fasttext_absurd_dim_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptModelError, match="dim"):
        read(write(tmp_path, "m.bin", fasttext(dim=-5)))


# -- gnubg --------------------------------------------------------------------------------------
def test_gnubg_text_weights(tmp_path: Path) -> None:
    text = b"GNU Backgammon 1.01\n250 128 5 1200000 0.100000 1.000000\n0.1\n-0.2\n"
    info = read(write(tmp_path, "gnubg.weights", text))
    assert info.format == "gnubg"
    assert info.extra == {"version": "1.01", "encoding": "text", "inputs": 250, "hidden": 128,
                          "outputs": 5}


def test_gnubg_binary_weights(tmp_path: Path) -> None:
    data = struct.pack("<ff4iff", 472.3782, 1.01, 250, 128, 5, 1200000, 0.1, 1.0) + bytes(400)
    info = read(write(tmp_path, "gnubg.wd", data))
    assert info.format == "gnubg" and info.extra["version"] == "1.01"
    assert info.extra["encoding"] == "binary" and info.extra["hidden"] == 128


def test_gnubg_magic_float_elsewhere_is_no_match() -> None:
    assert fmt_of(struct.pack("<ff", 472.0, 1.01) + bytes(100), "x.wd") is None


# -- darknet ------------------------------------------------------------------------------------
def test_darknet_needs_a_sibling_cfg(tmp_path: Path) -> None:
    path = write(tmp_path, "yolov3-tiny.weights", darknet())
    assert read(path) is None
    write(tmp_path, "yolov3-tiny.cfg", b"[net]\nbatch=1\n")
    info = read(path)
    assert info.format == "darknet" and info.extra["version"] == "0.2.5"
    assert info.parameters == 4 and info.extra["cfg"] == ["yolov3-tiny.cfg"]


def test_darknet_header_under_another_extension_is_no_match() -> None:
    assert fmt_of(darknet(), "firmware.bin") is None


# -- CMU Sphinx ---------------------------------------------------------------------------------
def test_sphinx_s3_parameter_file(tmp_path: Path) -> None:
    data = b"s3\nversion 1.0\nchksum0 yes\nendhdr\n" + struct.pack("<I", 0x11223344) + bytes(64)
    info = read(write(tmp_path, "means", data))
    assert info.format == "sphinx" and info.extra["kind"] == "s3"
    assert info.metadata == {"version": "1.0", "chksum0": "yes"}


def test_sphinx_s3_header_without_byte_order_word_is_no_match() -> None:
    assert fmt_of(b"s3\nversion 1.0\nendhdr\nplain text follows\n", "notes") is None


@pytest.mark.parametrize("data, kind", [
    (b"0.3\n34 n_base\n396 n_tri\n", "mdef"),
    (b"BMDF" + bytes(60), "mdef"),
    (b"\x11\x00\x00\x00Darpa Trigram LM\x00" + bytes(60), "lm-dmp"),
])
def test_sphinx_model_definitions_and_binary_lms(tmp_path: Path, data: bytes, kind: str) -> None:
    assert read(write(tmp_path, "mdef", data)).extra["kind"] == kind


def test_sphinx_sendump_little_endian(tmp_path: Path) -> None:
    info = read(write(tmp_path, "sendump", sendump(features=3, rows=4, cols=6)))
    assert info.format == "sphinx" and info.parameters == 72
    assert info.extra == {"kind": "sendump", "byte_order": "little", "cluster_count": 0,
                          "codebook_count": 1, "feature_count": 3, "mixture_count": 4,
                          "model_count": 6}


def test_sphinx_sendump_big_endian_4_bit_with_codebook(tmp_path: Path) -> None:
    # pocketsphinx's tidigits test model: cluster_count 15, cluster_bits 4, big-endian.
    data = sendump(features=4, rows=8, cols=7, order=">", clusters=15, bits=4)
    info = read(write(tmp_path, "sendump", data))
    assert info.extra["byte_order"] == "big" and info.extra["cluster_bits"] == 4
    assert info.parameters == 4 * 8 * 7
    with pytest.raises(CorruptModelError, match="needs 144"):  # 4 x 8 x 4 nibble bytes + 16
        read(write(tmp_path, "sendump", data[:-1]))


def test_sphinx_sendump_truncated_weights_are_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptModelError, match="sendump weights are 23 bytes"):
        read(write(tmp_path, "sendump", sendump(rows=4, cols=6)[:-1]))


@pytest.mark.parametrize("data", [
    struct.pack("<i", 6) + b"hello\0" + struct.pack("<i", 6) + b"world\0" + bytes(8),
    struct.pack("<i", 5) + b"title" + struct.pack("<i", 3) + b"ab\0" + bytes(8),  # no NUL
    # well-formed strings, but none of pocketsphinx's counts
    b"".join(struct.pack("<i", len(t)) + t for t in (b"a\0", b"b\0", b"size 4\0")) + bytes(12),
    struct.pack("<i", 2) + b"a\0" + struct.pack("<i", 2**31 - 1) + b"b\0",  # length past the end
])
def test_length_prefixed_strings_are_no_sendump(data: bytes) -> None:
    assert fmt_of(data, "sendump") is None


# -- KenLM --------------------------------------------------------------------------------------
def test_kenlm_binary(tmp_path: Path) -> None:
    data = b"mmap lm http://kheafield.com/code format version 5\n\0" + bytes(100)
    info = read(write(tmp_path, "lm.binary", data))
    assert info.format == "kenlm" and info.extra["version"] == 5


def test_kenlm_magic_quoted_in_text_is_no_match() -> None:
    assert fmt_of(b"KenLM files start with 'mmap lm http://kheafield.com/code'\n", "a.txt") is None


# -- zinnia -------------------------------------------------------------------------------------
def test_zinnia_magic_is_size_xor_constant(tmp_path: Path) -> None:
    data = zinnia(("A", "B"))
    info = read(write(tmp_path, "handwriting-ja.model", data))
    assert info.format == "zinnia" and info.extra["classes"] == 2
    assert fmt_of(data + b"\0", "handwriting-ja.model") is None  # size no longer matches


# -- apertium HMM tagger ------------------------------------------------------------------------
def test_apertium_hmm_tagger_is_read(tmp_path: Path) -> None:
    info = read(write(tmp_path, "eng-spa.prob", apertium_prob()))
    assert info.format == "apertium-tagger"
    assert info.extra["states"] == 9 and info.extra["ambiguity_classes"] == 1


def test_apertium_dimensions_disagreeing_with_tags_are_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptModelError, match="dimensions"):
        read(write(tmp_path, "eng-spa.prob", apertium_prob(states=3)))


# -- every prefix: a typed error or a record, never another exception ------------------------------
SAMPLES = {
    "nn.nnue": nnue(b"Network trained with nnue-pytorch."),
    "eng.traineddata": traineddata({1: b"u" * 50, 23: b"4.1.1:eng"}),
    "lid.ftz": fasttext(),
    "gnubg.weights": b"GNU Backgammon 1.01\n250 128 5 1200000 0.1 1.0\n0.1\n",
    "gnubg.wd": struct.pack("<ff4iff", 472.3782, 1.01, 250, 128, 5, 1, 0.1, 1.0),
    "yolo.weights": darknet(),
    "means": b"s3\nversion 1.0\nendhdr\n" + struct.pack("<I", 0x11223344) + bytes(16),
    "sendump": sendump(),
    "sendump.be": sendump(features=2, rows=3, cols=5, order=">", clusters=15, bits=4),
    "lm.binary": b"mmap lm http://kheafield.com/code format version 5\n\0" + bytes(40),
    "eng-spa.prob": apertium_prob(),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_prefix_reads_or_fails_typed(tmp_path: Path, name: str) -> None:
    from mllint.formats import classic
    from mllint.formats.base import FormatError

    write(tmp_path, "yolo.cfg", b"[net]\n")
    data = SAMPLES[name]
    for cut in range(len(data) + 1):
        head = data[:cut][:4096]
        path = write(tmp_path, name, data[:cut])
        for fmt in classic.FORMATS:
            if fmt.sniff(head, cut, name):
                try:
                    fmt.read(path, head, cut)
                except FormatError:
                    pass


MAGICS = [s[:n] for s in SAMPLES.values() for n in (4, 12, 24)] + [
    b"GNU Backgammon 1.01\n", b"svm_type c_svc\nkernel_type rbf\n", b"FANN_FLO_2.1\n",
    b"tree\nversion=v4\n", b"[GLOBAL]\nHTS_VOICE_VERSION:", b"\\data\\\nngram 1=2\n",
    b"binf", b"{\"learner\":{", b"version https://git-lfs.github.com/spec/v1\n"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(MAGICS), st.binary(max_size=300))
def test_magic_then_random_bytes_never_raise_untyped(magic: bytes, tail: bytes) -> None:
    import tempfile

    from mllint.formats import arpa, classic, text_models
    from mllint.formats.base import FormatError

    data = magic + tail
    with tempfile.TemporaryDirectory() as d:
        for fmt in classic.FORMATS + text_models.FORMATS + arpa.FORMATS:
            path = write(Path(d), "model" + (fmt.extensions[0] if fmt.extensions else ""), data)
            if fmt.sniff(data[:4096], len(data), path.name):
                try:
                    fmt.read(path, data[:4096], len(data))
                except FormatError:
                    pass
