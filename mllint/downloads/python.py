"""Python: hub and framework calls that fetch models, found with :mod:`ast`.

The source is parsed, never imported or run. A call counts when its name is a known download API
(model-formats.md §7, "huggingface_hub", "transformers & co.", "PyTorch", "TF / Keras", "Other
Python") and, for generic HTTP calls, when its URL argument resolves to a model URL. Literal
arguments are resolved through module-level constants (``URL = "https://…"``, ``f"{BASE}/x"``,
``"a" + "b"``) and dict tables (``model_urls = {...}``); nothing else is evaluated. Comments are
invisible to ``ast`` and docstrings are not calls, so an example in a docstring never fires.

One rule needs no call in the file: torchvision's weight enums (:func:`_weight_enums`).
"""

from __future__ import annotations

import ast
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from mllint.downloads.finding import Finding, Kind
from mllint.downloads.patterns import (
    HEX40_RE,
    HEX_DIGEST_RE,
    classify_url,
    is_hub_id,
    url_matches,
)
from mllint.pyast import dotted

# Hub calls: last name -> index of the positional argument holding the repo id, and its keyword.
HUB_CALLS: dict[str, tuple[int, str]] = {
    "hf_hub_download": (0, "repo_id"),
    "snapshot_download": (0, "repo_id"),
    "hf_hub_url": (0, "repo_id"),
    "cached_download": (0, "url"),
    "from_pretrained": (0, "pretrained_model_name_or_path"),
    "from_single_file": (0, "pretrained_model_link_or_path"),
    "from_preset": (0, "preset"),
    "model_download": (0, "handle"),  # kagglehub
    "SentenceTransformer": (0, "model_name_or_path"),
    "CrossEncoder": (0, "model_name"),
}
# Calls that always download when given a name: (module that must be imported, last name,
# argument index, keyword). The import requirement keeps e.g. graphite's ``whisper`` out
# (model-formats.md §7: "package names prove nothing; the token is the evidence").
NAMED_LOADERS: tuple[tuple[str, str, int, str], ...] = (
    ("whisper", "load_model", 0, "name"),
    ("clip", "load", 0, "name"),
    ("torch", "load_state_dict_from_url", 0, "url"),
    ("torch", "download_url_to_file", 0, "url"),
    ("torch", "load_url", 0, "url"),
    ("gensim", "load", 0, "name"),
    ("fasttext", "download_model", 0, "lang_id"),
    ("spacy", "download", 0, "model"),
    ("stanza", "download", 0, "lang"),
    ("easyocr", "Reader", 0, "lang_list"),
    ("paddleocr", "PaddleOCR", -1, ""),
    ("insightface", "FaceAnalysis", 0, "name"),
    ("ultralytics", "YOLO", 0, "model"),
    ("tensorflow_hub", "load", 0, "handle"),
    ("tensorflow_hub", "KerasLayer", 0, "handle"),
    ("tensorflow_hub", "Module", 0, "spec"),
    ("torchaudio", "get_model", -1, ""),
)
# Generic fetches: a model only if the URL argument resolves to a model URL.
HTTP_CALLS: dict[str, tuple[int, str]] = {
    "urlretrieve": (0, "url"), "urlopen": (0, "url"), "get": (0, "url"), "request": (1, "url"),
    "download": (0, "url"), "download_url": (0, "url"), "get_file": (1, "origin"),
    "retrieve": (0, "url"), "download_file": (0, "url"), "stream": (1, "url"),
}
HTTP_RECEIVERS = frozenset({"requests", "httpx", "session", "s", "client", "urllib", "request",
                            "wget", "gdown", "pooch", "utils", "keras", "http", "urllib3"})
# Keras's fetch, whatever holds it: keras-applications binds ``keras_utils`` at run time
# (python3-keras-applications: ``keras_utils.get_file(name, WEIGHTS_PATH)``), keras itself has
# ``data_utils.get_file``. Its origin must still be a model URL.
ANY_RECEIVER = frozenset({"get_file"})
# Dataset fetches (training-data evidence for the provenance check).
DATASET_CALLS = frozenset({"load_dataset", "fetch_openml", "fetch_20newsgroups", "fetch_covtype",
                           "fetch_california_housing", "fetch_kddcup99", "fetch_lfw_people",
                           "fetch_olivetti_faces", "fetch_rcv1", "fetch_species_distributions",
                           "dataset_download", "load_data"})
