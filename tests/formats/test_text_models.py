"""Text model formats (mllint/formats/text_models.py, arpa.py), each with look-alikes that must not
match."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from builders import OPENCV_CASCADE as CASCADE
from builders import (fmt_of, leela_weights, lightgbm, write, xgboost_binary,
                      xgboost_ubjson)
from builders import read_file as read

from mllint.formats.base import CorruptModelError


# -- OpenCV -------------------------------------------------------------------------------------
CALIBRATION = b"""<?xml version="1.0"?>
<opencv_storage>
<camera_matrix type_id="opencv-matrix"><rows>3</rows><cols>3</cols><dt>d</dt>
<data>1. 0. 0. 0. 1. 0. 0. 0. 1.</data></camera_matrix>
</opencv_storage>
"""


def test_opencv_cascade_fields(tmp_path: Path) -> None:
    info = read(write(tmp_path, "haarcascade_frontalface_default.xml", CASCADE))
    assert info.format == "opencv"
    assert info.extra == {"kind": "cascade", "stageType": "BOOST", "featureType": "HAAR",
                          "height": "24", "width": "24", "stageNum": "25"}


def test_opencv_gzipped_cascade(tmp_path: Path) -> None:
    info = read(write(tmp_path, "haarcascade_eye.xml.gz", gzip.compress(CASCADE)))
    assert info.format == "opencv" and info.extra["compression"] == "gzip"


@pytest.mark.parametrize("text, kind", [
    (b"%YAML:1.0\n---\nopencv_ml_svm:\n   format: 3\n   svmType: C_SVC\n", "opencv_ml_svm"),
    (b"<?xml version=\"1.0\"?>\n<opencv_storage>\n<opencv_ml_ann_mlp>\n", "opencv_ml_ann_mlp"),
    (b"<?xml version=\"1.0\"?>\n<opencv_storage>\n<my_svm type_id=\"opencv-ml-svm\">\n",
     "opencv-ml-svm"),
    ((b"<?xml version=\"1.0\"?>\n<opencv_storage>\n"
      b"<haarcascade_eye type_id=\"opencv-haar-classifier\">\n<size>20 20</size>\n"), "cascade"),
    (b"%YAML:1.0\nopencv_lbphfaces:\n  threshold: 1.7e+308\n", "opencv_lbphfaces"),
])
def test_opencv_ml_models(tmp_path: Path, text: bytes, kind: str) -> None:
    assert read(write(tmp_path, "model.xml", text)).extra["kind"] == kind


def test_opencv_yaml_cascade(tmp_path: Path) -> None:
    text = b"%YAML:1.0\n---\ncascade:\n   stageType: BOOST\n   featureType: LBP\n   height: 24\n"
    info = read(write(tmp_path, "cascade.yml", text))
    assert info.format == "opencv" and info.extra["featureType"] == "LBP"


def test_yaml_setting_named_cascade_is_no_model() -> None:
    """YAML 1.2 with a top-level "cascade" key: OpenCV's reader would take the directive, but
    the node has none of a trained cascade's fields."""
    text = b"%YAML 1.2\n---\ncascade: true\nstages: [build, test]\n"
    assert fmt_of(text, "ci.yaml") is None
    xml = b"<?xml version=\"1.0\"?>\n<opencv_storage>\n<cascade>1</cascade>\n"
    assert fmt_of(xml, "a.xml") is None


def test_opencv_calibration_matrix_is_no_model() -> None:
    assert fmt_of(CALIBRATION, "calibration.xml") is None


def test_plain_xml_mentioning_cascade_is_no_model() -> None:
    assert fmt_of(b"<?xml version=\"1.0\"?>\n<doc>\n<cascade>\n</doc>\n", "a.xml") is None


# opencv-data's haarcascade_fullbody.xml: a 6 KiB licence comment between declaration and root.
LICENCE_COMMENT = b"<!--\n" + b"  By downloading, copying, installing or using the software...\n" * 100 + b"-->\n"


def test_opencv_cascade_behind_a_long_comment(tmp_path: Path) -> None:
    text = CASCADE.replace(b"?>\n", b"?>\n" + LICENCE_COMMENT, 1)
    assert text.index(b"<opencv_storage>") > 4096
    info = read(write(tmp_path, "haarcascade_fullbody.xml", text))
    assert info.format == "opencv" and info.extra["featureType"] == "HAAR"
    short = CASCADE.replace(b"?>\n", b"?>\n<!-- positive samples 3000 -->\n", 1)
    assert fmt_of(short, "lbpcascade_frontalface.xml") == "opencv"


