"""ELF executables and libraries: model URLs and hub-download entry points in their strings.

A bounded strings scan: at most :data:`MAX_SCAN` bytes of the sections that can hold string
literals and symbol names (not code, not debug info; the whole file when there is no section
table), read in chunks; only printable runs that start with a URL scheme or equal a known
entry-point symbol are kept. A chunk is searched with a regex only when the literal that the
regex needs (``://``, ``_model``, ``--hf-``, ``--model-url``) occurs in it: ``bytes.find`` runs
at memory speed, the regexes at ~25 MB/s, and a 47 MB binary is weights but for a few pages.

A URL only counts when the program can fetch it: it links a network library or imports a socket
resolver (:func:`can_fetch`). Stockfish prints "The default net can be downloaded from: <url>" and
links nothing but libc and libstdc++. Whether the URL sits inside prose cannot decide it: linkers
merge a string with the tail of a longer one (``SHF_MERGE``), so a fetched URL may be stored as
the end of a sentence. Entry points and hub flags name the fetching code itself and always count.
Whether a digest is checked cannot be seen from strings, so findings are marked pinned (no
``…-without-integrity-check`` claim is made on binaries).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from mllint.downloads.finding import Finding
from mllint.downloads.patterns import classify_url
from mllint.formats import elf

MAX_SCAN = 64 << 20  # bytes
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
# Each regex with literals one of which every match contains (the gate of a chunk).
SEARCHES = ((URL_BYTES, (b"://",)), (ENTRY_RE, (b"_model",)), (FLAG_RE, (b"--hf-", b"--model-url")))
# Sonames of libraries that fetch by URL: HTTP clients (curl, soup, Qt Network, GIO, whose GFile
# reads http(s) URIs through gvfs; KIO, wget, neon, serf, cpprest, cpr, Poco), TLS stacks (a
# program speaking HTTPS itself), git (a model repository cloned).
NETWORK_LIB = re.compile(
    r"lib(?:curl(?:-gnutls|-nss)?|soup-[23]\.\d|Qt[56]Network|gio-2\.0|giomm-2\.[46]"
    r"|KF[56]KIOCore|wget|neon(?:-gnutls)?|serf-1|cpprest|cpr|PocoNet|ssl|gnutls|git2"
    r"|webkit2gtk-4\.[01])\.so")
# libc functions a program that opens its own connections imports (a statically linked HTTP
# client such as Rust's reqwest or Boost.Asio still resolves names through libc).
SOCKET_IMPORTS = frozenset({"connect", "getaddrinfo", "gethostbyname", "gethostbyname_r",
                            "getaddrinfo_a"})
# A download tool named as a string of its own (NUL before and after): the program runs it
# (leela-zero's autogtp starts "curl" through QProcess and links no network library).
FETCH_TOOL = re.compile(rb"\0(?:/usr/bin/)?(?:curl|wget|wget2|aria2c)\0")


def analyse(path: Path, size: int) -> list[Finding]:
    """Model URLs (kind ``url``), fetching entry points and hub flags (kind ``hub``) in the
    string-bearing sections of an ELF file, at most :data:`MAX_SCAN` bytes of them. ``line`` is
    0: a binary has no lines. URLs are dropped when the file cannot fetch (:func:`can_fetch`)
    and names no download tool it could run (:data:`FETCH_TOOL`)."""
    seen: dict[str, Finding] = {}
    with path.open("rb") as f:
        parsed = _parse(f, size)
        regions = _regions(parsed, size)
        named = [(start, length, "") for start, length in regions]
        runs_tool = False
        for _offset, chunk, n, _section, _end in elf.chunks(f, named, MAX_SCAN, OVERLAP):
            _search(chunk, n, seen)
            runs_tool = runs_tool or FETCH_TOOL.search(chunk) is not None
        if any(f.kind == "url" for f in seen.values()) and not (runs_tool or can_fetch(parsed)):
            seen = {k: v for k, v in seen.items() if v.kind != "url"}
    return sorted(seen.values(), key=lambda f: (f.function, f.identifier))


def _parse(f: BinaryIO, size: int) -> elf.ElfFile | None:
    """The section table, or ``None`` when the file's tables cannot be read (then the whole
    file is scanned and the file is taken to be able to fetch: nothing is known)."""
    f.seek(0)
    if size < 64 or not elf.is_elf(f.read(16)):
        return None
    try:
        return elf.ElfFile(f, size)
    except elf.ElfError:
        return None


def _regions(parsed: elf.ElfFile | None, size: int) -> list[tuple[int, int]]:
    """``(offset, length)`` of the sections holding literals (.rodata, .data) and names
    (.dynstr, .strtab), in file order; the whole file without a section table."""
    if parsed is None or not parsed.sections:
        return [(0, size)]
    regions = [(s.offset, s.size) for s in parsed.data_sections()]
    regions += [(s.offset, s.size) for s in parsed.sections
                if s.type == elf.SHT_STRTAB and s.size and s.offset + s.size <= size
                and s.name != ".shstrtab"]
    return sorted(regions)


def _search(chunk: bytes, n: int, seen: dict[str, Finding]) -> None:
    """Add the findings of ``chunk`` that start in its first ``n`` bytes to ``seen``."""
    for regex, needles in SEARCHES:
        if not any(needle in chunk for needle in needles):
            continue
        for match in regex.finditer(chunk):
            if match.start() >= n:
                break  # the overlap: found whole in the next chunk
            if regex is URL_BYTES:
                url = match.group(0).decode("ascii").rstrip(".,;:\"')")
                if url not in seen and classify_url(url) == "model":
                    seen[url] = Finding("url", "elf-string", url, 0, pinned=True)
            elif regex is ENTRY_RE:
                name = match.group(1).decode("ascii")
                seen.setdefault(name, Finding("hub", name, "", 0, pinned=True))
            else:
                flag = match.group(1).decode("ascii")
                seen.setdefault(flag, Finding("hub", "elf-string", flag, 0, pinned=True))


def can_fetch(parsed: elf.ElfFile | None) -> bool:
    """Can the program behind ``parsed`` download: does it link a network library
    (:data:`NETWORK_LIB`, ``DT_NEEDED``) or import a resolver (:data:`SOCKET_IMPORTS`)? A file
    without a dynamic section (static, or no section table) may carry its own network code:
    ``True``. Libraries pulled in indirectly are not seen (a wrapper library that links curl)."""
    if parsed is None or not any(s.type == elf.SHT_DYNAMIC for s in parsed.sections):
        return True
    try:
        if any(NETWORK_LIB.match(name) for name in parsed.needed()):
            return True
        return bool(parsed.imports() & SOCKET_IMPORTS)
    except elf.ElfError:
        return True
