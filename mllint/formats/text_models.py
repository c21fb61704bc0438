"""Text (and text-like) model formats of classic ML tools, identified by their first lines.

OpenCV cascades and cv::ml models (XML/YAML, also gzipped), LIBSVM/LIBLINEAR/SVMlight models,
FANN networks, leela-zero weights (often gzipped), HTS voices, LightGBM text models, XGBoost
JSON/UBJSON/binary models, HMMER profile HMMs, and Git LFS pointer files standing where a model
should be (ARPA n-gram models: arpa.py). Each sniffer looks at the first 4 KiB only
(decompressed from the head for gzip); readers read a bounded head or tail, never the weights.
Layouts are those the cited upstream writer produces.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from mllint.formats._text import (
    GZIP,
    READ_HEAD,
    compression,
    plain_head,
    read_tail,
    read_text_head,
)
from mllint.formats.base import WHITESPACE, CorruptModelError, Format, ModelInfo, Provenance

# -- OpenCV -----------------------------------------------------------------------------------
# cv::FileStorage writes "<?xml ...?>\n<opencv_storage>" or "%YAML:1.0\n---"; under the root, a
# cascade trained by opencv_traincascade is "cascade" with "stageType"/"featureType"
# (apps/traincascade/cascadeclassifier.cpp); the old haartraining format is a node with
# type_id="opencv-haar-classifier"; cv::ml models use their default names "opencv_ml_<kind>"
# (modules/ml, StatModel::save) or, before OpenCV 3, type_id="opencv-ml-<kind>"; contrib's face
# recognizers write "opencv_lbphfaces", "opencv_eigenfaces", "opencv_fisherfaces".
# XML allows comments between the declaration and the root, and opencv-data's cascades carry
# their licence there: up to 6 KiB, past the 4 KiB head, before "<opencv_storage>".
OPENCV_XML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*\?>\s*(?>(?:<!--.*?-->\s*)*)",
                        re.DOTALL)  # atomic: see NET in openvino.py
OPENCV_YAML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*%YAML[:\s]1\.\d")
OPENCV_XML_ROOT = b"<opencv_storage>"
OPENCV_KIND = re.compile(
    rb"<cascade[\s>]|^cascade:|type_id=\"opencv-haar-classifier\"|type_id:\s*opencv-haar-classifier"
    rb"|<(opencv_ml_\w+)>|^(opencv_ml_\w+):"
    rb"|type_id=\"(opencv-ml-[\w-]+)\"|type_id:\s*(opencv-ml-[\w-]+)"
    rb"|<(opencv_(?:lbph|eigen|fisher)faces)>|^(opencv_(?:lbph|eigen|fisher)faces):",
    re.MULTILINE)
OPENCV_FIELD = re.compile(rb"<(stageType|featureType|height|width|stageNum)>\s*([^<\s]+)\s*<"
                          rb"|^\s*(stageType|featureType|height|width|stageNum):\s*\"?([^\"\s]+)",
                          re.MULTILINE)
START_TAG = re.compile(rb"<[^!?/][^>]*>")
# A "cascade" node is only opencv_traincascade's when its first fields are there: the writer
# starts the node with stageType and featureType (CascadeClassifier::writeParams). Without them a
# YAML file with a top-level "cascade:" key (a CI or build setting) would pass for a model.
CASCADE_NODE = (b"<cascade", b"cascade:")
CASCADE_FIELD = re.compile(rb"<(?:stageType|featureType)>|^\s+(?:stageType|featureType):",
                           re.MULTILINE)


def _model_node(text: bytes, start: int = 0) -> re.Match[bytes] | None:
    """The first OpenCV model node in ``text`` from ``start``: a named cv::ml or face model, an
    old haartraining cascade, or a "cascade" node that carries a cascade's fields."""
    for m in OPENCV_KIND.finditer(text, start):
        if not m.group(0).startswith(CASCADE_NODE) or CASCADE_FIELD.search(text, m.end()):
            return m
    return None


def _opencv_node(text: bytes, truncated: bool) -> tuple[re.Match[bytes] | None, bool]:
    """The model node of an OpenCV file storage in ``text``, and whether ``text`` ended before
    that could be known (``truncated``: the file goes on past ``text``). In XML the node is the
    root's first child, so a leading comment still open, or a root whose first child has not
    started, at the end of a truncated ``text`` is undecided."""
    if OPENCV_YAML.match(text):
        return _model_node(text), False
    prolog = OPENCV_XML.match(text)
    if prolog is None:
        return None, False
    rest = text[prolog.end():]
    if not rest or rest.startswith(b"<!--"):  # the loop above stops at an unclosed comment
        return None, truncated
    if not rest.startswith(OPENCV_XML_ROOT):
        return None, False
    node = _model_node(text, prolog.end())
    if node is None and START_TAG.search(rest, len(OPENCV_XML_ROOT)) is None:
        return None, truncated
    return node, False