# nltk.download ids that are trained models; every other id is a corpus or lexicon.
NLTK_MODELS = frozenset({"punkt", "punkt_tab", "averaged_perceptron_tagger",
                         "averaged_perceptron_tagger_eng", "averaged_perceptron_tagger_ru",
                         "maxent_ne_chunker", "maxent_ne_chunker_tab",
                         "maxent_treebank_pos_tagger", "word2vec_sample", "bllip_wsj_no_aux",
                         "moses_sample", "rslp", "tagsets", "all"})
# gensim-data names that are corpora, not models.
GENSIM_CORPORA = ("text8", "fake-news", "wiki-english", "quora-duplicate", "semeval-",
                  "20-newsgroups", "patent-", "__testing_")
# Keyword arguments that pin what is fetched (a digest or a revision checked after download).
HASH_KWARGS = frozenset({"check_hash", "hash_prefix", "known_hash", "file_hash", "md5",
                         "sha256", "md5_hash", "checksum", "expected_hash", "sha256sum"})
OFFLINE_ENV = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")
# Import roots of libraries whose pretrained= / weights= arguments fetch weights.
PRETRAINED_LIBS = frozenset({"torchvision", "timm", "keras", "tensorflow", "open_clip",
                             "segmentation_models_pytorch", "pretrainedmodels",
                             "efficientnet_pytorch", "torch", "tf_keras"})
PATHLIKE_WORDS = ("path", "dir", "file", "local", "folder", "checkpoint", "ckpt", "root")


@dataclass(slots=True)
class _Context:
    constants: dict[str, str]
    tables: dict[str, list[str]]
    imports: set[str]
    offline: str
    aliases: dict[str, str]  # local name -> dotted module path (import x.y as z; from x import y)
    weight_enums: list[ast.ClassDef] = field(default_factory=list)


# Every call this module recognises has one of these words in its name or its URL; a file
# without any of them is not parsed (most of a large package, at a fraction of the cost).
# Where a rule also needs an import, the import is the trigger: "transformers" for pipeline(),
# "easyocr" for Reader(), an import of clip for clip.load(). The plain words made numpy parse
# 83 of its 482 files (np.clip, github URLs in docstrings, sklearn's make_pipeline) and pytorch
# 612 of its Python files, for 15 with a finding. Plain words are tested with str "in" (C
# speed); one regex alternation over a whole file cost 14 ms on pytorch's 880 KB test_nn.py.
TRIGGER_WORDS = ("download", "pretrained", "load_model", "transformers", "get_file", "urlopen",
                 "urlretrieve", "fetch_", "load_data", "SentenceTransformer", "CrossEncoder",
                 "YOLO", "easyocr", "PaddleOCR", "FaceAnalysis", "load_url", "get_model",
                 "KerasLayer", "_Weights", "pooch", "trust_remote_code", "from_single_file",
                 "from_preset", "tfds", "nltk", "gensim", "WeightsEnum")
# The same words as one alternation, for short texts: there it beats 27 substring scans (0.8
# against 1.9 us on a 50-byte module); at 4 KiB it loses (64 against 40 us).
TRIGGER_RE = re.compile("|".join(map(re.escape, TRIGGER_WORDS)))
SHORT_TEXT = 1024  # characters
# Words that trigger only in context, each tried only when the word is in the text: "hub" not
# inside "github", an import of clip (not torch.clip), "weights =" with a string (only a
# string or *_Weights counts).
CONTEXT_TRIGGERS = {
    "hub": re.compile(r"(?<!git)hub"),
    "clip": re.compile(r"import[^\n]*\bclip\b|from\s+clip\b"),
    "weights": re.compile(r"weights\s*=\s*[\"']"),
}


def _worth_parsing(text: str) -> bool:
    """A trigger word, or a URL that names a model or a dataset. Any URL at all used to be a
    trigger, which parsed most of pytorch (licence headers, docstrings) for nothing."""
    if (TRIGGER_RE.search(text) if len(text) < SHORT_TEXT
            else any(word in text for word in TRIGGER_WORDS)):
        return True
    if any(word in text and regex.search(text) for word, regex in CONTEXT_TRIGGERS.items()):
        return True
    return any(classify_url(m.group(0)) for m in url_matches(text))


