"""Python analyser: hub and framework calls from ast, with their look-alikes."""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mllint.downloads import python
from mllint.downloads.patterns import URL_RE, classify_url, url_matches


def found(source: str) -> list[tuple[str, str, str, int]]:
    return sorted((f.kind, f.function, f.identifier, f.line)
                  for f in python.analyse(textwrap.dedent(source)))


def test_hf_hub_download_with_constant_repo() -> None:
    assert found("""
        from huggingface_hub import hf_hub_download
        REPO = "openai/whisper-base"
        hf_hub_download(REPO, "model.bin")
    """) == [("hub", "hf_hub_download", "openai/whisper-base", 4)]


def test_comment_and_docstring_do_not_count() -> None:
    assert found('''
        """Example: hf_hub_download("a/b") https://huggingface.co/a/b/resolve/main/m.onnx"""
        # hf_hub_download("c/d")
        x = "hf_hub_download('e/f')"
    ''') == []


def test_revision_commit_pins_and_branch_does_not() -> None:
    source = """
        from huggingface_hub import snapshot_download
        PIN = "0123456789abcdef0123456789abcdef01234567"
        snapshot_download("o/a", revision=PIN)
        snapshot_download("o/b", revision="main")
    """
    pins = {f.identifier: f.pinned for f in python.analyse(textwrap.dedent(source))}
    assert pins == {"o/a": True, "o/b": False}


def test_hashlib_in_the_same_function_pins() -> None:
    source = """
        import hashlib, urllib.request
        def get():
            urllib.request.urlretrieve("https://e.org/w/model.onnx", "m.onnx")
            return hashlib.sha256(open("m.onnx", "rb").read()).hexdigest()
        def other():
            urllib.request.urlretrieve("https://e.org/w/other.onnx", "o.onnx")
    """
    pins = {f.identifier: f.pinned for f in python.analyse(textwrap.dedent(source))}
    assert pins == {"https://e.org/w/model.onnx": True, "https://e.org/w/other.onnx": False}


def test_trust_remote_code_is_flagged() -> None:
    (finding,) = python.analyse(textwrap.dedent("""
        from transformers import AutoModel
        AutoModel.from_pretrained("org/remote", trust_remote_code=True)
    """))
    assert finding.remote_code and finding.identifier == "org/remote"


def test_from_pretrained_needs_a_literal_model_name() -> None:
    # skorch's tokenizer wrapper passes whatever its caller chose: the library names no model
    # (a false alarm found on python3-skorch). Constants still fold into a name.
    assert found("""
        import transformers
        NAME = "org/tok"
        def fit(self):
            transformers.AutoTokenizer.from_pretrained(self.tokenizer)
            transformers.AutoModel.from_pretrained(args.model_path)
            transformers.AutoModel.from_pretrained(os.path.join(d, "m"))
            transformers.AutoModel.from_pretrained("./local_dir")
            transformers.AutoTokenizer.from_pretrained(NAME)
    """) == [("hub", "AutoTokenizer.from_pretrained", "org/tok", 9)]


def test_pipeline_without_model_uses_the_default_model() -> None:
    assert found("""
        from transformers import pipeline
        pipeline("sentiment-analysis")
        pipeline("ner", model="dslim/bert-base-NER")
        pipeline("ner", model=local_path)
    """) == [("hub", "pipeline", "default-model-for-sentiment-analysis", 3),
             ("hub", "pipeline", "dslim/bert-base-NER", 4)]


def test_torch_hub_and_model_url_table() -> None:
    assert found("""
        import torch
        model_urls = {"r18": "https://download.pytorch.org/models/resnet18-f37072fd.pth"}
        torch.hub.load_state_dict_from_url(model_urls["r18"], check_hash=True)
        torch.hub.load("pytorch/vision", "resnet50")
        torch.hub.load("./repo", "m", source="local")
    """) == [("hub", "hub.load", "pytorch/vision:resnet50", 5),
             ("url", "hub.load_state_dict_from_url",
              "https://download.pytorch.org/models/resnet18-f37072fd.pth", 4)]


def test_pretrained_weights_need_a_vision_library_import() -> None:
    assert found("""
        import torchvision
        torchvision.models.resnet50(weights="IMAGENET1K_V2")
        torchvision.models.resnet50(weights=None)
    """) == [("hub", "models.resnet50", "resnet50", 3)]
    assert found("""
        from mylib import build
        build(pretrained=True)
    """) == []


