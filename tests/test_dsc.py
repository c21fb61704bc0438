""".dsc inputs whose files do not match it: refused as ``dpkg-source -x`` refuses them, with the
reason dpkg-source gives (lintian-compat.md §2.3: an input that cannot be unpacked is skipped)."""

from __future__ import annotations

import hashlib
import io
import subprocess
import tarfile
from pathlib import Path

import pytest
from debian.deb822 import Dsc

ORIG = "foo_1.0.orig.tar.gz"
DEBIAN = "foo_1.0-1.debian.tar.xz"
CHANGELOG = """foo (1.0-1) unstable; urgency=low

  * Initial release.

 -- A Maintainer <a@example.org>  Mon, 01 Jan 2024 00:00:00 +0000
"""


def build_dsc(tmp: Path) -> Path:
    """A valid 3.0 (quilt) package foo 1.0-1 built with ``dpkg-source -b``; its .dsc path."""
    tree = tmp / "foo-1.0"
    (tree / "debian" / "source").mkdir(parents=True)
    (tree / "README").write_text("upstream\n")
    with tarfile.open(tmp / ORIG, "w:gz") as tar:
        tar.add(tree, "foo-1.0")
    (tree / "debian" / "source" / "format").write_text("3.0 (quilt)\n")
    (tree / "debian" / "changelog").write_text(CHANGELOG)
    (tree / "debian" / "control").write_text(
        "Source: foo\nMaintainer: A Maintainer <a@example.org>\nStandards-Version: 4.6.2\n\n"
        "Package: foo\nArchitecture: all\nDescription: test\n test\n")
    subprocess.run(["dpkg-source", "-b", "foo-1.0"], cwd=tmp, check=True, capture_output=True)
    return tmp / "foo_1.0-1.dsc"


def rewrite(dsc: Path, name: str, content: bytes) -> None:
    """Replace ``name`` by ``content`` and make the .dsc's sizes and checksums agree with it, as
    if the package had been built from it."""
    (dsc.parent / name).write_bytes(content)
    fields = Dsc(dsc.read_text())
    for key, algorithm in (("Files", "md5"), ("Checksums-Sha1", "sha1"),
                           ("Checksums-Sha256", "sha256")):
        for entry in fields[key]:
            if entry["name"] == name:
                entry[algorithm if key != "Files" else "md5sum"] = (
                    hashlib.new(algorithm, content).hexdigest())
                entry["size"] = str(len(content))
    dsc.write_bytes(fields.dump().encode())


def reason(cli, dsc: Path) -> str:
    """The reason of the one ``Skipping`` line, checking the exit status of an unreadable input."""
    result = cli(str(dsc))
    assert result.returncode == 1 and result.stdout == "", result.stderr
    line, = result.stderr.splitlines()
    prefix = f"Skipping {dsc}: "
    assert line.startswith(prefix), line
    return line[len(prefix):]


@pytest.fixture
def dsc(tmp_path: Path) -> Path:
    return build_dsc(tmp_path)


def test_valid_dsc_is_scanned(cli, dsc: Path) -> None:
    result = cli("--fail-on", "none", str(dsc))
    assert result.returncode == 0 and "Skipping" not in result.stderr, result.stderr


@pytest.mark.parametrize("change", ["append", "truncate"])
def test_orig_tarball_of_the_wrong_size_is_refused(cli, dsc: Path, change: str) -> None:
    orig = dsc.parent / ORIG
    good = orig.read_bytes()
    bad = good + bytes(1024) if change == "append" else good[:100]
    orig.write_bytes(bad)
    assert reason(cli, dsc) == (f"dpkg-source -x: file {orig} has size {len(bad)} instead of "
                                f"expected {len(good)}")


def test_orig_tarball_with_other_content_is_refused(cli, dsc: Path) -> None:
    orig = dsc.parent / ORIG
    data = bytearray(orig.read_bytes())
    data[-9] ^= 0xFF  # one byte of the compressed data: same size, other checksums
    orig.write_bytes(bytes(data))
    assert reason(cli, dsc).startswith(f"dpkg-source -x: file {orig} has checksum ")


def test_missing_orig_tarball_is_named(cli, dsc: Path) -> None:
    (dsc.parent / ORIG).unlink()
    assert reason(cli, dsc) == (f"dpkg-source -x: cannot fstat file {dsc.parent / ORIG}: "
                                "No such file or directory")


def test_corrupt_tarball_listed_in_the_dsc_reports_the_decompressor(cli, dsc: Path) -> None:
    rewrite(dsc, ORIG, (dsc.parent / ORIG).read_bytes()[:100])
    assert reason(cli, dsc) == f"dpkg-source -x: {ORIG}: gzip: stdin: unexpected end of file"


def test_patch_that_does_not_apply_is_named(cli, dsc: Path) -> None:
    patch = b"--- a/README\n+++ b/README\n@@ -1 +1 @@\n-not there\n+patched\n"
    buf = io.BytesIO()
    with tarfile.open(dsc.parent / DEBIAN) as old, tarfile.open(fileobj=buf, mode="w:xz") as new:
        for member in old:
            new.addfile(member, old.extractfile(member) if member.isfile() else None)
        for name, content in (("debian/patches/series", b"fix.patch\n"),
                              ("debian/patches/fix.patch", patch)):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            new.addfile(info, io.BytesIO(content))
    rewrite(dsc, DEBIAN, buf.getvalue())
    assert reason(cli, dsc) == "dpkg-source -x: fix.patch: 1 out of 1 hunk FAILED"