def opencv_sniff(head: bytes, size: int, name: str) -> bool:
    node, undecided = _opencv_node(plain_head(head), size > len(head))
    return node is not None or undecided  # undecided: the reader looks further


def opencv_read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    text = read_text_head(path, head)
    m, _ = _opencv_node(text, len(text) >= READ_HEAD)
    if m is None:
        return None  # a long comment led to some other XML (or to 64 KiB of comment)
    named = next((g for g in m.groups() if g), None)
    kind = named.decode() if named else "cascade"
    extra: dict[str, object] = {"kind": kind, **compression(head)}
    if kind == "cascade":
        for f in OPENCV_FIELD.finditer(text):
            key = (f.group(1) or f.group(3)).decode()
            extra.setdefault(key, (f.group(2) or f.group(4)).decode("utf-8", "replace"))
    return ModelInfo(format="opencv", extra=extra)


# -- LIBSVM, LIBLINEAR, SVMlight --------------------------------------------------------------
# libsvm svm.cpp (svm_save_model, svm_type_table, kernel_type_table); liblinear linear.cpp
# (save_model, solver_type_table); SVMlight svm_learn/svm_common.c (write_model:
# "SVM-light Version V6.02" then "<n> # kernel type" ...); SVM-multiclass/-struct likewise.
LIBSVM = re.compile(rb"svm_type (c_svc|nu_svc|one_class|epsilon_svr|nu_svr)\n"
                    rb"kernel_type (linear|polynomial|rbf|sigmoid|precomputed)\n")
LIBLINEAR = re.compile(rb"solver_type ([A-Z0-9_]+)\nnr_class (\d+)\n")
SVMLIGHT = re.compile(
    rb"SVM-(light|multiclass|struct|perf|rank|hmm)\S* Version (\S+)\n(-?\d+) # kernel type")
FIELD_LINE = re.compile(rb"^(nr_class|total_sv|nr_feature|bias|gamma|degree) (\S+)$", re.MULTILINE)


def libsvm_sniff(head: bytes, size: int, name: str) -> bool:
    return LIBSVM.match(head) is not None


def liblinear_sniff(head: bytes, size: int, name: str) -> bool:
    return LIBLINEAR.match(head) is not None


def svmlight_sniff(head: bytes, size: int, name: str) -> bool:
    return SVMLIGHT.match(head) is not None


def _fields(head: bytes, extra: dict[str, object]) -> dict[str, object]:
    # Header lines end where the support vectors ("SV") or the weights ("w") begin.
    header = re.split(rb"\n(?:SV|w)\n", head, maxsplit=1)[0]
    for f in FIELD_LINE.finditer(header):
        extra[f.group(1).decode()] = f.group(2).decode("ascii", "replace")
    return extra


def libsvm_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = LIBSVM.match(head)
    if m is None:
        raise CorruptModelError("LIBSVM header missing")
    return ModelInfo(format="libsvm", extra=_fields(head, {"svm_type": m.group(1).decode(),
                                                          "kernel_type": m.group(2).decode()}))


def liblinear_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = LIBLINEAR.match(head)
    if m is None:
        raise CorruptModelError("LIBLINEAR header missing")
    return ModelInfo(format="liblinear", extra=_fields(head, {"solver_type": m.group(1).decode()}))


def svmlight_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = SVMLIGHT.match(head)
    if m is None:
        raise CorruptModelError("SVMlight header missing")
    return ModelInfo(format="svmlight", extra={"tool": f"SVM-{m.group(1).decode()}",
                                               "version": m.group(2).decode(),
                                               "kernel_type": int(m.group(3))})


# -- FANN -------------------------------------------------------------------------------------
# fann_internal.h (FANN_FLO_VERSION "FANN_FLO_2.1", FANN_FIX_VERSION "FANN_FIX_2.0"; 1.x wrote
# FANN_FLO_1.1 ...) and fann_io.c (fann_save_internal_fd: "num_layers=", "layer_sizes=").
FANN = re.compile(rb"FANN_(FLO|FIX)_(\d+\.\d+)\r?\n")
FANN_LAYERS = re.compile(rb"^layer_sizes=([\d ]+)", re.MULTILINE)


