"""Fetch helpers. See https://huggingface.co/org/model/resolve/main/model.onnx"""
import json
import urllib.request

import requests
import whisper  # Graphite's time-series database, not OpenAI's speech model
from datasets import load_dataset
from sklearn.datasets import fetch_openml
from transformers import AutoModel

RANDOM = "https://www.random.org/integers/?num=10&min=1&max=6&col=1&base=10&format=plain"
IERS = "https://datacenter.iers.org/data/9/finals2000A.all"


def dice():
    return requests.get(RANDOM).text


def spam_rules():
    return requests.get("https://spamassassin.apache.org/updates/MIRRORED.BY").text


def signatures():
    urllib.request.urlretrieve("https://database.clamav.net/daily.cvd", "daily.cvd")


def reference_data():
    return urllib.request.urlopen(IERS).read()


def data():
    # urlretrieve("https://example.org/models/commented.onnx")
    return load_dataset("imdb"), fetch_openml("mnist_784")


def update_check():
    return json.loads(requests.get("https://example.org/api/latest-version.json").text)


def local(args):
    return AutoModel.from_pretrained(args.model_path)


def archive(path):
    return whisper.fetch(path, 0)
