"""Download manifests: configuration files that pair a model file name with a download URL and,
usually, a digest (digiKam ``dnnmodels.conf``: ``FileName=…onnx``, ``DownloadPath=``,
``SHA256=``; OpenCV dnn ``models.yml``: ``url:``, ``sha:``, ``filename:``).

Read as ``key=value`` / ``key: value`` lines grouped into records: a record ends at a section
header (``[name]``), a YAML list item (``- …``), a blank line, or a key seen twice. Whether the
file is shipped is for the check to decide (it has the index).
"""

from __future__ import annotations

import re

from mllint.downloads.finding import Finding
from mllint.downloads.patterns import URL_RE, classify_url, is_model_name

KEY_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*[=:]\s*(.*?)\s*$")
FILE_KEYS = re.compile(r"file(name)?|name|model|path$", re.IGNORECASE)
URL_KEYS = re.compile(r"url|download|link|location|source|mirror", re.IGNORECASE)
HASH_KEYS = re.compile(r"sha\d*|md5|hash|digest|checksum|sha", re.IGNORECASE)


def analyse(text: str) -> list[Finding]:
    """A finding for each model record, its line the URL's and its target the model file."""
    results: list[Finding] = []
    record: dict[str, tuple[str, int]] = {}

    def flush() -> None:
        if record:
            results.extend(_judge(record))
            record.clear()

    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("[") or stripped.startswith("- "):
            flush()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        match = KEY_VALUE.match(line)
        if match is None:
            continue
        key = match.group(1).lower()
        if key in record:
            flush()
        record[key] = (match.group(2).strip("'\""), number)
    flush()
    return results


def _judge(record: dict[str, tuple[str, int]]) -> list[Finding]:
    urls = [(v, n) for k, (v, n) in record.items() if URL_KEYS.search(k) and URL_RE.match(v)]
    # An absolute path is where a shipped model is read from, not what a download writes.
    files = [v for k, (v, _) in record.items()
             if FILE_KEYS.search(k) and not URL_RE.match(v) and not v.startswith("/")]
    pinned = any(HASH_KEYS.fullmatch(k) or HASH_KEYS.search(k) and len(v) >= 32
                 for k, (v, _) in record.items())
    if not urls:
        return []
    url, line = urls[0]
    name = next((f for f in files if is_model_name(f)), "")
    if not name and classify_url(url) != "model":
        return []
    if name and url.endswith("/"):
        url += name.rsplit("/", 1)[-1]
    return [Finding("manifest", "manifest", url, line, pinned,
                    target=name or url.rsplit("/", 1)[-1])]
