"""A scikit-learn style wrapper around a Hugging Face tokenizer, as python3-skorch ships one:
the model name comes from whoever builds the wrapper, so this library names no model."""

import os

from transformers import AutoTokenizer


class PretrainedTokenizer:
    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def fit(self, X=None):
        if isinstance(self.tokenizer, (str, os.PathLike)):
            self.fast_tokenizer_ = AutoTokenizer.from_pretrained(self.tokenizer)
        else:
            self.fast_tokenizer_ = self.tokenizer
        return self
