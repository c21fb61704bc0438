"""Tar archives inside a package: identified by content, walked in one bounded streaming pass,
model members read like zip members; hostile archives end the walk with nothing written to disk.

Archives are built in the test; readers are called directly (``formats.read`` would hide a reader
bug behind a CorruptModelError)."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import tarfile
import time
from pathlib import Path

import pytest

from mllint import formats
from mllint.formats import tarfmt
from mllint.formats.base import HEAD_SIZE

ARPA = (b"\\data\\\nngram 1=3\nngram 2=1\n\n\\1-grams:\n-1\t<s>\t-0.3\n-1\t</s>\n-0.5\thi\t-0.2\n"
        b"\n\\2-grams:\n-0.3\t<s> hi\n\n\\end\\\n")
SOURCE = {"pkg-1.0/Makefile": b"all:\n\tcc -o a a.c\n", "pkg-1.0/a.c": b"int main(void){}\n",
          "pkg-1.0/README": b"pkg 1.0\n"}


def member(name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, link: str = "",
           size: int | None = None) -> bytes:
    """One member's header (GNU format: base-256 sizes) and padded data."""
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mtime = kind, link, 1_700_000_000
    info.size = len(data) if size is None else size
    header = info.tobuf(tarfile.GNU_FORMAT, "utf-8", "surrogateescape")
    return header + data + bytes(-len(data) % 512)


def tar(members: dict[str, bytes]) -> bytes:
    return b"".join(member(n, d) for n, d in members.items()) + bytes(1024)


def compress(data: bytes, codec: str) -> bytes:
    if codec == "gzip":
        return gzip.compress(data, mtime=0)
    if codec == "bz2":
        return bz2.compress(data)
    if codec == "xz":
        return lzma.compress(data)
    if codec == "zstd":
        zstandard = pytest.importorskip("zstandard")
        return zstandard.ZstdCompressor().compress(data)
    return data


def read(tmp: Path, data: bytes, name: str = "m.tar") -> formats.ModelInfo | None:
    path = tmp / name
    path.write_bytes(data)
    head = data[:HEAD_SIZE]
    assert tarfmt.sniff(head, len(data), name)
    return tarfmt.read(path, head, len(data))


@pytest.mark.parametrize("codec", ["plain", "gzip", "bz2", "xz", "zstd"])
def test_arpa_member_is_reported_in_every_compression(tmp_path: Path, codec: str) -> None:
    data = compress(tar({"lm/README": b"a model\n", "lm/lm.arpa": ARPA}), codec)
    fmt = formats.identify(data[:HEAD_SIZE], len(data), "lm.tar.x")  # content, not name
    assert fmt is not None and fmt.id == "tar"
    info = read(tmp_path, data)
    assert info is not None and info.format == "tar"
    assert [(m.name, m.model.format, m.model.parameters) for m in info.members
            if m.model] == [("lm/lm.arpa", "arpa", 4)]
    assert info.extra.get("compression") == (None if codec == "plain" else codec)
    assert "incomplete" not in info.extra


def test_big_bzip2_is_sniffed_by_name_and_decided_by_content(tmp_path: Path) -> None:
    # bzip2 emits nothing before a whole block: a 4 KiB head of a big stream shows no header
    noise = os.urandom(300_000)
    data = bz2.compress(tar({"blob.bin": noise, "lm.arpa": ARPA}))
    head = data[:HEAD_SIZE]
    assert tarfmt.sniff(head, len(data), "lm.tar.bz2")
    assert not tarfmt.sniff(head, len(data), "lm.bz2")
    info = read(tmp_path, data, "lm.tar.bz2")
    assert info is not None and info.members[0].name == "lm.arpa"
    other = bz2.compress(noise)  # a bzip2 stream that is no tar, named as one
    assert read(tmp_path, other, "x.tar.bz2") is None


@pytest.mark.parametrize("codec", ["plain", "gzip", "xz"])
def test_source_tarball_is_silent(tmp_path: Path, codec: str) -> None:
    assert read(tmp_path, compress(tar(SOURCE), codec)) is None