def fann_sniff(head: bytes, size: int, name: str) -> bool:
    return FANN.match(head) is not None


def fann_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = FANN.match(head)
    if m is None:
        raise CorruptModelError("FANN header missing")
    extra: dict[str, object] = {"type": "fixed" if m.group(1) == b"FIX" else "float",
                                "version": m.group(2).decode()}
    if layers := FANN_LAYERS.search(read_text_head(path, head)):
        extra["layer_sizes"] = [int(x) for x in layers.group(1).split()]
    return ModelInfo(format="fann", extra=extra)


# -- leela-zero -------------------------------------------------------------------------------
# leela-zero src/Network.cpp (load_v1_network): first line the format version (1, or 2 for the
# variant with a different input layout), then one line of floats per weight tensor; the first
# is the input convolution, thousands of values. Usually distributed gzipped.
LEELA_FIRST = re.compile(rb"([12])\r?\n")
LEELA_MIN_VALUES = 64  # floats on the second line before we believe it
FLOAT_TOKEN = re.compile(rb"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\Z")


def leela_sniff(head: bytes, size: int, name: str) -> bool:
    text = plain_head(head)
    m = LEELA_FIRST.match(text)
    if m is None:
        return False
    line = text[m.end():].split(b"\n", 1)
    tokens = line[0].split()
    if len(line) == 1 and tokens:
        tokens.pop()  # cut by the head: the last token may be partial
    return len(tokens) >= LEELA_MIN_VALUES and all(FLOAT_TOKEN.match(t) for t in tokens)


def leela_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = LEELA_FIRST.match(plain_head(head))
    if m is None:
        raise CorruptModelError("leela-zero version line missing")
    return ModelInfo(format="leela-zero", extra={"version": int(m.group(1)), **compression(head)})


# -- HTS voice --------------------------------------------------------------------------------
# hts_engine API lib/HTS_model.c (HTS_ModelSet_load): "[GLOBAL]" section of KEY:VALUE lines
# (HTS_VOICE_VERSION, SAMPLING_FREQUENCY, ..., COMMENT), then [STREAM], [POSITION], [DATA].
HTS = re.compile(rb"\[GLOBAL\]\r?\nHTS_VOICE_VERSION:")


def hts_sniff(head: bytes, size: int, name: str) -> bool:
    return HTS.match(head) is not None


def hts_read(path: Path, head: bytes, size: int) -> ModelInfo:
    text = read_text_head(path, head)
    section = text.split(b"[STREAM]", 1)[0]
    meta: dict[str, str] = {}
    for line in section.decode("utf-8", "replace").splitlines()[1:]:
        key, sep, value = line.partition(":")
        if sep and key.isupper():
            meta[key] = value
    return ModelInfo(format="htsvoice", metadata=meta)


# -- LightGBM ---------------------------------------------------------------------------------
# LightGBM src/boosting/gbdt_model_text.cpp (SaveModelToString): "tree\nversion=v<n>\n" header
# lines, the trees, then "parameters:" with one "[name: value]" line each up to
# "end of parameters"; "[data: ...]" and "[valid: ...]" are the training/validation files.
LIGHTGBM = re.compile(rb"tree\r?\nversion=(v\d+)\r?\n")
LGBM_PARAM = re.compile(rb"^\[(\w+): ?(.*)\]\r?$", re.MULTILINE)
LGBM_HEADER = re.compile(rb"^(num_class|objective|max_feature_idx)=(.*?)\r?$", re.MULTILINE)


def lightgbm_sniff(head: bytes, size: int, name: str) -> bool:
    return LIGHTGBM.match(head) is not None


def lightgbm_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = LIGHTGBM.match(head)
    if m is None:
        raise CorruptModelError("LightGBM header missing")
    extra: dict[str, object] = {"version": m.group(1).decode()}
    for h in LGBM_HEADER.finditer(head.split(b"\nTree=", 1)[0]):
        extra[h.group(1).decode()] = h.group(2).decode("utf-8", "replace")
    tail = read_tail(path, size)
    start, end = tail.rfind(b"\nparameters:\n"), tail.rfind(b"\nend of parameters")
    prov = Provenance()
    if 0 <= start < end:
        params = {p.group(1).decode(): p.group(2).decode("utf-8", "replace")
                  for p in LGBM_PARAM.finditer(tail[start:end])}
        for key in ("data", "valid"):
            for value in filter(None, params.get(key, "").split(",")):
                prov.training_inputs.append(value.strip())
        extra["parameters"] = params
    return ModelInfo(format="lightgbm", provenance=prov, extra=extra)


