"""Speech recognition models. Example: hf_hub_download("doc/example")"""
import os
from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoModel, pipeline

REPO = "openai/whisper-base"
PINNED = "0123456789abcdef0123456789abcdef01234567"


def load():
    # hf_hub_download("comment/ignored")
    path = hf_hub_download(REPO, "model.safetensors")
    tokenizer_dir = snapshot_download("openai/whisper-tiny", revision=PINNED)
    return path, tokenizer_dir


def classifier():
    return pipeline("sentiment-analysis")


def remote():
    return AutoModel.from_pretrained("example/custom-arch", trust_remote_code=True)


def offline():
    return AutoModel.from_pretrained("example/offline-model", local_files_only=True)