def test_compressed_text_and_other_files_are_not_tar() -> None:
    # a tar name never decides when the head shows the content (only bzip2 heads are blind)
    for data in (gzip.compress(b"hello\n" * 200), lzma.compress(ARPA), b"x" * 600,
                 gzip.compress(ARPA)):
        assert not tarfmt.sniff(data[:HEAD_SIZE], len(data), "a.tar.gz")


def test_small_test_model_member_is_a_fixture(tmp_path: Path) -> None:
    # KenLM's lm/test_nounk.arpa inside libime's release tarball
    assert read(tmp_path, tar({"kenlm/lm/test_nounk.arpa": ARPA, **SOURCE})) is None


def test_every_truncation_is_handled(tmp_path: Path) -> None:
    full = tar({"lm.arpa": ARPA, "second.arpa": ARPA})
    data = gzip.compress(full, mtime=0)
    for cut in range(10, len(data), 7):
        path = tmp_path / "t.tar.gz"
        path.write_bytes(data[:cut])
        try:
            info = tarfmt.read(path, data[:cut][:HEAD_SIZE], cut)
        except formats.FormatError:
            continue
        assert info is None or info.format == "tar"


def test_truncated_after_a_model_reports_the_break(tmp_path: Path) -> None:
    full = tar({"lm.arpa": ARPA, "big.bin": os.urandom(4096)})
    info = read(tmp_path, full[:512 + 512 + 512 + 100])  # inside big.bin's data
    assert info is not None
    assert info.members[0].model is not None and info.members[0].name == "lm.arpa"
    broken = [m for m in info.members if m.error is not None]
    assert broken and broken[0].name == "big.bin"


def test_huge_declared_size_stops_before_decompressing(tmp_path: Path) -> None:
    # a member declaring 1 TiB (base-256 size field) after the model: its data is never walked
    data = lzma.compress(member("lm.arpa", ARPA) + member("huge.bin", b"", size=1 << 40)
                         + bytes(1024))
    start = time.monotonic()
    info = read(tmp_path, data)
    assert time.monotonic() - start < 2
    assert info is not None and info.members[0].name == "lm.arpa"
    assert info.extra["incomplete"] == "next header beyond the 64 MiB walk"
    silent = lzma.compress(member("huge.bin", b"", size=1 << 40) + member("lm.arpa", ARPA))
    assert read(tmp_path, silent) is None


def test_ratio_cap_stops_a_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tarfmt, "RATIO_AFTER", 1 << 20)
    zeros = bytes(16 << 20)  # deflates about 1000:1
    data = gzip.compress(tar({"lm.arpa": ARPA, "zeros.bin": zeros, "late.arpa": ARPA}),
                         mtime=0)
    info = read(tmp_path, data)
    assert info is not None
    assert [m.name for m in info.members if m.model] == ["lm.arpa"]  # late.arpa never reached
    assert info.extra["incomplete"] == f"gzip compression ratio over {tarfmt.MAX_RATIO}"
    bomb = gzip.compress(tar({"zeros.bin": zeros, "late.arpa": ARPA}), mtime=0)
    assert read(tmp_path, bomb) is None


def test_links_are_never_followed(tmp_path: Path) -> None:
    target = tmp_path / "outside.arpa"
    target.write_bytes(ARPA)
    data = (member("lm.arpa", kind=tarfile.SYMTYPE, link=str(target))
            + member("copy.arpa", kind=tarfile.LNKTYPE, link=str(target))
            + member("up.arpa", kind=tarfile.SYMTYPE, link="../../outside.arpa") + bytes(1024))
    assert read(tmp_path, data) is None


def test_hostile_names_never_touch_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    names = ["/tmp/mllint-abs/evil.arpa", "../../escape.arpa", "../up.arpa.gz"]
    data = tar({names[0]: ARPA, names[1]: ARPA, names[2]: gzip.compress(ARPA, mtime=0)})
    info = read(tmp_path, data)
    assert info is not None
    got = {m.name: m.model.format for m in info.members if m.model}
    assert got == {n: "arpa" for n in names}  # the .gz one was read from a private spool file
    assert not Path("/tmp/mllint-abs").exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["m.tar", "work"]