# -- XGBoost ----------------------------------------------------------------------------------
# xgboost src/learner.cc (SaveModel/LoadModel) and src/common/json.cc: JSON and UBJSON write the
# object {"learner": ..., "version": [major, minor, patch]} with keys in std::map order; UBJSON
# keys are 'L' + big-endian i64 length + bytes. The deprecated binary format starts "binf" and
# LearnerModelParamLegacy (f32 base_score, u32 num_feature, i32 num_class, ..., u32 major, u32
# minor; 136 bytes).
XGB_JSON = re.compile(rb"\A\s*\{\s*\"learner\"\s*:\s*\{")
XGB_UBJ = b"{L" + struct.pack(">q", 7) + b"learner"
XGB_VERSION = re.compile(rb"\"version\"\s*:\s*\[\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\]\s*\}\s*\Z")
XGB_FEATURES = re.compile(rb"\"feature_names\"\s*:\s*\[([^\]]{0,65536})\]")


def xgboost_sniff(head: bytes, size: int, name: str) -> bool:
    return (XGB_JSON.match(head) is not None or head.startswith(XGB_UBJ)
            or (head.startswith(b"binf") and len(head) >= 4 + 136))


def xgboost_read(path: Path, head: bytes, size: int) -> ModelInfo:
    extra: dict[str, object] = {}
    if head.startswith(b"binf"):
        if len(head) < 4 + 136:
            raise CorruptModelError("XGBoost binary header is truncated")
        _, num_feature, num_class = struct.unpack_from("<fIi", head, 4)
        major, minor = struct.unpack_from("<II", head, 4 + 20)
        extra.update(encoding="binary", num_feature=num_feature, num_class=num_class,
                     version=f"{major}.{minor}")
        return ModelInfo(format="xgboost", extra=extra)
    if head.startswith(XGB_UBJ):
        extra["encoding"] = "ubjson"
    else:
        extra["encoding"] = "json"
        if v := XGB_VERSION.search(read_tail(path, size, 4096)):
            extra["version"] = ".".join(x.decode() for x in v.groups())
        if f := XGB_FEATURES.search(head):
            names = re.findall(rb"\"((?:[^\"\\]|\\.)*)\"", f.group(1))
            extra["feature_names"] = [n.decode("utf-8", "replace") for n in names]
    return ModelInfo(format="xgboost", extra=extra)


# -- HMMER profile HMMs ----------------------------------------------------------------------
# HMMER src/p7_hmmfile.c (p7_hmmfile_WriteASCII): "HMMER3/f [<version> | <date>]" (3/a-3/f;
# HMMER2 wrote "HMMER2.0  [2.3.2]"), then tag lines NAME, LENG, ALPH, ..., COM "[n] <command>"
# (the hmmbuild command line, whose last argument is the alignment the profile was built
# from), NSEQ (sequences in that alignment), then the "HMM" matrix. A file may hold many
# profiles; we read the first one's header.
# The matrix starts with the line "HMM" followed by the alphabet's symbols, one character each
# (20 for amino, 4 for DNA/RNA), and its rows hold only numbers, "*" and one-word annotations.
# Manuals quote hmmbuild's output with the same header but elide columns and rows with "..."
# (hmmer's documentation/userguide/inclusions/hmmbuild-globins.out2): that is text, not a profile.
HMMER = re.compile(rb"HMMER(3/[a-f]|2\.0) +\[([^\]\n]*)\]\r?\n")
HMMER_TAG = re.compile(rb"^(NAME|ACC|DESC|LENG|ALPH|NSEQ|DATE|COM) +(.*?)\r?$", re.MULTILINE)
HMMER_MATRIX = re.compile(rb"^HMM +([^\r\n]*)\r?\n", re.MULTILINE)
HMMBUILD = re.compile(r"(?:\[\d+\] +)?\S*hmmbuild\b.* (\S+)$")


def _hmmer_matrix(text: bytes) -> bool | None:
    """Whether the first profile's matrix in ``text`` is one HMMER wrote: single-character
    alphabet symbols on its "HMM" line and no elided ("...") cells in the rows ``text`` holds;
    ``None`` when ``text`` ends before the "HMM" line."""
    m = HMMER_MATRIX.search(text)
    if m is None:
        return None
    symbols = m.group(1).split()
    if not symbols or any(len(s) != 1 for s in symbols):
        return False
    return b"..." not in text[m.end():].split(b"\n//", 1)[0]


