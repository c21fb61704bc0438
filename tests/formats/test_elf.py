"""find_embedded_models: model headers, symbols and known weights inside ELF files, with
look-alikes (the magic in code, a header with garbage after it) and broken section tables."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from mllint.formats import c_arrays, elf
from mllint.formats.elf import (ElfError, Embedded, KnownWeights, array_patterns, find_arrays,
                                find_embedded_models)
from testdata.fixtures._elf import (RODATA, STT_NOTYPE, Symbol, elf_bytes, gguf_blob, nnue_blob,
                                    tflite_blob)


def found(path: Path) -> list[tuple[str, str]]:
    return [(e.kind, e.detail) for e in find_embedded_models(path, path.stat().st_size)]


def write(tmp_path: Path, data: bytes, name: str = "prog") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- compiled with gcc ------------------------------------------------------------------------

def c_bytes(data: bytes) -> str:
    return ", ".join(f"0x{b:02x}" for b in data)


gcc = pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")


def compile_shared(tmp_path: Path, source: str) -> Path:
    c = tmp_path / "lib.c"
    c.write_text(source)
    out = tmp_path / "libdemo.so"
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(out), str(c)], check=True,
                   capture_output=True)
    return out


@gcc
def test_gcc_library_with_an_nnue_net_in_a_c_array(tmp_path: Path) -> None:
    blob = nnue_blob("Features=HalfKAv2_hm(Friend),Network=AffineTransform(demo)")
    lib = compile_shared(tmp_path, f"""
        const unsigned char gEmbeddedNNUEData[{len(blob)}] = {{ {c_bytes(blob)} }};
        const unsigned int gEmbeddedNNUESize = {len(blob)};
        const char *default_net(void) {{ return "nn-0123456789ab.nnue"; }}
    """)
    assert found(lib) == [("incbin", "EmbeddedNNUE"), ("nnue", "nn-0123456789ab.nnue")]
    stripped = tmp_path / "stripped.so"
    subprocess.run(["strip", "-o", str(stripped), str(lib)], check=False, capture_output=True)
    if stripped.exists():  # the exported symbol stays in .dynsym; the header is found anyway
        assert ("nnue", "nn-0123456789ab.nnue") in found(stripped)


@gcc
def test_gcc_library_with_the_magic_only_in_code_and_a_fake_header(tmp_path: Path) -> None:
    fake = struct.pack("<III", 0x7AF32F20, 1, 40) + bytes(range(200, 240)) + bytes(20000)
    lib = compile_shared(tmp_path, f"""
        int is_nnue(unsigned int v) {{ return v == 0x7AF32F20u; }}
        const unsigned char lookup_table[{len(fake)}] = {{ {c_bytes(fake)} }};
        const char *doc(void) {{ return "loads .nnue files given on the command line"; }}
    """)
    assert found(lib) == []


@gcc
def test_gcc_library_built_from_a_weight_header_is_matched_to_it(tmp_path: Path) -> None:
    import random
    rng = random.Random(7)
    weights = ", ".join(f"{rng.uniform(-1, 1):.6f}f" for _ in range(300))
    gru = ", ".join(str(rng.randint(-128, 127)) for _ in range(200))
    header = (f"static const float demo_nn_weights_layer0[300] = {{ {weights} }};\n"
              f"static const signed char demo_gru_recurrent_weights[200] = {{ {gru} }};\n")
    (tmp_path / "weights.h").write_text(header)
    lib = compile_shared(tmp_path, '#include "weights.h"\n'
                         "float use(int i) { return demo_nn_weights_layer0[i] "
                         "+ demo_gru_recurrent_weights[i]; }\n")
    source = tmp_path / "weights.h"
    data = source.read_bytes()
    info = c_arrays.read(source, data[:4096], len(data))
    assert info is not None and len(info.extra["heads"]) == 2
    patterns = {image: name for name, values in info.extra["heads"].items()
                for image in array_patterns(values)}
    assert sorted({e.detail for e in find_arrays(lib, lib.stat().st_size, patterns)}) == [
        "demo_gru_recurrent_weights", "demo_nn_weights_layer0"]
    # Another model's header is not found in this library.
    other = {image: "other" for image in array_patterns([0.5, -0.25, 0.125, 1.0] * 4)}
    assert find_arrays(lib, lib.stat().st_size, other) == []


# --- hand-built ELF files ----------------------------------------------------------------------

def test_nnue_detail_is_the_architecture_hash_without_a_name(tmp_path: Path) -> None:
    path = write(tmp_path, elf_bytes(nnue_blob(arch_hash=0x1234ABCD)))
    assert found(path) == [("nnue", "hash-1234abcd")]


def test_nnue_magic_in_text_section_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, elf_bytes(b"plain data", text=nnue_blob()))
    assert found(path) == []


def test_nnue_header_needs_a_printable_description_and_a_body(tmp_path: Path) -> None:
    short = nnue_blob(body=100)
    binary_desc = struct.pack("<III", 0x7AF32F20, 7, 16) + bytes(16) + bytes(20000)
    path = write(tmp_path, elf_bytes(binary_desc + bytes(8) + short))  # short: at the end
    assert found(path) == []


def test_tflite_and_gguf_in_rodata(tmp_path: Path) -> None:
    data = b"x" * 12 + tflite_blob() + b"\0" * 4 + gguf_blob()
    path = write(tmp_path, elf_bytes(data))
    assert found(path) == [("tflite", ".rodata"), ("gguf", ".rodata")]


def test_tflite_identifier_without_version_3_and_gguf_string_are_ignored(tmp_path: Path) -> None:
    data = tflite_blob(version=7) + b"unsupported GGUF version %d\0" + b"GGUF" + bytes(40)
    path = write(tmp_path, elf_bytes(data))
    assert found(path) == []


def test_symbols_naming_embedded_models(tmp_path: Path) -> None:
    rodata = bytes(4096)
    symbols = (
        Symbol("_binary_models_denoise_onnx_start", RODATA, 0, 0, STT_NOTYPE),
        Symbol("_binary_models_denoise_onnx_end", RODATA, 100, 0, STT_NOTYPE),
        Symbol("_binary_assets_logo_png_start", RODATA, 200, 0, STT_NOTYPE),
        Symbol("incbin_speech_model_tflite_start", RODATA, 300, 0, STT_NOTYPE),
        Symbol("demo_cnn_layer_0_kernel", RODATA, 1024, 2048),
        Symbol("demo_rnn_bias", RODATA, 3072, 64),  # too small for a weight matrix
        Symbol("rnnoise_model_orig", RODATA, 3200, 48),
        Symbol("huffman_table", RODATA, 0, 4096),
    )
    path = write(tmp_path, elf_bytes(rodata, symbols=symbols))
    assert found(path) == [("ld-binary", "_binary_models_denoise_onnx_start"),
                           ("incbin", "speech_model_tflite"),
                           ("symbol", "demo_cnn_layer_0_kernel"),
                           ("known-weights", "rnnoise")]


def test_known_weights_by_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    weights = bytes((i * 37 + 11) % 256 for i in range(256))
    monkeypatch.setattr(elf, "KNOWN_WEIGHTS", (KnownWeights(
        "demo-net", "w0", weights[:8].hex(), hashlib.sha256(weights[:64]).hexdigest()),))
    misaligned = bytes(3) + weights  # same bytes at an odd offset: compilers align arrays
    near_miss = weights[:63] + b"\xff"  # anchor matches, hash does not
    rodata = bytes(64) + weights + bytes(8) + near_miss + misaligned
    path = write(tmp_path, elf_bytes(rodata))
    result = find_embedded_models(path, path.stat().st_size)
    assert [(e.kind, e.detail) for e in result] == [("known-weights", "demo-net")]
    assert path.read_bytes()[result[0].offset:result[0].offset + 256] == weights


def test_blob_across_a_read_boundary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(elf, "CHUNK", 4096)
    rodata = bytes(4094) + b"x" * 6 + gguf_blob()  # "GGUF" straddles the 4 KiB piece boundary
    path = write(tmp_path, elf_bytes(rodata))
    result = find_embedded_models(path, path.stat().st_size)
    assert [(e.kind, e.detail) for e in result] == [("gguf", ".rodata")]


def test_hostile_symbol_names_become_safe_tokens(tmp_path: Path) -> None:
    symbols = (Symbol("demo_cnn_weights [x] y", RODATA, 0, 2048),)
    path = write(tmp_path, elf_bytes(bytes(4096), symbols=symbols))
    assert found(path) == [("symbol", "demo_cnn_weights??x??y")]


def test_array_patterns_by_literal_kind() -> None:
    ints = [3, -7, 12, 100, -128, 5, 9, 60, -1, 2, 44, -90, 17, 8, 70, -3]
    images = array_patterns(ints)
    assert bytes(v & 0xFF for v in ints) in images  # int8
    assert struct.pack("<16h", *ints) in images and struct.pack("<16f", *ints) in images
    floats = [0.5 * i - 3 for i in range(16)]
    assert array_patterns(floats) == [struct.pack("<16f", *floats), struct.pack("<16d", *floats)]
    assert array_patterns([0] * 15 + [1]) == []  # padding-like: too few distinct values


def test_source_arrays_found_at_aligned_offsets_only(tmp_path: Path) -> None:
    values = [0.5 * i - 3 for i in range(16)]
    image = struct.pack("<16f", *values)
    rodata = bytes(32) + image + bytes(2) + image  # second copy at a 2-byte misalignment
    path = write(tmp_path, elf_bytes(rodata))
    result = find_arrays(path, path.stat().st_size, {image: "src/w.h"})
    assert [(e.kind, e.detail) for e in result] == [("c-array", "src/w.h")]


def test_not_an_elf(tmp_path: Path) -> None:
    assert find_embedded_models(write(tmp_path, b"MZ" + bytes(100)), 102) == []


def test_no_section_table_scans_the_whole_file(tmp_path: Path) -> None:
    data = bytearray(elf_bytes(tflite_blob()))
    data[0x28:0x30] = bytes(8)  # e_shoff = 0
    data[0x3C:0x3E] = bytes(2)  # e_shnum = 0
    path = write(tmp_path, bytes(data))
    assert [(e.kind, e.detail) for e in find_embedded_models(path, len(data))] == [
        ("tflite", "file")]


@pytest.mark.parametrize("field,value,reason", [
    (0x28, struct.pack("<Q", 1 << 40), "outside the file"),  # e_shoff past EOF
    (0x3C, struct.pack("<H", 60000), "exceed the cap"),  # e_shnum
    (0x3A, struct.pack("<H", 12), "section header size"),  # e_shentsize
])
def test_broken_section_tables_raise_elf_error(tmp_path: Path, field: int, value: bytes,
                                               reason: str) -> None:
    data = bytearray(elf_bytes(b"data"))
    data[field:field + len(value)] = value
    path = write(tmp_path, bytes(data))
    with pytest.raises(ElfError, match=reason):
        find_embedded_models(path, len(data))


def test_symbol_table_larger_than_the_file_raises(tmp_path: Path) -> None:
    data = bytearray(elf_bytes(bytes(64), symbols=(Symbol("x_nn_weights", RODATA, 0, 64),)))
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    symtab = shoff + 3 * 64  # section 3 is .symtab
    data[symtab + 0x20:symtab + 0x28] = struct.pack("<Q", 1 << 30)  # sh_size
    path = write(tmp_path, bytes(data))
    with pytest.raises(ElfError):
        find_embedded_models(path, len(data))


def test_embedded_is_a_plain_record() -> None:
    e = Embedded("nnue", 10, "nn-0123456789ab.nnue")
    assert (e.kind, e.offset, e.detail) == ("nnue", 10, "nn-0123456789ab.nnue")


def test_needed_and_imports(tmp_path: Path) -> None:
    path = tmp_path / "prog"
    path.write_bytes(elf_bytes(b"x" * 8, needed=("libcurl.so.4", "libc.so.6"),
                               imports=("curl_easy_perform", "getaddrinfo")))
    with path.open("rb") as f:
        parsed = elf.ElfFile(f, path.stat().st_size)
        assert parsed.needed() == ["libcurl.so.4", "libc.so.6"]
        assert parsed.imports() == {"curl_easy_perform", "getaddrinfo"}
        assert list(parsed.symbols()) == []  # imports are not defined symbols


def test_dynamic_section_outside_the_file_raises(tmp_path: Path) -> None:
    data = bytearray(elf_bytes(b"x" * 8, needed=("libc.so.6",)))
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    dynamic = shoff + 3 * 64  # section 3: .dynamic (after .text and .rodata)
    assert struct.unpack_from("<I", data, dynamic + 4)[0] == 6
    struct.pack_into("<Q", data, dynamic + 32, 1 << 40)  # sh_size
    path = tmp_path / "prog"
    path.write_bytes(bytes(data))
    with path.open("rb") as f:
        with pytest.raises(ElfError):
            elf.ElfFile(f, len(data)).needed()
