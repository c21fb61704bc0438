"""Declared data for the download analysers: what makes a URL, a name or a call a model fetch.

The tables follow model-formats.md §7 ("Runtime and build-time download signals"). They are data
(style.md §4): a reviewer adds a host or an extension here, and every analyser picks it up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal
from urllib.parse import urlsplit

# File extensions of model artefacts (model-formats.md §7 "URLs"), plus ARPA/KenLM n-gram
# language models and tesseract's traineddata, which are trained models too.
MODEL_EXTENSIONS = frozenset({
    ".onnx", ".pt", ".pth", ".bin", ".ckpt", ".safetensors", ".gguf", ".ggml", ".tflite", ".pb",
    ".h5", ".keras", ".caffemodel", ".weights", ".nnue", ".traineddata", ".npz", ".pkl",
    ".joblib", ".model", ".ftz", ".arpa", ".mlmodel", ".pdparams", ".ot",
})

# ".bin", ".pb", ".npz", ".pkl", ".model" and ".h5" are also common for non-model data; a URL with
# one of them counts only on a model host or with a model word in it (see classify_url).
AMBIGUOUS_EXTENSIONS = frozenset({".bin", ".pb", ".npz", ".pkl", ".model", ".h5", ".joblib"})

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst",
                    ".zip", ".7z", ".rar", ".gz", ".xz", ".bz2", ".zst")

# Words that, in a file or archive name, say "trained model" (split on non-alphanumerics).
MODEL_WORDS = frozenset({
    "model", "models", "weights", "weight", "checkpoint", "checkpoints", "ckpt", "pretrained",
    "arpa", "lm", "nnue", "traineddata", "tessdata", "ggml", "gguf", "onnx", "tflite",
    "caffemodel", "nn", "dnn", "net", "nets", "rnnoise", "whisper", "yolo", "yolov5", "yolov8",
    "bert", "resnet", "vgg16", "vgg19", "mobilenet", "inception", "efficientnet", "llama",
    "embeddings", "word2vec", "glove", "fasttext",
})

# Hosts and URL paths that serve models (model-formats.md §7 "URLs"). A regex on the whole URL,
# lower-cased; anchored on the host so that a documentation page on the same site does not count.
MODEL_URL_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    r"^https?://(www\.)?huggingface\.co/[^/]+/[^/]+/(resolve|raw)/",
    r"^https?://(www\.)?huggingface\.co/[^/]+/[^/]+/?$",
    r"^https?://hf\.co/",
    r"^https?://download\.pytorch\.org/models/",
    r"^https?://openaipublic\.(azureedge\.net|blob\.core\.windows\.net)/",
    r"^https?://storage\.googleapis\.com/.*(model|weights|checkpoint)",
    r"^https?://(www\.)?tfhub\.dev/",
    r"^https?://(www\.)?kaggle\.com/models/",
    r"^https?://media\.xiph\.org/(opus|rnnoise)/models",
    r"^https?://tests\.stockfishchess\.org/api/nn/",
    # leela-zero's training server: autogtp holds only its root and fetches networks/<hash>.gz.
    r"^https?://zero\.sjeng\.org/(networks/|best-network|get-task/|$)",
    r"^https?://files\.kde\.org/digikam",
    r"^https?://(api\.)?github\.com/(repos/)?tesseract-ocr/tessdata",
    r"^https?://raw\.githubusercontent\.com/tesseract-ocr/tessdata",
    r"^https?://dl\.fbaipublicfiles\.com/(fasttext|detectron|dinov|segment_anything)",
    r"^https?://(www\.)?modelscope\.cn/models/",
    r"^https?://ollama\.com/library/",
))

# Hosts that serve data, never models in the sense of this check (scientific reference data,
# sample data, dataset archives). A URL on one of them is a dataset unless its file name has an
# unambiguous model extension.
DATASET_URL_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    r"^https?://(www\.)?huggingface\.co/datasets/",
    r"^https?://archive\.ics\.uci\.edu/",
    r"^https?://(www\.)?openml\.org/",
    r"^https?://(www\.)?csie\.ntu\.edu\.tw/~cjlin/libsvmtools/datasets",
    r"^https?://(www\.)?kaggle\.com/(c|competitions|datasets)/",
    r"^https?://(www\.)?image-net\.org/",
    r"^https?://(yann\.lecun\.com|ossci-datasets\.s3\.amazonaws\.com)/",
    r"^https?://(www\.)?cs\.toronto\.edu/~kriz/",
    r"/datasets?/",
))

# Words that mark a dataset download in a name or URL.
DATASET_WORDS = frozenset({
    "dataset", "datasets", "data", "corpus", "corpora", "csv", "train", "test", "mnist",
    "cifar", "imagenet", "sample", "samples", "testdata",
})

# Extensions of data files: a URL ending in one is data, whatever its host.
DATA_EXTENSIONS = frozenset({
    ".csv", ".tsv", ".json", ".jsonl", ".parquet", ".arff", ".mat", ".nc", ".fits", ".fts",
    ".txt", ".xml", ".svm", ".libsvm", ".dat", ".data", ".sav", ".dta", ".xls", ".xlsx",
    ".html", ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".wav", ".mp3", ".ogg",
    ".deb", ".whl", ".jar", ".exe", ".dmg", ".msi", ".iso",
})

URL_RE = re.compile(r"""(?:https?|ftp|hf|s3|gs)://[^\s"'<>`)\]\\]+""")
HEX40_RE = re.compile(r"\b[0-9a-fA-F]{40}\b")
HEX_DIGEST_RE = re.compile(r"\b(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{128})\b")
# A Hugging Face style repository id: "org/name" with the characters the hub allows.
HUB_ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}/[\w.-]{1,95}$")

