"""Jars: model URLs in class constant pools next to a network API, read within caps."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from mllint.downloads import jar
from mllint.formats.base import CorruptModelError
from testdata.fixtures._jvm import class_file, jar_bytes, utf8

MODEL = "https://dlcdn.apache.org/opennlp/models/ud-models-1.0/opennlp-en-ud-ewt-pos-1.0-1.9.3.bin"
URL_API = {"classes": ["java/net/URL"], "names": ["openStream"]}


def scan(tmp_path: Path, members: dict[str, bytes]) -> list[tuple[str, str, bool]]:
    path = tmp_path / "a.jar"
    path.write_bytes(jar_bytes(members))
    return [(f.function, f.identifier, f.pinned) for f in jar.analyse(path)]


def test_opennlp_style_downloader(tmp_path: Path) -> None:
    """libapache-opennlp-java 2.1.0: DownloadUtil holds the URLs and calls URL.openStream."""
    assert scan(tmp_path, {
        "opennlp/tools/util/DownloadUtil.class": class_file(
            "opennlp/tools/util/DownloadUtil", strings=["https://dlcdn.apache.org/opennlp/",
                                                        MODEL, MODEL.replace("pos", "tokens")],
            **URL_API),
    }) == [("opennlp.tools.util.DownloadUtil", MODEL, False)]


@pytest.mark.parametrize("classes,names", [
    (["java/net/http/HttpClient"], []),
    (["okhttp3/OkHttpClient"], []),
    (["java/net/URL"], ["openConnection"]),
])
def test_each_network_api(tmp_path: Path, classes: list[str], names: list[str]) -> None:
    assert len(scan(tmp_path, {"A.class": class_file("A", [MODEL], classes, names)})) == 1


def test_message_digest_pins(tmp_path: Path) -> None:
    (found,) = scan(tmp_path, {"A.class": class_file(
        "A", [MODEL], ["java/net/URL", "java/security/MessageDigest"], ["openStream"])})
    assert found[2] is True


@pytest.mark.parametrize("members", [
    # A catalogue: a model URL, no network API.
    {"Catalogue.class": class_file("Catalogue", [MODEL])},
    # java.net.URL without opening it (parsing a link).
    {"Link.class": class_file("Link", [MODEL], ["java/net/URL"], ["getHost"])},
    # An update check: network API, no model URL.
    {"Update.class": class_file("Update", ["https://example.org/app/version.json"], **URL_API)},
    # A help text that contains the URL.
    {"Help.class": class_file("Help", [f"Models: {MODEL}"], **URL_API)},
    # The URL is in a resource, not in a class.
    {"models.properties": f"pos={MODEL}\n".encode(), "Get.class": class_file("Get", **URL_API)},
], ids=["catalogue", "url-not-opened", "update-check", "help-text", "resource"])
def test_look_alikes(tmp_path: Path, members: dict[str, bytes]) -> None:
    assert scan(tmp_path, members) == []


def test_long_constants_take_two_slots() -> None:
    strings = jar.constant_strings(class_file("A", [MODEL], long_constant=True))
    assert MODEL.encode() in strings and b"java/lang/Object" in strings


@pytest.mark.parametrize("data,reason", [
    (b"\xca\xfe\xba\xbe\0\0\0\x3d\x00\x05" + utf8("A"), "runs past the end"),
    (b"\xca\xfe\xba\xbe\0\0\0\x3d\x00\x02\x01\xff\xff abc", "Utf8 constant runs past"),
    (b"\xca\xfe\xba\xbe\0\0\0\x3d\x00\x02\x02\0\0\0\0", "unknown constant-pool tag 2"),
    (b"\xca\xfe\xba\xbe\0\0\0\x3d\x00\x02\x01\x00", "truncated Utf8"),
    (b"PK\x03\x04 not a class", "not a class file"),
])
def test_hostile_constant_pools(data: bytes, reason: str) -> None:
    with pytest.raises(CorruptModelError, match=reason):
        jar.constant_strings(data)


def test_a_broken_class_does_not_hide_the_others(tmp_path: Path) -> None:
    broken = b"\xca\xfe\xba\xbe\0\0\0\x3d\xff\xff\x01\x00\x30" + f"://{MODEL}".encode()
    assert scan(tmp_path, {"Bad.class": broken,
                           "Good.class": class_file("Good", [MODEL], **URL_API)}) == [
        ("Good", MODEL, False)]


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04" + b"\0" * 40, b"PK\x05\x06" + b"\xff" * 18])
def test_damaged_archives_give_nothing(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.jar"
    path.write_bytes(data)
    assert jar.analyse(path) == []


def test_a_lying_size_is_not_believed(tmp_path: Path) -> None:
    """The central directory says 10 bytes; the member inflates to much more. The read stops at
    the declared size (or zipfile rejects the CRC): no finding, no error."""
    data = bytearray(jar_bytes({"A.class": class_file("A", [MODEL], **URL_API)}))
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 10)  # uncompressed size
    path = tmp_path / "lie.jar"
    path.write_bytes(bytes(data))
    assert jar.analyse(path) == []


def test_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = class_file("Good", [MODEL], **URL_API)
    members = {"A.class": good, "B.class": good}
    monkeypatch.setattr(jar, "MAX_CLASS_SIZE", len(good) - 1)
    assert scan(tmp_path, members) == []
    monkeypatch.setattr(jar, "MAX_CLASS_SIZE", 1 << 20)
    monkeypatch.setattr(jar, "MAX_SCAN", len(good) + 1)
    assert len(scan(tmp_path, members)) == 1
    monkeypatch.setattr(jar, "MAX_SCAN", 1 << 20)
    monkeypatch.setattr(jar, "MAX_CLASSES", 1)
    assert len(scan(tmp_path, members)) == 1