def analyse(text: str, parsed: Callable[[], ast.Module | None] | None = None) -> list[Finding]:
    """All downloads in one Python source text; ``[]`` if it does not parse (e.g. Python 2).

    ``parsed`` returns the text's syntax tree when the caller already has one to share (the
    index parses each file once for every check: ``Item.python_ast``)."""
    if not _worth_parsing(text):
        return []
    if parsed is not None:
        tree = parsed()
    else:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            tree = None
    if tree is None:
        return []
    ctx, calls = _scan(tree)
    findings: list[Finding] = []
    for scope, call in calls:
        findings.extend(_call_findings(call, scope, ctx))
    if ctx.weight_enums:
        findings.extend(_weight_enums(ctx))
    return findings


def _scan(tree: ast.Module) -> tuple[_Context, list[tuple[ast.AST, ast.Call]]]:
    """One breadth-first walk over the module (the order of :func:`ast.walk`): imported names,
    names bound once to a string (folded) or to a dict/list table of strings, an offline
    environment variable it names, and every call with its innermost enclosing function (or the
    module). One hand-rolled walk instead of two generic ones: on pytorch's 600 candidate files
    the walks, not the parse, were most of the time."""
    ctx = _Context({}, {}, set(), "", {})
    seen: set[str] = set()
    calls: list[tuple[ast.AST, ast.Call]] = []
    todo: deque[tuple[ast.AST, ast.AST]] = deque([(tree, tree)])
    # Exact type tests (ast node classes are not subclassed) and no descent into names and
    # constants: a third of the walk's cost on pytorch was isinstance() on leaves.
    while todo:
        node, scope = todo.popleft()
        kind = type(node)
        if kind is ast.Call:
            if _may_fetch(node):  # most calls name nothing :func:`_call_findings` knows
                calls.append((scope, node))
        elif kind is ast.Name:
            continue
        elif kind is ast.Constant:
            if not ctx.offline and node.value in OFFLINE_ENV:
                ctx.offline = str(node.value)
            continue
        elif kind is ast.ClassDef:
            if any(dotted(base).rpartition(".")[2] == "WeightsEnum" for base in node.bases):
                ctx.weight_enums.append(node)
        elif kind is ast.Import:
            for alias in node.names:
                ctx.imports.update(alias.name.split("."))
                if alias.asname:
                    ctx.aliases[alias.asname] = alias.name
        elif kind is ast.ImportFrom and node.module:
            ctx.imports.update(node.module.split("."))
            for alias in node.names:
                ctx.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif (kind is ast.Assign or kind is ast.AnnAssign) and node.value is not None:
            targets = node.targets if kind is ast.Assign else [node.target]
            for target in targets:
                _bind(dotted(target), node.value, ctx, seen)
        inner = node if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef else scope
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, ast.AST):
                todo.append((value, inner))
            elif isinstance(value, list):
                todo.extend((v, inner) for v in value if isinstance(v, ast.AST))
    return ctx, calls


# The last names :func:`_call_findings` acts on; any other call matters only through a
# ``pretrained=``/``weights=`` keyword (torchvision, timm, keras).
CALL_NAMES = frozenset(HUB_CALLS) | frozenset(HTTP_CALLS) | DATASET_CALLS | frozenset(
    loader for _, loader, _, _ in NAMED_LOADERS) | {"pipeline", "load", "download", "create",
                                                    "retrieve"}
SELECTING_KEYWORDS = frozenset({"pretrained", "weights"})


def _may_fetch(call: ast.Call) -> bool:
    func = call.func
    kind = type(func)
    if kind is ast.Attribute:
        last = func.attr
    elif kind is ast.Name:
        last = func.id
    else:
        return True  # x()() and the like: let _call_findings decide
    return last in CALL_NAMES or any(kw.arg in SELECTING_KEYWORDS for kw in call.keywords)