def test_nested_tar_is_read_and_depth_is_capped(tmp_path: Path) -> None:
    inner = gzip.compress(tar({"lm.arpa": ARPA}), mtime=0)
    info = read(tmp_path, tar({"data/lm.tar.gz": inner}))
    assert info is not None
    nested = info.members[0]
    assert nested.name == "data/lm.tar.gz" and nested.model.format == "tar"
    assert nested.model.members[0].model.format == "arpa"
    deep = ARPA
    deep = tar({"lm.arpa": deep})
    for level in range(tarfmt.MAX_DEPTH + 1):
        deep = tar({f"level{level}.tar": deep})
    info = read(tmp_path, deep)
    assert info is not None
    assert any(m.error is not None and "nested over" in m.error.reason for m in info.members)


def test_huge_pax_header_is_refused(tmp_path: Path) -> None:
    pax = member("././@PaxHeader", b"", kind=tarfile.XHDTYPE, size=tarfmt.MAX_META + 1)
    assert read(tmp_path, lzma.compress(pax + bytes(4096))) is None
    data = lzma.compress(member("lm.arpa", ARPA) + pax + bytes(4096))
    info = read(tmp_path, data)
    assert info is not None and info.extra["incomplete"].startswith("tar extended header over")


def test_member_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tarfmt, "MAX_MEMBERS", 5)
    many = {f"f{i}.txt": b"x\n" for i in range(10)}
    assert read(tmp_path, tar({**many, "lm.arpa": ARPA})) is None
    info = read(tmp_path, tar({"lm.arpa": ARPA, **many}))
    assert info is not None and info.extra["incomplete"] == "over 5 members"


def test_walk_stops_after_enough_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tarfmt, "MAX_MODELS", 2)
    info = read(tmp_path, tar({f"m{i}.arpa": ARPA for i in range(4)}))
    assert info is not None and [m.name for m in info.members] == ["m0.arpa", "m1.arpa"]


def test_member_read_backwards_past_the_kept_bytes_is_an_error() -> None:
    size = 3 * tarfmt.KEEP
    data = tarfmt._Data(io.BytesIO(bytes(size)), size)  # type: ignore[arg-type]
    assert data.read_at(2 * tarfmt.KEEP, 10) == bytes(10)
    assert data.read_at(5, 10) == bytes(10)  # within the kept bytes
    with pytest.raises(formats.LimitExceededError):
        data.read_at(tarfmt.KEEP + 5, 10)


def test_member_named_for_a_model_only_format_that_is_none_is_a_broken_model(
        tmp_path: Path) -> None:
    """An empty .onnx and an HTML page saved as .gguf inside a tarball: no reader takes them,
    their names say model (formats.broken_model), so the tarball reports them as broken."""
    info = read(tmp_path, tar({**SOURCE, "pkg-1.0/models/m.onnx": b"",
                               "pkg-1.0/models/m.gguf": b"<html>404</html>\n"}))
    assert info is not None and info.format == "tar"
    assert sorted((m.name, m.error.reason) for m in info.members if m.error is not None) == [
        ("pkg-1.0/models/m.gguf", "not GGUF: a text document"),
        ("pkg-1.0/models/m.onnx", "empty file")]


@pytest.mark.parametrize("name, head, size, reason", [
    ("m.safetensors", b"", 0, "empty file"),
    ("M.ONNX", b"  <!DOCTYPE html>", 17, "not ONNX: a text document"),
    ("m.gguf", b"\x00\x01", 2, "not GGUF"),
    ("m.onnx", b"\x08\x07", 2, None),  # a heuristic format: a sound model may be missed
    ("m.pkl", b"", 0, None),  # a suffix other files carry too
    ("safetensors", b"", 0, None),
])
def test_broken_model_rule(name: str, head: bytes, size: int, reason: str | None) -> None:
    assert formats.broken_model(name, head, size) == reason