def hmmer_sniff(head: bytes, size: int, name: str) -> bool:
    text = plain_head(head)
    if HMMER.match(text) is None:
        return False
    matrix = _hmmer_matrix(text)
    if matrix is None:
        # A whole file without a matrix is a quoted header; a longer one is read to decide.
        return head.startswith(GZIP) or size > len(head)
    return matrix


def hmmer_read(path: Path, head: bytes, size: int) -> ModelInfo:
    text = read_text_head(path, head)
    m = HMMER.match(text)
    if m is None:
        raise CorruptModelError("HMMER header line missing")
    matrix = _hmmer_matrix(text)
    if matrix is False:
        raise CorruptModelError("HMMER matrix has elided or malformed columns")
    if matrix is None and len(text) < READ_HEAD:
        raise CorruptModelError("HMMER matrix missing")
    header = text.split(b"\nHMM ", 1)[0]
    meta: dict[str, str] = {}
    prov = Provenance()
    for tag in HMMER_TAG.finditer(header):
        key, value = tag.group(1).decode(), tag.group(2).decode("utf-8", "replace").strip()
        if key == "COM":
            if built := HMMBUILD.match(value):
                prov.training_inputs.append(built.group(1))
            prov.producer.append(value)
        else:
            meta.setdefault(key, value)
    extra: dict[str, object] = {"version": f"{m.group(1).decode()} {m.group(2).decode()}",
                                **compression(head)}
    return ModelInfo(format="hmmer", metadata=meta, provenance=prov, extra=extra)


# -- Git LFS pointer --------------------------------------------------------------------------
# git-lfs docs/spec.md: a pointer is under 1024 bytes, "version <url>" first, then sorted
# "key value" lines, with "oid sha256:<64 hex>" and "size <bytes>"; the pre-release spec URL
# was hawser's.
LFS_MAX = 1024
LFS = re.compile(rb"version https://(?:git-lfs\.github\.com|hawser\.github\.com)/spec/v1\n"
                 rb"(?:[a-z0-9.-]+ [^\n]*\n)*?oid sha256:([0-9a-f]{64})\n"
                 rb"(?:[a-z0-9.-]+ [^\n]*\n)*?size (\d+)\n")


def lfs_sniff(head: bytes, size: int, name: str) -> bool:
    return size < LFS_MAX and LFS.match(head) is not None


def lfs_read(path: Path, head: bytes, size: int) -> ModelInfo:
    m = LFS.match(head)
    if m is None:
        raise CorruptModelError("Git LFS pointer is malformed")
    return ModelInfo(format="git-lfs-pointer", trained=None,
                     extra={"oid": "sha256:" + m.group(1).decode(), "size": int(m.group(2))})


FORMATS = (
    Format("opencv", opencv_sniff, opencv_read, extensions=(".xml", ".yml", ".yaml", ".xml.gz"),
           magic=False, lead=GZIP[:1] + b"\xef<%" + WHITESPACE),
    Format("libsvm", libsvm_sniff, libsvm_read, extensions=(".model", ".svm"), lead=b"s"),
    Format("liblinear", liblinear_sniff, liblinear_read, extensions=(".model",), lead=b"s"),
    Format("svmlight", svmlight_sniff, svmlight_read, extensions=(".model", ".dat"), lead=b"S"),
    Format("fann", fann_sniff, fann_read, extensions=(".net",), lead=b"F"),
    Format("leela-zero", leela_sniff, leela_read, extensions=(".gz", ".txt"), magic=False,
           lead=GZIP[:1] + b"12"),
    Format("htsvoice", hts_sniff, hts_read, extensions=(".htsvoice",), lead=b"["),
    Format("lightgbm", lightgbm_sniff, lightgbm_read, extensions=(".txt", ".model"), lead=b"t"),
    Format("xgboost", xgboost_sniff, xgboost_read, extensions=(".json", ".ubj", ".model",
                                                               ".bst"), lead=b"{b" + WHITESPACE),
    Format("hmmer", hmmer_sniff, hmmer_read, extensions=(".hmm", ".hmm.gz"), magic=False,
           lead=GZIP[:1] + b"H"),
    Format("git-lfs-pointer", lfs_sniff, lfs_read, weights=False, lead=b"v"),
)