def _bind(name: str, value: ast.AST, ctx: _Context, seen: set[str]) -> None:
    if not name:
        return
    if name in seen:  # bound twice: not a constant
        ctx.constants.pop(name, None)
        ctx.tables.pop(name, None)
        return
    seen.add(name)
    folded = _fold(value, ctx.constants)
    if folded is not None:
        ctx.constants[name] = folded
    elif isinstance(value, (ast.Dict, ast.List, ast.Tuple)):
        values = value.values if isinstance(value, ast.Dict) else value.elts
        strings = [s for v in values if (s := _fold(v, ctx.constants)) is not None]
        if strings:
            ctx.tables[name] = strings


def _fold(node: ast.AST | None, constants: dict[str, str]) -> str | None:
    """The string value of a literal expression, or ``None`` if any part is not known."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, (ast.Name, ast.Attribute)):
        return constants.get(dotted(node))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _fold(node.left, constants), _fold(node.right, constants)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            inner = value.value if isinstance(value, ast.FormattedValue) else value
            folded = _fold(inner, constants)
            if folded is None:
                return None
            parts.append(folded)
        return "".join(parts)
    return None


def _argument(call: ast.Call, index: int, keyword: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if 0 <= index < len(call.args) and not isinstance(call.args[index], ast.Starred):
        return call.args[index]
    return None


def _keyword(call: ast.Call, name: str) -> ast.AST | None:
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def _is_true(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _pinned(call: ast.Call, scope: ast.AST, constants: dict[str, str]) -> bool:
    """A revision that is a commit id, a hash keyword with a value, or a digest computed in the
    same function (``hashlib``, ``*checksum*``, ``*verify*``)."""
    revision = _fold(_keyword(call, "revision"), constants)
    if revision is not None and HEX40_RE.fullmatch(revision):
        return True
    for kw in call.keywords:
        if kw.arg in HASH_KWARGS and not (isinstance(kw.value, ast.Constant)
                                          and kw.value.value in (None, False, "")):
            return True
    for node in ast.walk(scope):
        if isinstance(node, ast.Call):
            name = dotted(node.func).lower()
            if name.startswith("hashlib.") or any(w in name.rsplit(".", 1)[-1] for w in (
                    "checksum", "verify", "sha256", "check_integrity", "md5")):
                return True
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and HEX_DIGEST_RE.fullmatch(node.value):
            return True
    return False


def _call_findings(call: ast.Call, scope: ast.AST, ctx: _Context) -> list[Finding]:
    name = dotted(call.func)
    if not name:
        return []
    last = name.rsplit(".", 1)[-1]
    head = name.split(".", 1)[0]
    # "hub.KerasLayer" after "import tensorflow_hub as hub" is tensorflow_hub.KerasLayer.
    parts = set(name.split(".")) | set(ctx.aliases.get(head, head).split("."))
    remote_code = _is_true(_keyword(call, "trust_remote_code"))
    guard = "local_files_only" if _is_true(_keyword(call, "local_files_only")) else ctx.offline

    note_name = _short(name)

    def make(kind: Kind, identifier: str) -> Finding:
        return Finding(kind, note_name, identifier, call.lineno, _pinned(call, scope, ctx.constants),
                       guard, remote_code)

    if last in HUB_CALLS:
        index, keyword = HUB_CALLS[last]
        arg = _argument(call, index, keyword)
        value = _fold(arg, ctx.constants)
        if value is not None:
            if classify_url(value) == "model" or is_hub_id(value) or \
                    (last != "cached_download" and _bare_model_name(value)):
                return [make("hub", value)]
            if classify_url(value) == "dataset":
                return [make("dataset", value)]
            return []
        # from_pretrained(<variable>): the caller picks the model (skorch's tokenizer wrapper,
        # a --model option). Issue 6 counts only a literal org/name; remote code still counts.
        if arg is None or last == "from_pretrained":
            return [make("hub", "")] if remote_code else []
        if last in ("from_single_file", "from_preset", "SentenceTransformer", "CrossEncoder"):
            return [make("hub", "")] if _hub_family(name, ctx, arg) or remote_code else []
        return [make("hub", "")]

    if last == "pipeline" and "transformers" in ctx.imports | parts:
        model = _argument(call, 1, "model")
        value = _fold(model, ctx.constants) if model is not None else None
        if model is None:
            task = _fold(_argument(call, 0, "task"), ctx.constants)
            return [make("hub", f"default-model-for-{task}" if task else "")]
        if value is not None and (is_hub_id(value) or _bare_model_name(value)):
            return [make("hub", value)]
        return [make("hub", "")] if remote_code else []

    for module, loader, index, keyword in NAMED_LOADERS:
        if last == loader and module in ctx.imports and (module in parts or len(parts) == 1
                                                         or loader in ("load_state_dict_from_url",
                                                                       "download_url_to_file",
                                                                       "load_url", "get_model")):
            if module == "torch" and "hub" in parts and last == "load":
                break
            value = _fold(_argument(call, index, keyword), ctx.constants) if index >= 0 else None
            if module == "gensim" and value and value.startswith(GENSIM_CORPORA):
                return [make("dataset", value)]
            if module in ("torch",) and value is None:
                return [make("url", u) for u in _table_urls(call, ctx)] or [make("url", "")]
            if value is not None and value.startswith(("http://", "https://")) \
                    and classify_url(value) == "dataset":
                return [make("dataset", value)]
            return [make("hub" if module != "torch" else "url", value or "")]

    if name.endswith("hub.load") and ("torch" in parts or "torch" in ctx.imports) \
            and "tensorflow_hub" not in ctx.imports:
        source = _fold(_keyword(call, "source"), ctx.constants)
        if source == "local":
            return []
        repo = _fold(_argument(call, 0, "repo_or_dir"), ctx.constants) or ""
        model = _fold(_argument(call, 1, "model"), ctx.constants) or ""
        return [make("hub", f"{repo}:{model}" if repo and model else repo)]

    if last == "download" and "nltk" in parts | ctx.imports and "nltk" in name:
        value = _fold(_argument(call, 0, "info_or_id"), ctx.constants)
        if value is None:
            return []
        return [make("hub" if value in NLTK_MODELS else "dataset", value)]

    if last in DATASET_CALLS and (last != "load_data" or "datasets" in parts):
        value = _fold(_argument(call, 0, "path"), ctx.constants)
        # sklearn's fetch_covtype() takes no name: the function names the dataset.
        return [make("dataset", value or (last if last.startswith("fetch_") else ""))]
    if last == "load" and "tfds" in parts | {name.split(".")[0]}:
        return [make("dataset", _fold(_argument(call, 0, "name"), ctx.constants) or "")]

    # torchvision / timm / keras: pretrained weights selected by argument.
    if ctx.imports & PRETRAINED_LIBS:
        weights = _keyword(call, "weights")
        if _is_true(_keyword(call, "pretrained")) or _pretrained_weights(weights, ctx):
            model = _fold(_argument(call, 0, "model_name"), ctx.constants) if last in (
                "create_model", "create_model_and_transforms") else None
            return [make("hub", model or last)]
        pretrained = _fold(_keyword(call, "pretrained"), ctx.constants)
        if pretrained and last.startswith("create_model"):
            model = _fold(_argument(call, 0, "model_name"), ctx.constants) or last
            return [make("hub", f"{model}:{pretrained}")]

    if "pooch" in parts and last in ("create", "retrieve"):
        # pooch fetches data files; its URL is a dataset unless it is a model URL.
        url = _fold(_argument(call, 0, "base_url" if last == "create" else "url"), ctx.constants)
        if url:
            return [make("url" if classify_url(url) == "model" else "dataset", url)]
        return []

    if last in HTTP_CALLS and (parts & HTTP_RECEIVERS or len(parts) == 1
                               or last in ANY_RECEIVER):
        index, keyword = HTTP_CALLS[last]
        arg = _argument(call, index, keyword)
        value = _fold(arg, ctx.constants)
        urls = [value] if value is not None else _table_urls(call, ctx)
        out = []
        for url in urls:
            cls = classify_url(url)
            if cls == "model":
                out.append(make("url", url))
            elif cls == "dataset":
                out.append(make("dataset", url))
        return out
    return []


def _weight_enums(ctx: _Context) -> list[Finding]:
    """torchvision's weight enums: ``class ResNet50_Weights(WeightsEnum)`` whose members are
    ``Weights(url="https://download.pytorch.org/models/resnet50-0676ba61.pth", ...)``.

    The URL is far from the fetch: ``WeightsEnum.get_state_dict`` passes ``self.url`` to
    ``load_state_dict_from_url`` (torchvision/models/_api.py, 0.13 and later), which the model
    builders call for ``weights=``. Being a member of such an enum is what makes a URL an endpoint
    fetched at run time, so a ``.pth`` URL in a docstring, a test table or a plain dict does not
    count. The base must be imported (``from torchvision.models._api import WeightsEnum``): a
    local class of that name is not torchvision's. The file holds one download, at its first
    member (torchvision's resnet.py has 16 members, which are one fetch mechanism); every other
    member's URL is a ``listed`` finding, an endpoint for the archive-wide statistics. The
    entries are not pinned, as ``get_state_dict`` does not check their hash.
    """
    found: list[Finding] = []
    for cls in ctx.weight_enums:
        if not any(_imported_weights_enum(base, ctx) for base in cls.bases):
            continue
        for statement in cls.body:
            if type(statement) is not ast.Assign or type(statement.value) is not ast.Call:
                continue
            call = statement.value
            if dotted(call.func).rsplit(".", 1)[-1] != "Weights":
                continue
            url = _fold(_argument(call, 0, "url"), ctx.constants)
            if url is not None and classify_url(url) == "model":
                found.append(Finding("url", "WeightsEnum", url, call.lineno, listed=bool(found)))
    return found


def _imported_weights_enum(base: ast.expr, ctx: _Context) -> bool:
    """``WeightsEnum`` from an import, or ``<imported module>.WeightsEnum``."""
    name = dotted(base)
    if name.rpartition(".")[2] != "WeightsEnum":
        return False
    head = name.split(".", 1)[0]
    return head in ctx.aliases or ("." in name and head in ctx.imports)


def _short(name: str) -> str:
    """The call as printed in notes: the last two dotted parts, without ``self``."""
    parts = [p for p in name.split(".") if p not in ("self", "cls")]
    return ".".join(parts[-2:]) if len(parts) > 1 else (parts[0] if parts else name)


def _bare_model_name(value: str) -> bool:
    """A root-level hub name like ``bert-base-uncased`` or ``gpt2``: no path separators, no
    extension, not a relative path."""
    return bool(value) and "/" not in value and "\\" not in value and "." not in value \
        and " " not in value and not value.startswith("~") and len(value) <= 96 \
        and any(c.isalpha() for c in value)


def _hub_family(name: str, ctx: _Context, arg: ast.AST) -> bool:
    """``X.from_pretrained(variable)`` counts when X is a transformers-style auto class and the
    variable is not named like a local path (``model_dir``, ``args.model_path``)."""
    receiver = name.split(".")
    family = any(p.startswith("Auto") or p in ("transformers", "diffusers",
                                                "sentence_transformers", "SentenceTransformer")
                 for p in receiver) or bool(ctx.imports & {"transformers", "diffusers",
                                                            "sentence_transformers"})
    if not family:
        return False
    if isinstance(arg, ast.Call):  # os.path.join(...), Path(...)
        return False
    text = dotted(arg).lower()
    return bool(text) and not any(word in text for word in PATHLIKE_WORDS)


def _pretrained_weights(weights: ast.AST | None, ctx: _Context) -> bool:
    """``weights="imagenet"``, ``weights="DEFAULT"``, ``weights=ResNet50_Weights.IMAGENET1K_V2``."""
    if weights is None:
        return False
    if isinstance(weights, ast.Constant):
        return isinstance(weights.value, str) and weights.value.lower() in (
            "imagenet", "default", "imagenet1k_v1", "imagenet1k_v2", "noisy-student")
    return "_Weights" in dotted(weights)


def _table_urls(call: ast.Call, ctx: _Context) -> list[str]:
    """URLs of a module-level table the call indexes: ``load_url(model_urls[arch])``."""
    for arg in [*call.args, *(kw.value for kw in call.keywords)]:
        if isinstance(arg, ast.Subscript):
            table = ctx.tables.get(dotted(arg.value), [])
            return [u for u in table if classify_url(u) is not None]
    return []
