"""Upstream inputs through the command line: trees without debian/, release tarballs and zips,
hostile archives. Every run gets its own TMPDIR, which must be empty again afterwards."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT, TESTDATA, run_cli
from test_unpack import gzip_tar_of_zeros, make_tar, reg, special

SAMPLE = TESTDATA / "upstream-sample-tree" / "sample-ml-1.0"
TARBALL = TESTDATA / "upstream-sample-tarball" / "sample-ml-1.0.tar.gz"
UNIVERSAL = ("--exp-output", "format=universal", "-L", ">=classification", "-E")


@pytest.fixture
def tmpdir_env(tmp_path: Path):
    """Run the CLI with TMPDIR inside ``tmp_path``; afterwards it must be empty."""
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, cwd=cwd, env={"TMPDIR": str(tmp)})

    yield run
    assert os.listdir(tmp) == [], "a temporary directory was left behind"


def test_empty_upstream_directory_exits_0_silently(tmp_path: Path, tmpdir_env) -> None:
    empty = tmp_path / "empty-1.0"
    empty.mkdir()
    result = tmpdir_env(*UNIVERSAL, str(empty))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_missing_path_is_one_line_and_exit_1(tmp_path: Path, tmpdir_env) -> None:
    for missing in (tmp_path / "nope", tmp_path / "nope-1.0.tar.gz"):
        result = tmpdir_env(str(missing))
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == f"Skipping {missing}: No such file or directory\n"


def test_tarball_is_named_from_its_file_and_marked_upstream_in_json(tmpdir_env) -> None:
    result = tmpdir_env("--exp-output", "format=json", str(TARBALL))
    assert result.returncode == 0, result.stderr
    group = json.loads(result.stdout)["groups"][0]
    assert (group["group_id"], group["source_name"], group["source_version"]) == (
        "sample-ml_1.0", "sample-ml", "1.0")
    assert group["upstream_only"] is True
    hint = group["input_files"][0]["hints"][0]
    assert hint["pointer"]["item"]["index"] == "sample-ml-1.0.tar.gz (patched)"


def test_packaged_source_is_not_marked_upstream(tmpdir_env) -> None:
    tree = TESTDATA / "upstream-sample-packaged" / "tree"
    group = json.loads(tmpdir_env("--exp-output", "format=json", str(tree)).stdout)["groups"][0]
    assert "upstream_only" not in group
    assert group["group_id"] == "sample-ml_1.0-1"


def test_package_option_names_trees_and_archives(tmpdir_env) -> None:
    for given in (SAMPLE, TARBALL):
        result = tmpdir_env(*UNIVERSAL, "--package", "classifier", str(given))
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines and all(line.startswith("classifier (source): ") for line in lines)
    ewi = tmpdir_env("--package", "classifier", str(SAMPLE)).stdout
    assert ewi.startswith("W: classifier source: ")


def test_bad_package_option_is_a_usage_error(tmpdir_env) -> None:
    result = tmpdir_env("--package", "Not A Name", str(SAMPLE))
    assert result.returncode == 1
    assert result.stderr == ("mllint: --package Not A Name: not a Debian source package "
                             "name\n")


def test_git_directory_is_skipped(tmp_path: Path, tmpdir_env) -> None:
    tree = tmp_path / "proj"
    (tree / ".git" / "lfs" / "objects").mkdir(parents=True)
    model = (SAMPLE / "models" / "classifier.safetensors").read_bytes()
    (tree / ".git" / "lfs" / "objects" / "model.safetensors").write_bytes(model)
    (tree / "m.safetensors").write_bytes(model)
    result = tmpdir_env(*UNIVERSAL, str(tree))
    assert "m.safetensors" in result.stdout
    assert ".git" not in result.stdout


def test_hostile_tarball_members_are_reported_on_stderr(tmp_path: Path, tmpdir_env) -> None:
    model = (SAMPLE / "models" / "classifier.safetensors").read_bytes()
    tar = make_tar(tmp_path / "evil-1.0.tar.gz", [
        reg("evil-1.0/models/ok.safetensors", model),
        reg("../../escaped", b"x"),
        reg("/tmp/escaped-abs", b"x"),
        special("evil-1.0/out", tarfile.SYMTYPE, "/etc"),
        reg("evil-1.0/out/passwd", b"x"),
        special("evil-1.0/passwd", tarfile.LNKTYPE, "/etc/passwd"),
        special("evil-1.0/null", tarfile.CHRTYPE),
    ])
    result = tmpdir_env(*UNIVERSAL, str(tar))
    assert result.returncode == 0
    assert "ml-model-file safetensors" in result.stdout
    assert "[models/ok.safetensors]" in result.stdout
    prefix = f"mllint: warning: {tar}: skipped member "
    assert result.stderr.splitlines() == [
        prefix + "../../escaped of evil-1.0.tar.gz: path contains ..",
        prefix + "/tmp/escaped-abs of evil-1.0.tar.gz: absolute path",
        prefix + "evil-1.0/out of evil-1.0.tar.gz: symlink to /etc (absolute)",
        prefix + "evil-1.0/out/passwd of evil-1.0.tar.gz: path goes through refused symlink "
                 "evil-1.0/out",
        prefix + "evil-1.0/passwd of evil-1.0.tar.gz: hard link to /etc/passwd (absolute)",
        prefix + "evil-1.0/null of evil-1.0.tar.gz: character device",
    ]
    assert not os.path.lexists("/tmp/escaped-abs")
    assert sorted(os.listdir(tmp_path)) == ["evil-1.0.tar.gz", "tmpdir"]


def test_bomb_is_skipped_with_one_line(tmp_path: Path, tmpdir_env) -> None:
    bomb = gzip_tar_of_zeros(tmp_path / "bomb-1.0.tar.gz", 256 << 20)
    result = tmpdir_env(*UNIVERSAL, str(bomb), str(SAMPLE))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Skipping {bomb}: expands more than 200 times (stopped at ")
    assert len(result.stderr.splitlines()) == 1
    # the other input still runs
    assert "sample-ml (source): ml-model-file" in result.stdout


def test_unreadable_archive_is_skipped(tmp_path: Path, tmpdir_env) -> None:
    broken = tmp_path / "broken-1.0.tar.xz"
    broken.write_bytes(b"\xfd7zXZ\x00" + b"garbage" * 10)
    result = tmpdir_env(str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Skipping {broken}: cannot unpack broken-1.0.tar.xz: ")


def test_non_utf8_member_names_reach_the_output_byte_for_byte(tmp_path: Path) -> None:
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    model = (SAMPLE / "models" / "classifier.safetensors").read_bytes()
    name = b"latin1-1.0/mod\xe8le.safetensors".decode("utf-8", "surrogateescape")
    tar = make_tar(tmp_path / "latin1-1.0.tar.gz", [reg(name, model)])
    result = subprocess.run([sys.executable, "-m", "mllint", *UNIVERSAL, str(tar)],
                            capture_output=True, cwd=ROOT, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)})
    assert result.returncode == 0, result.stderr
    assert b"ml-model-file safetensors 776B [mod\xe8le.safetensors]" in result.stdout
    assert os.listdir(tmp) == []


def test_emit_ml_models_on_an_upstream_tarball(tmpdir_env) -> None:
    result = tmpdir_env("--emit-ml-models", str(TARBALL))
    assert result.returncode == 0, result.stderr
    assert "Files: models/classifier.safetensors\n" in result.stdout


def test_zip_input(tmp_path: Path, tmpdir_env) -> None:
    import zipfile

    model = (SAMPLE / "models" / "classifier.safetensors").read_bytes()
    path = tmp_path / "zipped-2.0.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("zipped-2.0/m.safetensors", model)
        zf.writestr("../../escaped", b"x")
    result = tmpdir_env(*UNIVERSAL, str(path))
    assert "zipped (source): ml-model-file safetensors 776B [m.safetensors]\n" in result.stdout
    assert result.stderr == (f"mllint: warning: {path}: skipped member ../../escaped of "
                             "zipped-2.0.zip: path contains ..\n")


def test_archive_given_twice_and_with_a_directory(tmpdir_env) -> None:
    # two unpacked inputs at once: both temporary directories go when the run ends
    result = tmpdir_env(*UNIVERSAL, str(TARBALL), str(TARBALL))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ml-model-file") == 2


def test_stream_of_bytes_is_not_mistaken_for_a_tarball(tmp_path: Path, tmpdir_env) -> None:
    # named like a tarball, but plain text: tarfile refuses it, mllint skips it
    fake = tmp_path / "fake-1.0.tar"
    fake.write_bytes(io.BytesIO(b"hello world\n" * 100).getvalue())
    result = tmpdir_env(str(fake))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Skipping {fake}: cannot unpack fake-1.0.tar: ")


def test_archive_nested_deeper_than_the_cap_is_one_warning_and_leaves_nothing(
        tmp_path: Path, tmpdir_env) -> None:
    """Newcomer trial: 1,500 nested directories in an upstream tarball made shutil.rmtree
    exceed the recursion limit while removing the unpacked copy (a traceback, the copy left
    behind). Members past the cap are refused, as one warning; the rest is checked."""
    import io
    import tarfile

    model = (SAMPLE / "models" / "classifier.safetensors").read_bytes()
    path = tmp_path / "deep-1.0.tar.gz"
    with tarfile.open(path, "w:gz", format=tarfile.GNU_FORMAT) as tf:
        name = "deep-1.0"
        for _ in range(300):
            name += "/d"
            member = tarfile.TarInfo(name)
            member.type = tarfile.DIRTYPE
            tf.addfile(member)
        for where in (name + "/m.safetensors", "deep-1.0/top.safetensors"):
            member = tarfile.TarInfo(where)
            member.size = len(model)
            tf.addfile(member, io.BytesIO(model))
    result = tmpdir_env(*UNIVERSAL, str(path))
    assert "deep (source): ml-model-file safetensors 776B [top.safetensors]\n" in result.stdout
    first = "deep-1.0" + "/d" * 256
    assert result.stderr == (f"mllint: warning: {path}: skipped member {first} and 45 more of "
                             "deep-1.0.tar.gz: nested deeper than 256 directories\n")