def test_other_xml_behind_a_long_comment_is_no_model(tmp_path: Path) -> None:
    """The sniffer cannot see past the comment; the reader reads on and finds no model node."""
    for body in (CALIBRATION, b"<?xml version=\"1.0\"?>\n<project>\n<cascade/>\n</project>\n"):
        text = body.replace(b"?>\n", b"?>\n" + LICENCE_COMMENT, 1)
        assert read(write(tmp_path, "pom.xml", text)) is None
    assert fmt_of(CALIBRATION.replace(b"?>\n", b"?>\n<!-- short -->\n", 1), "c.xml") is None
    unclosed = b"<?xml version=\"1.0\"?>\n<!--" + b" licence text" * 200
    assert fmt_of(unclosed, "c.xml") is None  # the whole file is in the head: decided


# -- SVM tools ----------------------------------------------------------------------------------
LIBSVM = (b"svm_type c_svc\nkernel_type rbf\ngamma 0.5\nnr_class 2\ntotal_sv 3\nrho 0.1\n"
          b"label 1 -1\nnr_sv 2 1\nSV\n1 1:0.5 2:1\n")


def test_libsvm_header(tmp_path: Path) -> None:
    info = read(write(tmp_path, "heart_scale.model", LIBSVM))
    assert info.format == "libsvm"
    assert info.extra == {"svm_type": "c_svc", "kernel_type": "rbf", "gamma": "0.5",
                          "nr_class": "2", "total_sv": "3"}


def test_liblinear_header(tmp_path: Path) -> None:
    text = b"solver_type L2R_LR\nnr_class 2\nlabel 1 -1\nnr_feature 13\nbias -1\nw\n0.1\n"
    info = read(write(tmp_path, "m.model", text))
    assert info.format == "liblinear"
    assert info.extra == {"solver_type": "L2R_LR", "nr_class": "2", "nr_feature": "13",
                          "bias": "-1"}


def test_svmlight_header(tmp_path: Path) -> None:
    text = b"SVM-light Version V6.02\n0 # kernel type\n3 # kernel parameter -d\n"
    info = read(write(tmp_path, "model", text))
    assert info.format == "svmlight" and info.extra["kernel_type"] == 0


def test_documentation_quoting_libsvm_keys_is_no_model() -> None:
    doc = b"The model file starts with:\nsvm_type c_svc\nkernel_type rbf\n"
    assert fmt_of(doc, "README") is None


# -- FANN ---------------------------------------------------------------------------------------
def test_fann_layers(tmp_path: Path) -> None:
    text = (b"FANN_FLO_2.1\nnum_layers=3\nlearning_rate=0.700000\nconnection_rate=1.000000\n"
            b"network_type=0\nlayer_sizes=3 4 2 \n")
    info = read(write(tmp_path, "xor_float.net", text))
    assert info.format == "fann"
    assert info.extra == {"type": "float", "version": "2.1", "layer_sizes": [3, 4, 2]}


def test_fann_fixed_point_is_recognised() -> None:
    assert fmt_of(b"FANN_FIX_2.0\nnum_layers=3\n", "xor_fixed.net") == "fann"


# -- leela-zero ---------------------------------------------------------------------------------
LEELA = leela_weights()


def test_leela_zero_plain_and_gzipped(tmp_path: Path) -> None:
    assert read(write(tmp_path, "weights.txt", LEELA)).format == "leela-zero"
    info = read(write(tmp_path, "best.gz", gzip.compress(LEELA)))
    assert info.extra == {"version": 1, "compression": "gzip"}


def test_numbers_file_starting_with_1_is_no_leela_weights() -> None:
    assert fmt_of(b"1\n2 3 4\n5 6\n", "data.txt") is None
    assert fmt_of(b"1\nfoo " * 100, "notes.txt") is None


# -- HTS voice ----------------------------------------------------------------------------------
def test_htsvoice_global_section(tmp_path: Path) -> None:
    text = (b"[GLOBAL]\nHTS_VOICE_VERSION:1.0\nSAMPLING_FREQUENCY:48000\n"
            b"COMMENT:trained on the NIT ATR503 corpus\n[STREAM]\nVECTOR_LENGTH[MCP]:35\n")
    info = read(write(tmp_path, "nitech_jp_atr503_m001.htsvoice", text))
    assert info.format == "htsvoice"
    assert info.metadata == {"HTS_VOICE_VERSION": "1.0", "SAMPLING_FREQUENCY": "48000",
                             "COMMENT": "trained on the NIT ATR503 corpus"}


