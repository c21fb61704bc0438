"""Java archives: model URLs in the string constants of classes that open network connections.

A compiled class keeps every string literal in its constant pool, which comes first in the class
file (JVM Specification SE 17, §4.1 and §4.4), so the pool is read and nothing after it.
A class counts when a constant is a model URL and the pool also names a network API
(``java.net.URL`` with ``openStream``/``openConnection``, the ``java.net.http`` client, OkHttp,
Apache HttpClient): the class is the unit, as a line window is in source (libapache-opennlp-java
2.1.0: ``opennlp.tools.util.DownloadUtil`` holds 13 ``dlcdn.apache.org/opennlp/models/…bin``
URLs and fetches them with ``URL.openStream``). One finding per class, naming its first model
URL. A reference to ``java.security.MessageDigest`` in the same class counts as a digest check.

The archive is read with :mod:`zipfile`: a jar is a plain zip that the JVM itself reads strictly,
so there is no lenient reader to match (unlike PyTorch zips, :mod:`mllint.formats.zipfmt`).
The constant pool is parsed by hand: the class-file libraries on PyPI (``jawa``, ``javatools``)
parse whole classes and are no longer maintained, and the pool is one loop of tagged records.
Costs are capped per archive (:data:`MAX_CLASSES` members, :data:`MAX_CLASS_SIZE` bytes each,
:data:`MAX_SCAN` bytes inflated in all); a damaged archive or class gives no finding.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from mllint.downloads.finding import Finding
from mllint.downloads.patterns import URL_RE, classify_url
from mllint.formats.base import CorruptModelError

MAX_CLASSES = 20_000  # class members looked at in one archive
MAX_CLASS_SIZE = 1 << 20  # bytes of one class (the largest class of the JDK is ~400 KiB)
MAX_SCAN = 32 << 20  # bytes inflated from one archive
CLASS_MAGIC = b"\xca\xfe\xba\xbe"
# Constant-pool tags and the size of their fixed part after the tag byte (§4.4, Table 4.4-B).
# Utf8 (1) has a u2 length and that many bytes; Long (5) and Double (6) take two slots (§4.4.5).
FIXED_SIZES = {3: 4, 4: 4, 5: 8, 6: 8, 7: 2, 8: 2, 9: 4, 10: 4, 11: 4, 12: 4, 15: 3, 16: 2,
               17: 4, 18: 4, 19: 2, 20: 2}
UTF8 = 1
# Internal names in a pool that say "this class opens a network connection".
NETWORK_CLASSES = (b"java/net/http/HttpClient", b"java/net/HttpURLConnection",
                   b"java/net/URLConnection", b"okhttp3/", b"org/apache/http/",
                   b"org/apache/hc/")
URL_OPENERS = (b"openStream", b"openConnection")
DIGEST = b"java/security/MessageDigest"
BAD_ARCHIVE = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error,
               NotImplementedError, RuntimeError, ValueError)


def analyse(path: Path) -> list[Finding]:
    """Model URLs of classes that use a network API, one finding per class (kind ``url``,
    ``function`` the class name in dotted form, ``line`` 0)."""
    findings: list[Finding] = []
    budget = MAX_SCAN
    try:
        with zipfile.ZipFile(path) as archive:
            classes = [i for i in archive.infolist() if i.filename.endswith(".class")
                       and 0 < i.file_size <= MAX_CLASS_SIZE]
            for info in classes[:MAX_CLASSES]:
                if info.file_size > budget:
                    break
                with archive.open(info) as member:
                    data = member.read(MAX_CLASS_SIZE)  # the declared size may lie
                budget -= len(data)
                if b"://" not in data:  # no URL in the pool: most classes
                    continue
                try:
                    finding = _class_finding(info.filename, data)
                except CorruptModelError:
                    continue
                if finding is not None:
                    findings.append(finding)
    except BAD_ARCHIVE:
        return findings
    return findings


def _class_finding(name: str, data: bytes) -> Finding | None:
    strings = constant_strings(data)
    network = any(s.startswith(NETWORK_CLASSES) for s in strings) or (
        b"java/net/URL" in strings and any(s in URL_OPENERS for s in strings))
    if not network:
        return None
    for value in strings:
        match = URL_RE.match(value.decode("utf-8", "replace"))
        if match is not None and match.end() == len(value) \
                and classify_url(match.group(0)) == "model":
            return Finding("url", name[:-len(".class")].replace("/", "."), match.group(0), 0,
                           pinned=DIGEST in strings)
    return None


def constant_strings(data: bytes) -> list[bytes]:
    """The CONSTANT_Utf8 entries of a class file's constant pool, raw (modified UTF-8, §4.4.7:
    ASCII is unchanged, which is all a URL or a class name needs)."""
    if len(data) < 10 or not data.startswith(CLASS_MAGIC):
        raise CorruptModelError("not a class file")
    (count,) = struct.unpack_from(">H", data, 8)
    offset, slot, strings = 10, 1, []
    while slot < count:  # entries are numbered 1 .. count-1 (§4.1)
        if offset >= len(data):
            raise CorruptModelError("constant pool runs past the end of the class")
        tag = data[offset]
        if tag == UTF8:
            if offset + 3 > len(data):
                raise CorruptModelError("truncated Utf8 constant")
            (length,) = struct.unpack_from(">H", data, offset + 1)
            end = offset + 3 + length
            if end > len(data):
                raise CorruptModelError("Utf8 constant runs past the end of the class")
            strings.append(data[offset + 3:end])
            offset = end
        elif tag in FIXED_SIZES:
            offset += 1 + FIXED_SIZES[tag]
            slot += 1 if tag in (5, 6) else 0
        else:
            raise CorruptModelError(f"unknown constant-pool tag {tag}")
        slot += 1
    return strings
