"""Fetch the tokenizer the first time it is needed."""
from huggingface_hub import hf_hub_download


def tokenizer_path() -> str:
    return hf_hub_download(repo_id="example-org/fetcher-tokenizer", filename="tokenizer.json")
