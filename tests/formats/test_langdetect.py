"""langdetect language profiles (mllint/formats/langdetect.py) and JSON that looks like one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import fmt_of, langdetect_profile, write
from builders import read_file as read

from mllint.formats import langdetect
from mllint.formats.base import CorruptModelError, LimitExceededError


@pytest.mark.parametrize("ascii_only", [True, False])
def test_profile(tmp_path: Path, ascii_only: bool) -> None:
    info = read(write(tmp_path, "de", langdetect_profile("de", ascii_only=ascii_only)))
    assert info.format == "langdetect" and info.parameters == 14
    assert info.extra == {"kind": "character-ngram-profile", "language": "de",
                          "n_words": [4371, 4261, 2001]}


def test_short_profile_whose_freq_ends_in_the_head(tmp_path: Path) -> None:
    info = read(write(tmp_path, "xx", langdetect_profile("xx", grams=("a", "b"))))
    assert info.format == "langdetect" and info.parameters == 2


def test_pretty_printed_profile(tmp_path: Path) -> None:
    data = json.dumps(json.loads(langdetect_profile()), indent=2).encode()
    assert read(write(tmp_path, "en", data)).format == "langdetect"


@pytest.mark.parametrize("data", [
    b'{"freq":{"the":5,"of":4,"and":3,"to":2,"in":1,"a":1,"is":1,"that":1}}',  # a key of 4
    b'{"freq":{"a":0.1,"b":0.2,"c":0.3,"d":0.1,"e":0.1,"f":0.1,"g":0.1,"h":0.1}}',  # floats
    b'{"freq":5,"n_words":[1,2,3],"name":"en"}',
    b'{"name":"en","freq":{"a":1}}',  # another key first: not the generator's order
    b'{"freq":{"a":1,"b":2,"c":3,',  # three pairs and the file ends
    b'{"version":"1.0","dependencies":{"a":"1"}}',
])
def test_sniffer_refuses(data: bytes) -> None:
    assert fmt_of(data, "en") is None


def test_frequency_table_of_something_else_is_no_model(tmp_path: Path) -> None:
    words = {w: 100 - i for i, w in enumerate(("the", "of", "and", "to", "in", "a", "is", "it",
                                                "on", "for"))}
    path = write(tmp_path, "words.json", json.dumps({"freq": words}).encode())
    assert fmt_of(path.read_bytes(), path.name) == "langdetect"  # the head alone cannot tell
    assert read(path) is None


@pytest.mark.parametrize("data, reason", [
    (langdetect_profile()[:-20], "not complete JSON"),
    (langdetect_profile().replace(b'"n_words":[', b'"n_words":[1,'), "three counts"),
    (langdetect_profile()[:-1] + b',"freq":{"a":1,"abcd":2}}', "bad n-gram"),
    (langdetect_profile().replace(b'"a":1000', b'"a":-1000'), None),  # sniffer: not a count
])
def test_damaged_profiles(tmp_path: Path, data: bytes, reason: str | None) -> None:
    path = write(tmp_path, "en", data)
    if reason is None:
        assert fmt_of(data, "en") is None
        return
    with pytest.raises(CorruptModelError, match=reason):
        read(path)


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(langdetect, "MAX_PROFILE", 64)
    with pytest.raises(LimitExceededError):
        read(write(tmp_path, "en", langdetect_profile()))


def test_deep_nesting_is_a_limit_not_a_crash(tmp_path: Path) -> None:
    data = langdetect_profile()[:-1] + b',"x":' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    with pytest.raises(LimitExceededError, match="nests too deeply"):
        read(write(tmp_path, "en", data))