def test_ini_file_with_global_section_is_no_voice() -> None:
    assert fmt_of(b"[GLOBAL]\nname=foo\n", "settings.ini") is None


# -- LightGBM -----------------------------------------------------------------------------------
def test_lightgbm_training_files_go_to_provenance(tmp_path: Path) -> None:
    info = read(write(tmp_path, "model.txt", lightgbm()))
    assert info.format == "lightgbm" and info.extra["version"] == "v4"
    assert info.extra["objective"] == "binary sigmoid:1"
    assert info.provenance.training_inputs == ["binary.train", "binary.test", "extra.test"]


def test_lightgbm_parameters_are_read_from_the_tail_only(tmp_path: Path) -> None:
    info = read(write(tmp_path, "model.txt", lightgbm(filler=200_000)))
    assert info.provenance.training_inputs == ["binary.train", "binary.test", "extra.test"]


def test_text_starting_with_tree_is_no_lightgbm() -> None:
    assert fmt_of(b"tree\nversion control is great\n", "notes.txt") is None


# -- XGBoost ------------------------------------------------------------------------------------
def test_xgboost_json(tmp_path: Path) -> None:
    model = {"learner": {"attributes": {}, "feature_names": ["age", "income"],
                         "gradient_booster": {"name": "gbtree"}}, "version": [1, 7, 4]}
    info = read(write(tmp_path, "model.json", json.dumps(model).encode()))
    assert info.format == "xgboost"
    assert info.extra == {"encoding": "json", "version": "1.7.4",
                          "feature_names": ["age", "income"]}


def test_xgboost_ubjson(tmp_path: Path) -> None:
    assert read(write(tmp_path, "model.ubj", xgboost_ubjson())).extra == {"encoding": "ubjson"}


def test_xgboost_legacy_binary(tmp_path: Path) -> None:
    info = read(write(tmp_path, "model.bin", xgboost_binary()))
    assert info.extra == {"encoding": "binary", "num_feature": 126, "num_class": 0,
                          "version": "1.7"}


def test_other_json_is_no_xgboost() -> None:
    assert fmt_of(json.dumps({"name": "learner", "version": [1]}).encode(), "package.json") is None


# -- ARPA ---------------------------------------------------------------------------------------
ARPA = b"Built by KenLM\n\n\\data\\\nngram 1=5\nngram 2=7\nngram 3=7\n\n\\1-grams:\n-1.0\t<s>\n"


def test_arpa_counts(tmp_path: Path) -> None:
    info = read(write(tmp_path, "toy0.arpa", ARPA))
    assert info.format == "arpa" and info.parameters == 19
    assert info.extra == {"order": 3, "ngrams": {1: 5, 2: 7, 3: 7}}


def test_gzipped_arpa(tmp_path: Path) -> None:
    info = read(write(tmp_path, "100.arpa.gz", gzip.compress(ARPA)))
    assert info.format == "arpa" and info.extra["compression"] == "gzip"


def test_doc_mentioning_data_marker_inline_is_no_arpa() -> None:
    assert fmt_of(b"An ARPA file has a \\data\\ section with ngram counts.\n", "a.txt") is None


# -- HMMER ------------------------------------------------------------------------------------
HMM = (b"HMMER3/f [3.3.2 | Nov 2020]\nNAME  fn3\nACC   PF00041.13\nLENG  86\nALPH  amino\n"
       b"COM   [1] hmmbuild fn3.hmm fn3.sto\nNSEQ  106\nHMM          A        C\n"
       b"  COMPO   2.70271  4.89246\n//\nHMMER3/f [3.3.2 | Nov 2020]\nNAME  second\n")


def test_hmmer_profile_records_its_alignment(tmp_path: Path) -> None:
    info = read(write(tmp_path, "fn3.hmm", HMM))
    assert info.format == "hmmer" and info.extra["version"] == "3/f 3.3.2 | Nov 2020"
    assert info.metadata == {"NAME": "fn3", "ACC": "PF00041.13", "LENG": "86", "ALPH": "amino",
                             "NSEQ": "106"}
    assert info.provenance.training_inputs == ["fn3.sto"]


def test_hmmer_manual_mentioning_the_header_is_no_profile() -> None:
    assert fmt_of(b"# HMMER user guide\nFiles start with HMMER3/f [3.3 | Nov 2019]\n", "x") is None


