"""URL and name classification."""

from __future__ import annotations

import pytest

from mllint.downloads.patterns import classify_url, is_hub_id, is_model_name


@pytest.mark.parametrize("url,expected", [
    ("https://huggingface.co/org/name/resolve/main/model.safetensors", "model"),
    ("https://huggingface.co/datasets/org/name/resolve/main/train.csv", "dataset"),
    ("https://download.pytorch.org/models/resnet18-f37072fd.pth", "model"),
    ("https://e.org/files/ggml-base.en.bin", "model"),
    ("https://download.fcitx-im.org/data/lm_sc.arpa-20220810.tar.xz", "model"),
    ("https://download.fcitx-im.org/data/dict-20220810.tar.xz", "dataset"),
    ("https://archive.ics.uci.edu/ml/machine-learning-databases/adult/adult.data", "dataset"),
    ("https://www.random.org/integers/?num=10", None),
    ("https://database.clamav.net/daily.cvd", None),
    ("https://e.org/release/foo-1.0.tar.gz", None),
    ("https://huggingface.co/docs/transformers/index", None),
    ("https://e.org/results/table.pkl", None),
    ("https://zero.sjeng.org/", "model"),
    ("https://zero.sjeng.org/networks/0a1b2c.gz", "model"),
    ("https://zero.sjeng.org/home", None),
])
def test_classify_url(url: str, expected: str | None) -> None:
    assert classify_url(url) == expected


def test_hub_ids_are_not_relative_paths() -> None:
    assert is_hub_id("openai/whisper-base")
    assert not is_hub_id("models/encoder.onnx")
    assert not is_hub_id("./a/b")
    assert not is_hub_id("https://e.org/x")


def test_ambiguous_extension_needs_a_model_word() -> None:
    assert is_model_name("weights.bin")
    assert not is_model_name("firmware.bin")
    assert is_model_name("net.onnx")