def test_whisper_token_needs_the_whisper_import() -> None:
    assert found("""
        import whisper
        whisper.load_model("base")
    """) == [("hub", "whisper.load_model", "base", 3)]
    # Debian's python3-whisper is Graphite's time-series library: no load_model, no hit.
    assert found("""
        import whisper
        whisper.fetch("/var/lib/graphite/x.wsp", 0)
    """) == []


def test_nltk_models_and_corpora() -> None:
    assert found("""
        import nltk
        nltk.download("punkt")
        nltk.download("stopwords")
    """) == [("dataset", "nltk.download", "stopwords", 4), ("hub", "nltk.download", "punkt", 3)]


def test_generic_http_needs_a_model_url() -> None:
    assert found("""
        import requests
        requests.get("https://www.random.org/integers/?num=1")
        requests.get("https://spamassassin.apache.org/updates/MIRRORED.BY")
        requests.get("https://example.org/api/version.json")
        requests.get("https://huggingface.co/org/m/resolve/main/model.safetensors")
    """) == [("url", "requests.get", "https://huggingface.co/org/m/resolve/main/model.safetensors", 6)]


def test_dataset_fetches_are_kind_dataset() -> None:
    assert found("""
        from datasets import load_dataset
        from sklearn.datasets import fetch_openml
        import pooch
        load_dataset("imdb")
        fetch_openml("mnist_784")
        pooch.create(base_url="https://github.com/scipy/dataset-{key}/raw/main/", path=".")
    """) == [("dataset", "fetch_openml", "mnist_784", 6),
             ("dataset", "load_dataset", "imdb", 5),
             ("dataset", "pooch.create", "https://github.com/scipy/dataset-{key}/raw/main/", 7)]


def test_offline_guards_are_kept_as_mitigations() -> None:
    findings = python.analyse(textwrap.dedent("""
        from huggingface_hub import hf_hub_download
        hf_hub_download("o/a", "f", local_files_only=True)
    """))
    assert [f.guard for f in findings] == ["local_files_only"]
    findings = python.analyse(textwrap.dedent("""
        import os
        from transformers import AutoModel
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        AutoModel.from_pretrained("o/b")
    """))
    assert [f.guard for f in findings] == ["HF_HUB_OFFLINE"]


def test_python2_source_gives_nothing() -> None:
    assert python.analyse('print "hello"\n') == []


def test_keras_tf_hub_and_gensim() -> None:
    assert found("""
        import tensorflow as tf
        import tensorflow_hub as hub
        import gensim.downloader as api
        tf.keras.applications.ResNet50(weights="imagenet")
        tf.keras.utils.get_file("m.h5", "https://storage.googleapis.com/x/models/m_weights.h5")
        tf.keras.utils.get_file("d.csv", "https://storage.googleapis.com/x/data/train.csv")
        hub.KerasLayer("https://tfhub.dev/google/imagenet/mobilenet_v2_100_224/classification/5")
        api.load("glove-wiki-gigaword-100")
        api.load("text8")
    """) == [("dataset", "api.load", "text8", 10),
             ("dataset", "utils.get_file", "https://storage.googleapis.com/x/data/train.csv", 7),
             ("hub", "api.load", "glove-wiki-gigaword-100", 9),
             ("hub", "applications.ResNet50", "ResNet50", 5),
             ("hub", "hub.KerasLayer",
              "https://tfhub.dev/google/imagenet/mobilenet_v2_100_224/classification/5", 8),
             ("url", "utils.get_file", "https://storage.googleapis.com/x/models/m_weights.h5", 6)]


@pytest.mark.parametrize("source", [
    "# See https://github.com/pytorch/pytorch/issues/1\nx = torch.clip(y, 0, 1)\n",
    "weights = layer.weights\nclip_grad_norm_(params, 1.0)\n",
    "from .pipeline import Pipeline\nreader = csv.reader(f)\n",
])
def test_look_alike_words_are_not_parsed(source: str) -> None:
    # pytorch: "github", torch.clip and weight assignments once sent 420 files to ast.parse.
    assert not python._worth_parsing(source)