def test_hmmer_output_quoted_with_elisions_is_no_profile() -> None:
    """hmmer's user guide quotes hmmbuild's output with "..." for the columns and rows left out."""
    quoted = HMM.replace(b"A        C\n", b"A        C   ...      Y\n").replace(
        b"4.89246\n", b"4.89246 ...   3.61000\n...\n")
    assert fmt_of(quoted, "hmmbuild-globins.out2") is None


def test_hmmer_matrix_line_of_words_is_no_profile() -> None:
    assert fmt_of(HMM.replace(b"A        C\n", b"Alanine  Cysteine\n"), "fn3.hmm") is None


def test_hmmer_header_without_matrix_is_no_profile() -> None:
    assert fmt_of(HMM.split(b"HMM ")[0], "fn3.hmm") is None


def test_hmmer_long_header_without_matrix_is_corrupt(tmp_path: Path) -> None:
    """The head ends inside the header, so only the reader sees that no matrix follows."""
    long = HMM.split(b"HMM ")[0] + b"COM   [2] hmmbuild --seed 42 fn3.hmm fn3.sto\n" * 200
    with pytest.raises(CorruptModelError, match="matrix missing"):
        read(write(tmp_path, "fn3.hmm", long))


# -- Git LFS pointer ----------------------------------------------------------------------------
OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393"
POINTER = f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize 12345\n".encode()


def test_lfs_pointer(tmp_path: Path) -> None:
    info = read(write(tmp_path, "model.onnx", POINTER))
    assert info.format == "git-lfs-pointer"
    assert info.extra == {"oid": f"sha256:{OID}", "size": 12345}


def test_lfs_pointer_with_extension_lines(tmp_path: Path) -> None:
    text = (b"version https://git-lfs.github.com/spec/v1\next-0-foo sha256:" + b"0" * 64
            + b"\noid sha256:" + OID.encode() + b"\nsize 1\n")
    assert read(write(tmp_path, "m.bin", text)).extra["size"] == 1


def test_docs_quoting_an_lfs_pointer_are_no_pointer() -> None:
    doc = b"# Large files\n\nA pointer looks like:\n\n    " + POINTER.replace(b"\n", b"\n    ")
    assert fmt_of(doc, "README.md") is None


def test_lfs_pointer_with_bad_oid_is_no_pointer() -> None:
    assert fmt_of(POINTER.replace(b"sha256:4d", b"sha256:zz"), "m.onnx") is None


def test_corrupt_gzip_behind_a_sniffed_head_is_corrupt(tmp_path: Path) -> None:
    noise = random.Random(1).randbytes(20_000).hex().encode()  # ~2:1 compressible
    data = gzip.compress(CASCADE + b"<!--" + noise + b"-->")
    # Cut past what the sniffer inflates from the head, inside what the reader inflates.
    path = write(tmp_path, "cascade.xml.gz", data[:15_000])
    with pytest.raises(CorruptModelError, match="gzip"):
        read(path)


# -- every prefix: a typed error or a record, never another exception ------------------------------
SAMPLES = {
    "cascade.xml": CASCADE, "cascade.xml.gz": gzip.compress(CASCADE), "heart.model": LIBSVM,
    "xor.net": b"FANN_FLO_2.1\nnum_layers=3\nlayer_sizes=3 4 2 \n", "w.gz": gzip.compress(LEELA),
    "v.htsvoice": b"[GLOBAL]\nHTS_VOICE_VERSION:1.0\nCOMMENT:x\n[STREAM]\n",
    "model.txt": lightgbm(), "toy.arpa": ARPA, "m.onnx": POINTER,
    "m.json": json.dumps({"learner": {"feature_names": ["a"]}, "version": [1, 7, 4]}).encode(),
    "fn3.hmm": HMM,
    "m.bin": xgboost_binary(trailing=120),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_prefix_reads_or_fails_typed(tmp_path: Path, name: str) -> None:
    from mllint.formats import arpa, text_models
    from mllint.formats.base import FormatError

    data = SAMPLES[name]
    for cut in range(0, len(data) + 1, max(1, len(data) // 300)):
        head = data[:cut][:4096]
        path = write(tmp_path, name, data[:cut])
        for fmt in text_models.FORMATS + arpa.FORMATS:
            if fmt.sniff(head, cut, name):
                try:
                    fmt.read(path, head, cut)
                except FormatError:
                    pass
