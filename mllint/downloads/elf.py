"""ELF executables and libraries: model URLs and hub-download entry points in their strings.

A bounded strings scan: at most :data:`MAX_SCAN` bytes are read, in chunks, and only printable
runs that start with a URL scheme or equal a known entry-point symbol are kept. This is what
``strings(1)`` would show; sections are not parsed because URL literals sit in ``.rodata`` and
symbol names in ``.dynstr``, and both are inside the scanned prefix of any real binary.
Whether a digest is checked cannot be seen from strings, so findings are marked pinned
(no ``…-without-integrity-check`` claim is made on binaries).
"""

from __future__ import annotations

import re
from pathlib import Path

from mllint.downloads.finding import Finding
from mllint.downloads.patterns import classify_url

MAX_SCAN = 64 << 20  # bytes
CHUNK = 1 << 20
OVERLAP = 1024  # a URL split across two chunks is seen whole in the overlap
URL_BYTES = re.compile(rb"(?:https?|hf)://[\x21-\x7e]{4,1000}")
# Functions that fetch a model by URL or hub id (llama.cpp; model-formats.md §7 "C/C++").
ENTRY_POINTS = (b"llama_load_model_from_url", b"llama_model_load_from_url",
                b"common_load_model_from_hf", b"common_download_model")
ENTRY_RE = re.compile(rb"(?<![\w])(" + b"|".join(ENTRY_POINTS) + rb")(?![\w])")
# Command-line flags that make a program fetch a model from a hub (llama.cpp and its forks).
# They sit in the help text, which in a binary cannot be told from the option table.
HUB_FLAGS = (b"--hf-repo", b"--hf-file", b"--model-url")
FLAG_RE = re.compile(rb"(?<![\w-])(" + b"|".join(HUB_FLAGS) + rb")(?![\w-])")


def analyse(path: Path, size: int) -> list[Finding]:
    """Model URLs (kind ``url``), fetching entry points and hub flags (kind ``hub``) in an ELF file's first
    :data:`MAX_SCAN` bytes. ``line`` is 0: a binary has no lines."""
    seen: dict[str, Finding] = {}
    limit = min(size, MAX_SCAN)
    offset = 0
    with path.open("rb") as f:
        while offset < limit:
            f.seek(max(0, offset - OVERLAP))
            chunk = f.read(min(CHUNK + OVERLAP, limit - max(0, offset - OVERLAP)))
            if not chunk:
                break
            for match in URL_BYTES.finditer(chunk):
                url = match.group(0).decode("ascii").rstrip(".,;:\"')")
                if url not in seen and classify_url(url) == "model":
                    seen[url] = Finding("url", "elf-string", url, 0, pinned=True)
            for match in ENTRY_RE.finditer(chunk):
                name = match.group(1).decode("ascii")
                seen.setdefault(name, Finding("hub", name, "", 0, pinned=True))
            for match in FLAG_RE.finditer(chunk):
                flag = match.group(1).decode("ascii")
                seen.setdefault(flag, Finding("hub", "elf-string", flag, 0, pinned=True))
            offset += CHUNK
    return sorted(seen.values(), key=lambda f: (f.function, f.identifier))