@pytest.mark.parametrize("source", [
    "import torch\nm = torch.hub.load('pytorch/vision', 'resnet18')\n",
    "import tensorflow_hub as hub\nlayer = hub.KerasLayer(URL)\n",
    "import clip\nmodel, pre = clip.load('ViT-B/32')\n",
    "from transformers import pipeline\np = pipeline('sentiment-analysis')\n",
    "import easyocr\nr = easyocr.Reader(['en'])\n",
    "from keras.applications import ResNet50\nm = ResNet50(weights = 'imagenet')\n",
    "import torchvision\nm = torchvision.models.resnet18(weights=ResNet18_Weights.DEFAULT)\n",
])
def test_every_trigger_still_reaches_a_finding(source: str) -> None:
    assert python._worth_parsing(source)
    assert python.analyse(source), source


WEIGHT_ENUMS = textwrap.dedent("""
    from functools import partial
    from torchvision.models._api import Weights, WeightsEnum
    from torchvision.transforms._presets import ImageClassification

    _META = {"categories": None}
    BASE = "https://download.pytorch.org/models"


    class ResNet50_Weights(WeightsEnum):
        IMAGENET1K_V1 = Weights(
            url=f"{BASE}/resnet50-0676ba61.pth",
            transforms=partial(ImageClassification, crop_size=224),
            meta={**_META, "num_params": 25557032},
        )
        IMAGENET1K_V2 = Weights(url=f"{BASE}/resnet50-11ad3fa6.pth", transforms=None, meta=_META)
        DEFAULT = IMAGENET1K_V2


    class ResNet18_QuantizedWeights(WeightsEnum):
        FBGEMM_V1 = Weights("https://example.org/models/quantized/r18_fbgemm.pth", None, {})
""")


def test_weight_enum_members_are_one_download_and_one_endpoint_each() -> None:
    """python3-torchvision: the URLs are fetched by WeightsEnum.get_state_dict in _api.py, far
    from here; the 16 members of resnet.py are one download (the first) and 16 endpoints."""
    found = python.analyse(WEIGHT_ENUMS)
    assert [(f.kind, f.function, f.identifier, f.line, f.pinned, f.listed) for f in found] == [
        ("url", "WeightsEnum", "https://download.pytorch.org/models/resnet50-0676ba61.pth", 11,
         False, False),
        ("url", "WeightsEnum", "https://download.pytorch.org/models/resnet50-11ad3fa6.pth", 16,
         False, True),
        ("url", "WeightsEnum", "https://example.org/models/quantized/r18_fbgemm.pth", 21,
         False, True),
    ]


@pytest.mark.parametrize("old,new", [
    # A class of that name defined here is not torchvision's.
    ("from torchvision.models._api import Weights, WeightsEnum",
     "from enum import Enum\nclass WeightsEnum(Enum): pass\nclass Weights: pass"),
    # Not deriving from WeightsEnum: a plain registry of URLs.
    ("(WeightsEnum):", "(Registry):"),
    # A class whose base only ends like it.
    ("(WeightsEnum):", "(MyWeightsEnum):"),
    # Members that are not Weights(...) entries.
    ("= Weights(", "= dict("),
    # URLs that are no model endpoints (a documentation page per member).
    ('.pth"', '.html"'),
])
def test_weight_enum_look_alikes(old: str, new: str) -> None:
    assert old in WEIGHT_ENUMS
    assert python.analyse(WEIGHT_ENUMS.replace(old, new)) == []


def test_pth_urls_outside_a_weight_enum_do_not_count() -> None:
    """A docstring, a test table and a dict that is never fetched: only a fetch or an enum
    member makes a .pth URL a download."""
    assert found('''
        """Weights: https://download.pytorch.org/models/resnet50-0676ba61.pth"""
        import torch
        EXPECTED = {"resnet50": "https://download.pytorch.org/models/resnet50-0676ba61.pth"}
        URLS = ["https://download.pytorch.org/models/vgg16-397923af.pth"]
        def check(name):
            assert EXPECTED[name].endswith(".pth")
    ''') == []