UrlClass = Literal["model", "dataset"]


def _tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^a-z0-9]+", text.lower()) if t}


def strip_archive(name: str) -> str:
    """``lm_sc.arpa-1.tar.xz`` -> ``lm_sc.arpa-1``: the name inside a compressed container."""
    lower = name.lower()
    for suffix in ARCHIVE_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def model_suffix(name: str) -> str:
    """The model extension of ``name`` after removing archive suffixes, or ``""``."""
    base = strip_archive(name.rsplit("/", 1)[-1].split("?", 1)[0].split("#", 1)[0]).lower()
    dot = base.rfind(".")
    return base[dot:] if dot > 0 and base[dot:] in MODEL_EXTENSIONS else ""


def is_model_name(name: str) -> bool:
    """Whether a file name (no host) names a model: an unambiguous model extension, or an
    ambiguous one or an archive together with a model word (``weights.bin``, ``lm_sc.arpa.tar.xz``)."""
    base = name.rsplit("/", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    suffix = model_suffix(base)
    if suffix and suffix not in AMBIGUOUS_EXTENSIONS:
        return True
    inner = strip_archive(base)
    if suffix or inner != base:
        return bool(_tokens(inner) & MODEL_WORDS)
    return False


def model_words(name: str) -> bool:
    """Whether a name has a model word in it (``face_landmark_model.dat``); only for names that
    a download helper is known to fetch, never for arbitrary strings."""
    return bool(_tokens(strip_archive(name.rsplit("/", 1)[-1])) & MODEL_WORDS)


def classify_url(url: str) -> UrlClass | None:
    """``"model"`` for a URL that serves a model, ``"dataset"`` for one that serves data whose
    name says dataset, ``None`` otherwise (a web page, a package, an API, random numbers).

    Model hosts win over data words (``huggingface.co/org/name/resolve/main/data.bin`` is a model
    repository file); dataset hosts win over ambiguous extensions.
    """
    lower = url.lower().rstrip(".,;:")
    parts = urlsplit(lower)
    path = parts.path
    base = path.rsplit("/", 1)[-1]
    if any(p.search(lower) for p in DATASET_URL_PATTERNS):
        suffix = model_suffix(base)
        if suffix and suffix not in AMBIGUOUS_EXTENSIONS:
            return "model"
        return "dataset"
    if any(p.search(lower) for p in MODEL_URL_PATTERNS):
        if file_suffix(base) in DATA_EXTENSIONS:
            return "dataset"
        return "model"
    suffix = model_suffix(base)
    if suffix and (suffix not in AMBIGUOUS_EXTENSIONS or _tokens(path) & MODEL_WORDS):
        return "model"
    if is_model_name(base):
        return "model"
    if base and (strip_archive(base) != base or file_suffix(base) in DATA_EXTENSIONS):
        if _tokens(path) & DATASET_WORDS:
            return "dataset"
    return None


def file_suffix(base: str) -> str:
    """The lower-case last extension of a file name or URL path part (``.csv``), or ``""``."""
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def is_hub_id(text: str) -> bool:
    """Whether a literal looks like a hub repository id ``org/name`` rather than a path."""
    if not HUB_ID_RE.match(text) or text.startswith((".", "/")) or "//" in text:
        return False
    org, name = text.split("/", 1)
    # "models/foo.onnx", "data/x.csv": a relative path, not a repository.
    return not (file_suffix(name) in MODEL_EXTENSIONS | DATA_EXTENSIONS
                or org.lower() in {"models", "model", "data", "tmp", "cache", "weights", "src",
                                   "tests", "test", "share", "lib", "usr", "etc", "var", "home"})


def url_matches(text: str) -> Iterator[re.Match[str]]:
    """``URL_RE.finditer(text)``, found faster: every match holds "://" at most five characters
    after its start, so the regex only runs from there. Scanning all of a large file with the
    regex (an alternation tried at every character) cost 18 ms on pytorch's test_nn.py (880 KB)
    and a fifth of a whole pytorch run; str.find is C-speed."""
    pos = 0
    while (at := text.find("://", pos)) >= 0:
        match = URL_RE.search(text, max(pos, at - 5))
        if match is None:
            return
        yield match
        pos = match.end()


def urls_in(text: str) -> list[str]:
    """Every URL literal in ``text``, trailing punctuation trimmed."""
    return [m.group(0).rstrip(".,;:") for m in url_matches(text)]


# Download tools on a command line (shell, Makefile recipes, maintainer scripts).
FETCH_TOOLS = frozenset({"wget", "curl", "aria2c", "axel", "fetch", "lftp", "rsync", "gdown",
                         "wget2", "http", "xh"})
# Commands that verify what was fetched; their presence in the same script pins the download.
VERIFY_TOOLS = frozenset({"sha256sum", "sha512sum", "sha384sum", "sha1sum", "shasum", "b2sum",
                          "md5sum", "gpg", "gpgv", "sqv", "openssl"})
