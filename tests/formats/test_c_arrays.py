"""c-array: weights written as source code, told apart from CRC, Unicode, DSP, font and shader
tables. Every input is a small synthetic file written here (no upstream file is copied)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from mllint.formats import c_arrays, identify
from mllint.formats.c_arrays import ml_name, read, sniff


def floats(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    values = [f"{rng.uniform(-2, 2):.6f}f" for _ in range(n)]
    return ",\n  ".join(", ".join(values[i:i + 8]) for i in range(0, n, 8))


def ints(n: int, lo: int, hi: int, seed: int = 2, fmt: str = "{}") -> str:
    rng = random.Random(seed)
    values = [fmt.format(rng.randint(lo, hi)) for _ in range(n)]
    return ",\n  ".join(", ".join(values[i:i + 12]) for i in range(0, n, 12))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def scan(path: Path):
    data = path.read_bytes()
    assert sniff(data[:4096], len(data), path.name)
    return read(path, data[:4096], len(data))


LICENSE = "/*\n * Copyright (c) 2026 Example Project. BSD-2-Clause.\n */\n\n"


# --- positives -------------------------------------------------------------------------------

def test_generated_opus_like_data_file_names_its_checkpoint(tmp_path: Path) -> None:
    text = ("/* Auto generated from checkpoint pitch_estimator_v2.pth */\n\n"
            "#ifdef HAVE_CONFIG_H\n#include \"config.h\"\n#endif\n#include \"nnet.h\"\n\n"
            "#ifndef USE_WEIGHTS_FILE\n#define WEIGHTS_pitch_dense_in_weights_int8_DEFINED\n"
            f"static const opus_int8 pitch_dense_in_weights_int8[768] = {{\n  "
            f"{ints(768, -128, 127)}\n}};\n"
            f"static const float pitch_dense_in_scale[32] = {{\n  {floats(32)}\n}};\n"
            "#endif /* USE_WEIGHTS_FILE */\n")
    info = scan(write(tmp_path, "pitch_data.c", text))
    assert info is not None and info.format == "c-array"
    assert info.extra["evidence"] == "generator-banner"
    assert info.extra["generated_from"] == "pitch_estimator_v2.pth"
    assert info.provenance.training_inputs == ["pitch_estimator_v2.pth"]
    assert info.extra["arrays"] == ["pitch_dense_in_weights_int8"]
    assert info.parameters == 768
    assert info.extra["first_line"] == 10


def test_aom_like_cnn_weight_header_is_found_by_names(tmp_path: Path) -> None:
    text = (LICENSE + "#ifndef PARTITION_CNN_WEIGHTS_H_\n#define PARTITION_CNN_WEIGHTS_H_\n"
            + "".join(f"#define CNN_LAYER_{i}_OUT_CH 20\n" for i in range(5))
            + f"\nstatic const float demo_partition_cnn_layer_0_kernel[] = {{\n  "
              f"{floats(400)}\n}};\n\n"
              f"static const float demo_partition_cnn_layer_0_bias[] = {{\n  {floats(20, 3)}\n}};\n"
              "\nstatic const CNN_CONFIG demo_cnn_config = {\n  1, 0, 0, 0, 0,\n"
              "  { { 5, 5, 1, 20, 4, 4, 0, demo_partition_cnn_layer_0_kernel } },\n};\n"
              "#endif\n")
    info = scan(write(tmp_path, "partition_cnn_weights.h", text))
    assert info is not None
    assert info.extra["evidence"] == "ml-named-arrays"
    assert info.extra["arrays"][:2] == ["demo_partition_cnn_layer_0_kernel",
                                        "demo_partition_cnn_layer_0_bias"]
    assert info.parameters >= 420
    assert info.extra["float_literals"] == 420
    assert info.provenance.training_inputs == []


def test_byte_array_that_is_a_tflite_file(tmp_path: Path) -> None:
    blob = [0x1C, 0, 0, 0, ord("T"), ord("F"), ord("L"), ord("3")] + [0] * 600
    body = ",\n  ".join(", ".join(f"0x{b:02x}" for b in blob[i:i + 12])
                        for i in range(0, len(blob), 12))
    text = ("/* Embedded file: model.tflite */\nconst int demo_model_fsize = 608;\n"
            f"const unsigned char demo_model_file[608] = {{\n  {body}\n}};\n")
    info = scan(write(tmp_path, "demo_model.c", text))
    assert info is not None
    assert info.extra["evidence"] == "embedded-tflite"
    assert info.extra["embedded_file"] == "model.tflite"
    assert "generated_from" not in info.extra  # the array is the file, not trained from it
    assert info.provenance.training_inputs == []
    assert info.parameters == 608


@pytest.mark.parametrize("fmt", ["0x{:02x}", "{}", "0X{:02X}"])
def test_small_byte_array_that_is_a_tflite_file(tmp_path: Path, fmt: str) -> None:
    # 96 bytes: fewer literals than the weight rules need, so the pre-filter looks for the magic.
    # Without it, the same bytes do not pass the pre-filter.
    blob = [0x1C, 0, 0, 0, ord("T"), ord("F"), ord("L"), ord("3")] + list(range(88))
    body = ",\n  ".join(", ".join(fmt.format(b) for b in blob[i:i + 12])
                        for i in range(0, len(blob), 12))
    text = LICENSE * 12 + f"const unsigned char tiny[96] = {{\n  {body}\n}};\n"
    assert c_arrays._enough_literals(write(tmp_path, "tiny_model.c", text).read_bytes())
    info = scan(tmp_path / "tiny_model.c")
    assert info is not None and info.extra["evidence"] == "embedded-tflite"
    plain = text.replace(fmt.format(ord("T")), fmt.format(0x55), 1)
    assert not c_arrays._enough_literals(write(tmp_path, "tiny_table.c", plain).read_bytes())


def test_rnnoise_like_keras_banner_and_gru_names(tmp_path: Path) -> None:
    text = ("/*This file is automatically generated from a Keras model*/\n\n"
            f"static const rnn_weight vad_gru_recurrent_weights[432] = {{\n  "
            f"{ints(432, -128, 127)}\n}};\n")
    info = scan(write(tmp_path, "rnn_data.c", text))
    assert info is not None and info.extra["evidence"] == "generator-banner"
    assert "generated_from" not in info.extra


@pytest.mark.parametrize("banner", [
    "/* Generated from the trained model by export.py */",
    "// Weights exported from checkpoint epoch_40.ckpt",
    "/* dumped by dump_lpcnet_weights.py */",
])
def test_other_generator_banners(tmp_path: Path, banner: str) -> None:
    text = f"{banner}\nstatic const float table_a[400] = {{\n  {floats(400)}\n}};\n"
    info = scan(write(tmp_path, "tables.c", text))
    assert info is not None and info.extra["evidence"] == "generator-banner"


def test_python_module_with_numpy_weights(tmp_path: Path) -> None:
    text = ("import numpy as np\n\n# fitted parameters\n"
            f"dense_1_kernel = np.array([\n    {floats(300)}\n], dtype=np.float32)\n"
            "scale = 1 // 2  # floor division, not a comment\n"
            f"dense_1_bias = [{floats(10)}]\n")
    info = scan(write(tmp_path, "weights.py", text.replace("f,", ",").replace("f\n", "\n")))
    assert info is not None and info.extra["arrays"] == ["dense_1_kernel", "dense_1_bias"]


def test_rust_static_weights(tmp_path: Path) -> None:
    text = ("// Trained offline.\n#[rustfmt::skip]\n"
            f"pub static CONV1_WEIGHTS: [f32; 300] = [\n    {floats(300)}\n];\n")
    info = scan(write(tmp_path, "weights.rs", text.replace("f,", "_f32,")))
    assert info is not None and info.extra["arrays"] == ["CONV1_WEIGHTS"]


def test_registry_identifies_c_array_by_content(tmp_path: Path) -> None:
    text = f"static const float demo_nn_weights_layer0[300] = {{\n  {floats(300)}\n}};\n"
    path = write(tmp_path, "model.h", text)
    data = path.read_bytes()
    fmt = identify(data[:4096], len(data), "model.h")
    assert fmt is not None and fmt.id == "c-array"


# --- look-alikes -----------------------------------------------------------------------------

def test_crc32_table_is_not_weights(tmp_path: Path) -> None:
    text = (LICENSE + "/* This file was generated by crc_gen.c from the polynomial 0x04c11db7 */\n"
            f"static const uint32_t crc32_table[256] = {{\n  "
            f"{ints(256, 0, 2**32 - 1, fmt='0x{:08x}')}\n}};\n"
            f"static const uint32_t crc32_fold_table[512] = {{\n  "
            f"{ints(512, 0, 2**32 - 1, seed=5, fmt='0x{:08x}')}\n}};\n")
    assert scan(write(tmp_path, "crc_base.c", text)) is None


def test_galois_field_and_unicode_tables_are_not_weights(tmp_path: Path) -> None:
    text = (f"static const unsigned char gf_mul_table_base[4096] = {{\n  "
            f"{ints(4096, 0, 255, fmt='0x{:02x}')}\n}};\n"
            f"static const unsigned short unicode_upper_case[1024] = {{\n  "
            f"{ints(1024, 0, 65535)}\n}};\n")
    assert scan(write(tmp_path, "tables.h", text)) is None


def test_dsp_filter_window_and_twiddle_tables_are_not_weights(tmp_path: Path) -> None:
    # faad2-like: coefficient tables whose names carry one ambiguous word at most.
    text = ("/* generated by make_tables.py from the model of the auditory filter bank */\n"
            f"static const float lowpass_fir_coefficients[512] = {{\n  {floats(512)}\n}};\n"
            f"static const float sine_window_weights_1024[1024] = {{\n  {floats(1024, 4)}\n}};\n"
            f"static const float resampler_filter_kernel[256] = {{\n  {floats(256, 5)}\n}};\n"
            f"static const float mdct_twiddle_layer[256] = {{\n  {floats(256, 6)}\n}};\n")
    assert scan(write(tmp_path, "filter_tab.h", text)) is None


def test_font_data_is_not_weights(tmp_path: Path) -> None:
    text = (f"static const unsigned char font8x16_glyphs[4096] = {{\n  "
            f"{ints(4096, 0, 255, fmt='0x{:02x}')}\n}};\n")
    assert scan(write(tmp_path, "font.c", text)) is None


def test_shader_blobs_with_network_names_are_not_weights(tmp_path: Path) -> None:
    spirv = "0x07230203, 0x00010000, " + ints(600, 0, 2**32 - 1, fmt="0x{:08x}")
    spirv_bytes = "0x03, 0x02, 0x23, 0x07, " + ints(2000, 0, 255, fmt="0x{:02x}")
    text = (f"static const uint32_t conv_weights_shader_spv[] = {{\n  {spirv}\n}};\n"
            f"static const unsigned char dense_layer_kernel_bin[] = {{\n  {spirv_bytes}\n}};\n")
    assert scan(write(tmp_path, "gpu_kernels.c", text)) is None


def test_big_ordinary_source_with_a_tiny_nn_table_is_not_weights(tmp_path: Path) -> None:
    code = "".join(f"static int f{i}(int x) {{\n  if (x > {i}) return x * {i} + {i + 1};\n"
                   f"  return x - {i};\n}}\n\n" for i in range(400))
    text = (LICENSE + "static const float nn_weights[16] = {" + floats(16) + "};\n" + code)
    assert scan(write(tmp_path, "encoder.c", text)) is None


def test_generator_script_with_banner_in_a_string_is_not_weights(tmp_path: Path) -> None:
    text = ('"""Export a checkpoint as C arrays."""\nimport sys\n\n'
            'MESSAGE = "Auto generated from checkpoint {}"\n\n'
            "def main(path):\n    print(MESSAGE.format(path))\n" * 40)
    assert scan(write(tmp_path, "dump_weights.py", text)) is None


def test_dump_script_banner_over_fft_tables_is_not_weights(tmp_path: Path) -> None:
    text = ("/* This file is generated by dump_codec_tables */\n"
            f"static const float codec_fft_twiddles[600] = {{\n  {floats(600)}\n}};\n")
    assert scan(write(tmp_path, "codec_tables.c", text)) is None


def test_usage_counts_and_test_cases_under_nn_names_are_not_weights(tmp_path: Path) -> None:
    # pytorch's functorch top_operators_github_usage.py: ("nn.functional.relu", 8572) pairs.
    # A plain numeric list lets the file past the pre-filter, so the tokenizer decides.
    usage = ",\n".join(f'    ("nn.functional.op_{i}", {1000 + 7 * i})' for i in range(300))
    cases = ",\n".join(f'    ("conv1d", (S, {i}, {i + 1}), ((S, S),))' for i in range(100))
    text = (f"S = 5\nEDGES = [\n    {ints(96, 0, 99999)},\n]\n"
            f"top_nn_functional = [\n{usage},\n]\nnn_functional_tests = [\n{cases},\n]\n")
    assert scan(write(tmp_path, "top_operators_usage.py", text)) is None
    # The same counts as a bare numeric list under that name are an array of numbers again.
    bare = f"top_nn_functional = [\n    {ints(300, 1, 20000)},\n]\n"
    assert scan(write(tmp_path, "bare.py", bare)) is not None


def test_fast_path_counts_every_literal_of_a_long_array(tmp_path: Path) -> None:
    values = ", ".join(["0.5f", "-1e-3", "0x1F", "7", "-.25"] * 800)
    info = scan(write(tmp_path, "w.h", f"const float demo_nn_weights[] = {{ {values} }};\n"))
    assert info is not None and info.parameters == 4000
    assert info.extra["float_literals"] == 2400


def test_long_digit_strings_cost_linear_time(tmp_path: Path) -> None:
    # A backtracking literal pattern is cubic in a digit run: minutes for these 64 x 2000 digits.
    text = ("PI = " + "3" * 2000 + " ,\n") * 64 + "x = [" + "1, " * 100 + "]\n"
    start = time.process_time()
    scan(write(tmp_path, "digits.py", text))
    assert time.process_time() - start < 2


# --- names, bounds, hostile input -------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "av1_ab_partition_nn_weights_128_layer0", "vad_gru_recurrent_weights", "input_dense_bias",
    "av1_intrap_hiddenlayer_0_kernel_12", "av1_tx_type_nnweights_4x4", "conv2_weights",
    "encoderLstmKernel", "fc1_bias", "token_embedding", "pitchdnn_dense_if_upsampler_1_subias",
])
def test_ml_names(name: str) -> None:
    assert ml_name(name)


@pytest.mark.parametrize("name", [
    "crc32_table", "window_weights", "filter_kernel", "conv_params", "dense_matrix",
    "input_output_map", "model_table", "av1_default_coeff_base_multi_cdfs", "bias_table",
    "lanczos_kernel_weights", "gaussian_conv_kernel", "nn_interp_table", "color_transformer",
])
def test_non_ml_names(name: str) -> None:
    assert not ml_name(name)


@pytest.mark.parametrize("token,value", [
    (b"-0.5f", -0.5), (b"1e-5F", 1e-5), (b"0x1F", 31), (b"-0x10", -16), (b"7u", 7),
    (b"100ULL", 100), (b"1.5_f32", 1.5), (b"42i16", 42), (b"09", 9), (b"1.2.3", None),
])
def test_literal_values(token: bytes, value: object) -> None:
    assert c_arrays.literal_value(token) == value


def test_heads_keep_the_signed_leading_values(tmp_path: Path) -> None:
    values = ", ".join(str(v) for v in range(-8, 292))
    info = scan(write(tmp_path, "w.h", f"const short demo_nn_weights[300] = {{ {values} }};\n"))
    assert info is not None and info.extra["heads"] == {"demo_nn_weights": list(range(-8, 8))}


def test_sniff_wants_a_source_name_text_and_size() -> None:
    head = b"static const float x[] = {1.0};\n" * 100
    assert sniff(head, 4096, "w.h")
    assert not sniff(head, 4096, "w.txt")
    assert not sniff(head, 1000, "w.h")  # below MIN_SIZE
    assert not sniff(b"\0" + head, 4096, "w.c")


def test_scan_stops_at_its_byte_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"static const float demo_nn_weights[2000] = {{\n  {floats(2000)}\n}};\n"
    path = write(tmp_path, "big.h", text)
    monkeypatch.setattr(c_arrays, "MAX_SCAN", 8192)
    info = scan(path)
    assert info is not None
    assert info.extra["truncated_at"] <= 8192
    assert info.parameters < 2000


@pytest.mark.parametrize("text", [
    "}}}}]])) = = ;;\n" * 400,  # closers before openers
    "x = {" * 3000,  # never closed, deep
    "static const float demo_nn_weights[] = {" + "1.0, " * 300000,  # one 1.5 MB line
    "/* unterminated comment " + "1, " * 2000,
    "'''" + "w = [1, 2]\n" * 500,  # unterminated Python string (in a .h it is a char literal)
])
def test_hostile_sources_give_a_verdict_not_an_exception(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "hostile.h", text)
    scan(path)  # any verdict; no exception, bounded time


def test_nul_byte_after_the_head_means_binary(tmp_path: Path) -> None:
    text = f"static const float demo_nn_weights[300] = {{\n  {floats(300)}\n}};\n"
    path = tmp_path / "odd.h"
    path.write_bytes(text.encode() + b"\n" + b"x" * 5000 + b"\0\n")
    assert scan(path) is None


def test_tables_without_ml_names_are_not_tokenized(tmp_path: Path, monkeypatch) -> None:
    # scipy's test modules: long runs of literals, no banner, no model magic, no ML name. The
    # gate stops them before the tokenizer; an ML name anywhere lets the file through.
    rows = ",\n".join(", ".join(f"{(i * 7 + j) % 97}.5" for j in range(16)) for i in range(40))
    table = f"expected_quantiles = np.array([\n{rows}\n])\n"
    path = write(tmp_path, "test_stats.py", table)

    def tokenizer(*_args: object) -> None:
        raise AssertionError("tokenized")

    monkeypatch.setattr(c_arrays, "_Scanner", tokenizer)
    assert scan(path) is None
    named = write(tmp_path, "net.py", table.replace("expected_quantiles", "gru_weights"))
    with pytest.raises(AssertionError, match="tokenized"):
        scan(named)
    monkeypatch.undo()
    info = scan(named)
    assert info is not None and info.extra["arrays"] == ["gru_weights"]