def test_weight_enum_through_a_module_attribute() -> None:
    assert [f.identifier for f in python.analyse(textwrap.dedent("""
        import torchvision.models._api as api
        class Net_Weights(api.WeightsEnum):
            V1 = api.Weights(url="https://hf.co/org/net/resolve/main/net.pth", transforms=None,
                             meta={})
    """))] == ["https://hf.co/org/net/resolve/main/net.pth"]


def test_keras_get_file_on_a_module_bound_at_run_time() -> None:
    """keras-applications: ``keras_utils`` is a global that get_submodules_from_kwargs fills."""
    assert found("""
        keras_utils = None
        WEIGHTS_PATH = ('https://github.com/o/deep-learning-models/'
                        'releases/download/v0.5/inception_v3_weights_tf_kernels.h5')
        def InceptionV3(weights='imagenet'):
            path = keras_utils.get_file('inception_v3.h5', WEIGHTS_PATH, cache_subdir='models')
            labels = data_utils.get_file('index.json', 'https://example.org/data/index.json')
            other = cache.get_file('x.h5', WEIGHTS_PATH)
    """) == [("dataset", "data_utils.get_file", "https://example.org/data/index.json", 7),
             ("url", "cache.get_file",
              "https://github.com/o/deep-learning-models/releases/download/v0.5/"
              "inception_v3_weights_tf_kernels.h5", 8),
             ("url", "keras_utils.get_file",
              "https://github.com/o/deep-learning-models/releases/download/v0.5/"
              "inception_v3_weights_tf_kernels.h5", 6)]


def test_common_words_do_not_make_a_file_worth_parsing() -> None:
    """numpy: np.clip, GitHub links in docstrings and sklearn's make_pipeline are no triggers."""
    assert not python._worth_parsing(textwrap.dedent('''
        """See https://github.com/numpy/numpy/issues/1 for the pipeline of csv.Reader."""
        import numpy as np
        from sklearn.pipeline import make_pipeline
        y = np.clip(x, 0, 1)
    '''))
    for trigger in ("import clip\n", "import os, clip\n", "from clip import load\n",
                    "from transformers import pipeline\n", "easyocr.Reader(['en'])\n",
                    "torch.hub.load('o/r', 'm')\n", "hf_hub_download('o/r', 'f')\n"):
        assert python._worth_parsing(trigger), trigger


FRAGMENTS = ["download", "hub", "github", "pretrained", "YOLO", "import os, clip", "clip", "import clip", "from clip", "weights = '",
             "weights=\"", "_Weights", "https://", "http://", "hf://", "://", "s3://b/model.onnx",
             "huggingface.co/o/m/resolve/main/model.safetensors", "x", " ", "\n", "torch", "nltk",
             "pipeline", "transformers", "gensim", ".pt", "/", "ftp://", "\"", "'", "WeightsEnum"]


# The trigger rule as one regex, as it was written before it was split for speed.
TRIGGERS = re.compile(
    r"download|pretrained|(?<!git)hub|load_model|transformers|get_file|urlopen|urlretrieve"
    r"|fetch_|load_dataset|load_data|SentenceTransformer|CrossEncoder|YOLO|easyocr|PaddleOCR"
    r"|FaceAnalysis|import[^\n]*\bclip\b|from\s+clip\b|load_url|get_model|KerasLayer"
    r"|weights\s*=\s*[\"']|_Weights|pooch|trust_remote_code|from_single_file|from_preset|tfds"
    r"|nltk|gensim|WeightsEnum")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_fast_prefilter_agrees_with_the_plain_regexes(text: str) -> None:
    # Split triggers and url_matches only skip work: the answer is the plain regexes' own.
    plain = bool(TRIGGERS.search(text)) or any(
        classify_url(m.group(0)) for m in URL_RE.finditer(text))
    assert python._worth_parsing(text) == plain
    assert [m.span() for m in url_matches(text)] == [m.span() for m in URL_RE.finditer(text)]


@pytest.mark.parametrize("word", python.TRIGGER_WORDS)
@pytest.mark.parametrize("padding", [0, python.SHORT_TEXT])
def test_every_trigger_word_triggers_in_short_and_long_texts(word: str, padding: int) -> None:
    """Short texts are tested with one regex, long ones with substring scans: same answer."""
    text = "# " + "x" * padding + "\n" + f"value = {word}\n"
    assert python._worth_parsing(text)
    assert not python._worth_parsing(text.replace(word, "nothing"))
