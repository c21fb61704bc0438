"""Legacy GGML files that predate GGUF (2023): a u32 LE magic, maybe a version, then hparams.

Magics (llama.cpp ``llama.h`` before GGUF, ``convert-lora-to-ggml.py``): ``ggml`` 0x67676d6c
(unversioned; also whisper.cpp and the ggml examples), ``ggmf`` 0x67676d66 and ``ggjt`` 0x67676a74
(llama, then a u32 version), ``ggla`` 0x67676c61 (a LoRA adapter: version, rank, alpha). What
follows the hparams (vocabulary, tensors) differs per model family, so only the hparams are read.
"""

from __future__ import annotations

import struct
from pathlib import Path

from mllint.formats.base import CorruptModelError, Format, ModelInfo

# on-disk bytes of each u32 LE magic -> (name, has a version word)
MAGICS = {b"lmgg": ("ggml", False), b"fmgg": ("ggmf", True), b"tjgg": ("ggjt", True),
          b"algg": ("ggla", True)}
# llama.cpp's hparams in ggmf/ggjt files; other families write other fields, so "ggml" stays unnamed
LLAMA_HPARAMS = ("n_vocab", "n_embd", "n_mult", "n_head", "n_layer", "n_rot", "ftype")
LORA_HPARAMS = ("r", "lora_alpha")
MAX_HPARAMS = 12  # i32 words kept for unversioned files (whisper.cpp writes 11)


def sniff(head: bytes, size: int, name: str) -> bool:
    return head[:4] in MAGICS and size >= 32


def read(path: Path, head: bytes, size: int) -> ModelInfo:
    kind, versioned = MAGICS[head[:4]]
    pos = 4
    extra: dict[str, object] = {"magic": kind}
    if versioned:
        if len(head) < 8:
            raise CorruptModelError(f"{kind} file is shorter than its version word")
        (extra["version"],) = struct.unpack_from("<I", head, 4)
        pos = 8
    names = {"ggml": (), "ggla": LORA_HPARAMS}.get(kind, LLAMA_HPARAMS)
    want = len(names) or MAX_HPARAMS
    available = (min(len(head), size) - pos) // 4
    if names and available < want:
        raise CorruptModelError(f"{kind} file is shorter than its hparams")
    values = list(struct.unpack_from(f"<{min(want, available)}i", head, pos))
    extra["hparams"] = dict(zip(names, values)) if names else values
    return ModelInfo(format="ggml", extra=extra)


FORMATS = (Format("ggml", sniff, read, extensions=(".bin", ".ggml"), lead=bytes({m[0] for m in MAGICS})),)
