"""Options, exit codes and output formats of the mllint command (lintian-compat.md §2, §8)."""

from __future__ import annotations

import io
import json
import os
import shutil
import re
import tarfile
from pathlib import Path

import pytest

from mllint.tags import load_tags
from tests.conftest import TESTDATA

OVERRIDES = str(TESTDATA / "overrides" / "tree")
SAMPLE = str(TESTDATA / "sample-ml-package" / "tree")
POSITIVE = str(TESTDATA / "model-files-positive" / "tree")
LIMIT = ("--model-size-limit", "0.015625")  # MiB, as in that package's desc
# These tests are about the engine: hints of checks other than model-files are suppressed.
OTHERS = ("--suppress-tags", ",".join(
    t.name for t in load_tags() if t.check not in ("model-files", "mllint")))

# lintian-compat.md §8 item 1, §6.1 (UDD's historical gatherer) and §6.2 (debusine).
LINTIAN = re.compile(r"^([EWIPXCO]): (\S+)(?: (source|udeb|changes|buildinfo))?: (\S+)(?: (.*))?$")
UDD = re.compile(r"([EWIXOP]): (\S+)(?: (\S+)(?:(?: \s*\(([^)]+?)\)\s*\[([^)]+?)\]))?)?: (\S+)"
                 r"(?:\s+(.*))?")
DEBUSINE = re.compile(r"(?P<severity>[EWIPXOCMM]):\s(?P<package>\S+(?: source)?):\s"
                      r"(?P<tag>\S+) ?(?P<note>[^[]*)?")


def test_versions(cli) -> None:
    assert cli("--print-version").stdout == "0.1.0\n"
    assert cli("-V").stdout == "mllint v0.1.0\n"


@pytest.mark.parametrize("args", [
    ["--fail-on", "bogus", SAMPLE], ["--fail-on", "none,error", SAMPLE],
    ["--color", "sometimes", SAMPLE], ["--profile", "nonesuch", SAMPLE],
    ["--exp-output", "format=xml", SAMPLE], ["--tags", "no-such-tag", SAMPLE],
    ["-L", "+>=bogus", SAMPLE], ["--no-such-option"], ["-C", "no-such-check", SAMPLE],
    ["--cfg", "x", SAMPLE]])
def test_usage_errors_exit_1_with_one_line(cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unknown_output_format_is_named(cli) -> None:
    assert cli("--output-format", "XML", SAMPLE).stderr == "mllint: Unknown output format xml\n"


def test_missing_input_is_skipped_and_others_still_run(cli, tmp_path: Path) -> None:
    result = cli(str(tmp_path / "absent.dsc"), *LIMIT, POSITIVE)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Skipping {tmp_path / 'absent.dsc'}: ")
    assert "W: model-files-positive source: oversized-ml-model" in result.stdout
    desc = str(TESTDATA / "sample-ml-package" / "desc")
    assert cli(desc).stderr.startswith(f"mllint: bad package file name {desc}")


def test_exit_codes_follow_fail_on(cli) -> None:
    assert cli(OVERRIDES).returncode == 2  # malformed override is an error
    assert cli("--fail-on", "none", OVERRIDES).returncode == 0
    # overrides of disabled tags are not applied, so a meta-tag needs its tag enabled too
    assert cli("--fail-on", "warning", "--tags", "mismatched-mllint-override,ml-model-file",
               OVERRIDES).returncode == 2
    assert cli("--fail-on", "warning", "--tags", "mismatched-mllint-override",
               OVERRIDES).returncode == 0
    # classification never counts, whatever is displayed
    assert cli("-L", ">=classification", "--fail-on", "info,pedantic", *OTHERS,
               SAMPLE).returncode == 0
    # a shown override counts only as "override"
    shown = ["--show-overrides", "--tags", "ml-model-corrupt", SAMPLE]
    assert cli("--fail-on", "warning", *shown).returncode == 0
    assert cli("--fail-on", "override", *shown).returncode == 2


def test_display_levels(cli) -> None:
    default = cli(*LIMIT, *OTHERS, POSITIVE).stdout.splitlines()
    assert [line[:2] for line in default] == ["W:"]
    only_info = cli("-L", "info", OVERRIDES).stdout.splitlines()
    assert only_info[0].startswith("I:") and only_info[-1].startswith("N: 2 hints overridden")
    assert all(line[:2] in ("I:", "N:") for line in only_info)
    everything = cli("-L", ">=classification", "--pedantic", *LIMIT, POSITIVE).stdout
    assert "P: model-files-positive source: ml-model-extension-mismatch" in everything
    assert "C: model-files-positive source: ml-model-file" in everything
    # -L applies after --pedantic, whatever the order on the command line
    assert "P:" not in cli("-L", "=warning", "--pedantic", *LIMIT, POSITIVE).stdout


def test_suppress_and_tags(cli) -> None:
    out = cli("--suppress-tags", "oversized-ml-model,ml-model-file", "-L", ">=classification",
              *LIMIT, POSITIVE).stdout
    assert "oversized" not in out and "ml-model-file " not in out
    # --tags shows every severity of the named tags and ignores --suppress-tags
    out = cli("--tags", "ml-model-file", "--suppress-tags", "ml-model-file", POSITIVE).stdout
    assert out.count("C: model-files-positive source: ml-model-file ") == 2


def test_tags_from_file(cli, tmp_path: Path) -> None:
    listing = tmp_path / "tags"
    listing.write_text("# comment\n\n ml-model-file , oversized-ml-model\n")
    out = cli("--tags-from-file", str(listing), *LIMIT, POSITIVE).stdout.splitlines()
    assert {line.split()[3] for line in out} == {"ml-model-file", "oversized-ml-model"}


def test_no_override_applies_nothing_but_reports_bad_lines(cli) -> None:
    out = cli("-o", "-I", OVERRIDES).stdout
    assert "malformed-mllint-override" in out and "unknown-tag-in-mllint-override" in out
    assert "unused-mllint-override" not in out and "mismatched" not in out
    assert "N: " not in out  # no summary with -o


def test_mllint_tags_in_lintian_overrides_are_pointed_at_mllint_overrides(cli, tmp_path: Path,
                                                                         ) -> None:
    # A lintian user's first try: the override has no effect, and one warning says why.
    tree = tmp_path / "pkg"
    shutil.copytree(POSITIVE, tree)
    (tree / "debian" / "source" / "lintian-overrides").write_text(
        "# not ours\nsome-lintian-tag\noversized-ml-model *\n")
    result = cli(*LIMIT, str(tree))
    assert result.stderr == (
        "mllint: warning: model-files-positive source: debian/source/lintian-overrides overrides"
        " mllint tags (oversized-ml-model); mllint reads debian/source/mllint-overrides\n")
    assert "W: model-files-positive source: oversized-ml-model" in result.stdout
    (tree / "debian" / "source" / "lintian-overrides").write_text("some-lintian-tag\n")
    assert cli(*LIMIT, str(tree)).stderr == ""


def test_symlinks_out_of_a_source_tree_are_named_not_followed(cli, tmp_path: Path) -> None:
    tree = tmp_path / "pkg"
    shutil.copytree(POSITIVE, tree)
    (tree / "models" / "stolen.onnx").symlink_to("/etc/passwd")
    (tree / "models" / "up.safetensors").symlink_to("../../outside.safetensors")
    (tree / "models" / "alias.onnx").symlink_to("encoder.onnx")  # inside: nothing to say
    result = cli(*LIMIT, str(tree))
    assert result.stderr.splitlines() == [
        "mllint: warning: model-files-positive source: models/stolen.onnx is a symbolic link"
        " out of the package (-> /etc/passwd), not read",
        "mllint: warning: model-files-positive source: models/up.safetensors is a symbolic"
        " link out of the package (-> ../../outside.safetensors), not read"]
    assert "root:" not in result.stdout and result.returncode == 0


def test_many_symlinks_out_of_a_tree_are_counted_after_ten(cli, tmp_path: Path) -> None:
    tree = tmp_path / "pkg"
    shutil.copytree(POSITIVE, tree)
    for i in range(13):
        (tree / "models" / f"l{i:02}.onnx").symlink_to(f"/nonexistent/{i}")
    lines = cli(*LIMIT, str(tree)).stderr.splitlines()
    assert len(lines) == 11 and "models/l09.onnx" in lines[9]
    assert lines[10] == ("mllint: warning: model-files-positive source: 3 more symbolic links"
                         " out of the package, not read")


def test_color(cli) -> None:
    out = cli("--color", "always", *LIMIT, POSITIVE, env={"NO_COLOR": "1"}).stdout
    assert "\x1b[30;103moversized-ml-model\x1b[0m" in out
    assert "\x1b[" not in cli("--color", "auto", POSITIVE).stdout  # not a TTY


def test_list_tags(cli) -> None:
    names = cli("--list-tags").stdout.splitlines()
    assert names == sorted(names, key=str.lower) and "ml-model-file" in names


def test_ewi_lines_parse_with_lintian_udd_and_debusine(cli) -> None:
    out = cli("--no-cfg", "--display-level", ">=classification", "--display-experimental",
              "--info", "--show-overrides", "--allow-root", OVERRIDES, SAMPLE, POSITIVE).stdout
    hints = [line for line in out.splitlines() if not line.startswith("N:")]
    assert hints
    for line in hints:
        m = LINTIAN.match(line)
        assert m, line
        u = UDD.match(line)
        if m.group(1) != "C":  # UDD's gatherer knows no classification and drops those lines
            assert u and u.group(6) == m.group(4) and u.group(2) == m.group(2), line
            assert (u.group(7) or "") == (m.group(5) or "")
        d = DEBUSINE.match(line.strip())
        assert d and d.group("tag") == m.group(4), line
        if "[" in line:
            pointer = re.match(r".*\[(?P<pointer>.*)]", line).group("pointer")
            assert m.group(5).endswith(f"[{pointer}]")


def test_json_matches_ewi(cli) -> None:
    doc = json.loads(cli("--exp-output", "format=json", "-I", OVERRIDES).stdout)
    ewi = [line for line in cli("-I", OVERRIDES).stdout.splitlines() if not line.startswith("N")]
    hints = doc["groups"][0]["input_files"][0]["hints"]
    assert len(hints) == len(ewi)
    assert doc["mllint_version"] == "0.1.0" and "lintian_version" not in doc
    for h in hints:
        assert isinstance(h["pointer"]["line_position"], int)
        assert isinstance(h["experimental"], bool)


def test_output_is_deterministic_across_jobs(cli) -> None:
    a = cli("-L", ">=classification", "-j", "1", SAMPLE, POSITIVE, OVERRIDES).stdout
    b = cli("-L", ">=classification", "-j", "4", OVERRIDES, POSITIVE, SAMPLE).stdout
    assert a == b


def test_no_argument_scans_the_current_source_tree(cli) -> None:
    assert cli(cwd=Path(POSITIVE)).stdout == cli(POSITIVE).stdout
    result = cli(cwd=TESTDATA)
    assert result.returncode == 1 and "usage" in result.stderr


def test_explain_tags(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT
    run = subprocess.run([sys.executable, "-c", "from mllint.explain import main; "
                          "raise SystemExit(main())", "oversized-ml-model", "no-such-tag"],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 1
    assert run.stdout.startswith("N:\nW: oversized-ml-model\nN: \nN:   A model file")
    assert "N:   Visibility: warning\nN:   Show-Always: no\nN:   Check: model-files\nN: \n" \
        in run.stdout
    assert run.stderr == "The tag 'no-such-tag' does not exist\n"


@pytest.mark.parametrize("command", ["mllint.explain", "mllint"])
def test_output_into_a_closed_pipe_ends_quietly(command: str) -> None:
    """``... | head -1``: the reader goes away; no BrokenPipeError traceback (newcomer trial)."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    args = ["-l"] if command == "mllint.explain" else ["--list-tags"]
    proc = subprocess.Popen([sys.executable, "-m", command, *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # as head(1) does after its first line
    assert proc.stderr.read() == b""
    assert proc.wait() in (0, 141)  # all written before the close, or as SIGPIPE would


def test_ml_policy_profile_makes_star_tags_errors_in_main(cli) -> None:
    tree = str(TESTDATA / "license-unknown" / "tree")
    tag = "source-contains-ml-model-without-training-data"
    default = cli("--tags", tag, tree).stdout
    strict = cli("--tags", tag, "--profile", "ml-policy", "-i", tree)
    assert default.startswith(f"W: ") and f" {tag} " in default
    assert strict.stdout.startswith(f"N:\nE: ") and "N:   Visibility: error\n" in strict.stdout
    assert strict.returncode == 2


def test_non_printable_context_is_masked_in_ewi_only(cli, tmp_path: Path) -> None:
    tree = tmp_path / "pkg"
    shutil.copytree(TESTDATA / "model-files-positive" / "tree", tree)
    (tree / "models" / "encoder.onnx").rename(tree / "models" / "enc\x01oder.onnx")
    ewi = cli("-L", ">=classification", "--tags", "ml-model-file", str(tree)).stdout
    assert "[models/enc?oder.onnx]" in ewi
    universal = cli("--exp-output", "format=universal", "--tags", "ml-model-file", str(tree))
    assert "[models/enc\x01oder.onnx]" in universal.stdout


def test_non_utf8_file_name_is_reported_not_crashed(cli, tmp_path: Path) -> None:
    tree = tmp_path / "pkg"
    shutil.copytree(TESTDATA / "model-files-positive" / "tree", tree)
    os.rename(tree / "models" / "encoder.onnx", os.fsencode(tree / "models") + b"/enc\xff.onnx")
    result = cli("-L", ">=classification", "--tags", "ml-model-file", str(tree))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "[models/enc?.onnx]" in result.stdout


def test_json_output_is_utf8_with_non_utf8_names(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT
    tree = Path(os.fsdecode(os.fsencode(tmp_path) + b"/pkg\xfe"))
    shutil.copytree(TESTDATA / "model-files-positive" / "tree", tree)
    os.rename(tree / "models" / "encoder.onnx", os.fsencode(tree / "models") + b"/enc\xff.onnx")
    # Bytes, not text: the test must see what a JSON consumer reads.
    result = subprocess.run([sys.executable, "-m", "mllint", "--exp-output", "format=json",
                             "-L", ">=classification", "--tags", "ml-model-file", str(tree)],
                            capture_output=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "MLLINT_STRICT": "1"})
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)  # raises UnicodeDecodeError on raw 0xFF
    file, = doc["groups"][0]["input_files"]
    assert file["path"] == str(tmp_path) + "/pkg\\udcfe"
    pointers = {h["pointer"]["item"]["name"]: h["pointer"]["item"]["index"]
                for h in file["hints"]}
    assert pointers["models/enc\\udcff.onnx"] == "pkg\\udcfe (patched)"


def test_sigterm_removes_the_unpacked_dsc(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT
    dsc = TESTDATA / "binary-package" / "input" / "demo_1.0.dsc"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)}
    # A slow reader stands in for a big package: the signal arrives while checks run.
    code = ("import time, mllint.engine as e; real = e.run_group\n"
            "def slow(*a, **k):\n    time.sleep(30)\n    return real(*a, **k)\n"
            "e.run_group = slow\nimport mllint.cli as c; c.run_group = slow\n"
            "raise SystemExit(c.main([__import__('sys').argv[1]]))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(dsc)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(tmp_path.glob("mllint-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(tmp_path.glob("mllint-*")), "the .dsc was never unpacked"
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "interrupted" in err and "Traceback" not in err
    assert not any(tmp_path.glob("mllint-*"))


@pytest.mark.parametrize("content", [b"", b"!<arch>\n", b"\x00" * 100, b"!<arch>\ndebian-binary"])
def test_broken_deb_is_skipped_with_one_line(cli, tmp_path: Path, content: bytes) -> None:
    deb = tmp_path / "broken_1.0_all.deb"
    deb.write_bytes(content)
    result = cli(str(deb), *LIMIT, POSITIVE)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Skipping {deb}: ") and len(result.stderr.splitlines()) == 1
    assert "W: model-files-positive source: oversized-ml-model" in result.stdout


def test_every_option_has_a_help_line(cli) -> None:
    from mllint.cli import build_parser
    options = [action for action in build_parser()._actions if action.option_strings]
    assert len(options) > 30
    assert all(action.help and action.help != "==SUPPRESS==" for action in options), [
        action.option_strings for action in options if not action.help]
    shown = " ".join(cli("--help", env={"COLUMNS": "200"}).stdout.split())
    for action in options:
        assert action.help in shown, action.option_strings


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """A full disk under a redirect: one line naming the problem, no traceback, status 1 (the
    output is written by mllint.cli and flushed again before mllint leaves without teardown)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "mllint", POSITIVE], stdout=full,
                                stderr=subprocess.PIPE, text=True, check=False,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    assert result.stderr == "mllint: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("columns", [50, 120])
def test_help_wraps_at_the_width_columns_gives(cli, columns: int) -> None:
    lines = cli("--help", env={"COLUMNS": str(columns)}).stdout.splitlines()
    assert max(map(len, lines)) <= columns - 2
    assert max(map(len, lines)) > columns - 12


def test_help_width_without_a_terminal_is_80(cli) -> None:
    lines = cli("--help", env={"COLUMNS": "junk"}).stdout.splitlines()
    assert 70 < max(map(len, lines)) <= 78


def test_tag_display_limit_options(cli) -> None:
    """lintian's --no-tag-display-limit is --tag-display-limit 0; a negative limit, which hid
    every hint and exited 0, is a usage error."""
    assert cli("--no-tag-display-limit", POSITIVE).stdout == \
        cli("--tag-display-limit", "0", POSITIVE).stdout
    bad = cli("--tag-display-limit", "-1", POSITIVE)
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith("mllint: --tag-display-limit must be 0")


def test_emit_ml_models_without_a_source_package_fails() -> None:
    from mllint.cli import _emit_ml_models
    from mllint.processable import Group

    assert _emit_ml_models(Group("x_1", "x", "1")) == 1


@pytest.mark.parametrize("args, status", [
    (["--fail-on", "info"], 2),  # I hints exist, though -I is not given
    (["--fail-on", "warning", "-L", "=error"], 2),  # W hints exist, though hidden
    (["--fail-on", "override"], 2),  # an overridden hint, though not shown
    (["--fail-on", "error"], 0),  # no error at all
    (["--fail-on", "info", "--suppress-tags",
      "ml-model-not-covered-by-debian-copyright,ml-policy-identifier-missing"], 0),
])
def test_fail_on_counts_hints_whatever_is_displayed(cli, args: list[str], status: int) -> None:
    """SAMPLE has two W, two I and one overridden W, and no error. lintian's Pool.pm sets exit status 2 from the hints found, before it filters them for
    display; suppressed tags are not found at all (newcomer trial)."""
    assert cli(*args, SAMPLE).returncode == status


def test_unused_override_count_does_not_depend_on_the_display_level(cli, tmp_path: Path) -> None:
    tree = tmp_path / "pkg"
    shutil.copytree(SAMPLE, tree)
    overrides = tree / "debian" / "source" / "mllint-overrides"
    overrides.write_text(overrides.read_text() + "oversized-ml-model\n")
    plain, info = cli(str(tree)).stdout, cli("-I", str(tree)).stdout
    assert plain.splitlines()[-1] == info.splitlines()[-1]
    assert plain.splitlines()[-1].endswith("; 1 unused override")


def test_check_parts_run_only_the_chosen_checks(cli) -> None:
    """lintian's -C/--check-part and -X/--dont-check-part: the other checks' tags are disabled
    (so their overrides are not unused), and a name that is no check is a usage error."""
    everything = cli("-L", ">=classification", SAMPLE).stdout
    only = cli("-L", ">=classification", "-C", "model-files", SAMPLE).stdout
    but = cli("-L", ">=classification", "-X", "provenance,licensing,downloads", SAMPLE).stdout
    assert "ml-model-not-covered-by-debian-copyright" in everything
    assert only == but
    assert [line.split()[3] for line in only.splitlines() if not line.startswith("N:")] == [
        "ml-model-file", "ml-model-test-fixture"]
    assert only.splitlines()[-1].endswith("0 unused overrides")
    assert cli("-C", "downloads", "-X", "downloads", SAMPLE).stdout == ""


def _tar(entries: list[tuple[tarfile.TarInfo, io.RawIOBase | bytes | None]]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz", format=tarfile.GNU_FORMAT, compresslevel=1) as tf:
        for info, data in entries:
            tf.addfile(info, io.BytesIO(data) if isinstance(data, bytes) else data)
    return out.getvalue()


def _deb(path: Path, members: list[tuple[tarfile.TarInfo, io.RawIOBase | bytes | None]]) -> Path:
    """A .deb (ar: debian-binary, control.tar.gz, data.tar.gz) with these data members, built
    here without dpkg-deb, which refuses hostile ones."""
    tar = _tar

    control = tarfile.TarInfo("./control")
    text = b"Package: hostile\nVersion: 1.0\nArchitecture: all\nDescription: x\n x\n"
    control.size = len(text)
    parts = [(b"debian-binary", b"2.0\n"), (b"control.tar.gz", tar([(control, text)])),
             (b"data.tar.gz", tar(members))]
    blob = b"!<arch>\n"
    for name, data in parts:
        blob += b"%-16s%-12d%-6d%-6d%-8s%-10d`\n" % (name, 0, 0, 0, b"100644", len(data))
        blob += data + (b"\n" if len(data) % 2 else b"")
    path.write_bytes(blob)
    return path


def _file(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _model_bytes() -> bytes:
    header = b'{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
    return len(header).to_bytes(8, "little") + header + bytes(8)


def test_hostile_deb_members_are_skipped_with_a_warning_and_the_rest_checked(
        cli, tmp_path: Path) -> None:
    """Newcomer trial: 1,500 nested directories gave a traceback and left the unpacked copy
    behind; a path out of the tree was dropped silently; a hard link to a missing member made
    the whole package unreadable."""
    deep = "./" + "d/" * 300 + "m.safetensors"
    deeper = _file("./" + "d/" * 301 + "n.safetensors", _model_bytes())
    link = tarfile.TarInfo("./usr/share/x/link.safetensors")
    link.type, link.linkname = tarfile.LNKTYPE, "./usr/share/x/missing"
    deb = _deb(tmp_path / "hostile_1.0_all.deb", [
        _file(deep, _model_bytes()), _file("../../escape.safetensors", _model_bytes()), (link, None),
        _file("./usr/share/x/kept.safetensors", _model_bytes()), deeper])
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    result = cli("-L", ">=classification", str(deb), env={"TMPDIR": str(tmpdir)})
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == 3
    assert warnings[0] == (f"mllint: warning: {deb}: skipped member ../../escape.safetensors of "
                           "data.tar: refused (OutsideDestinationError)")
    assert warnings[1] == (f"mllint: warning: {deb}: skipped member ./usr/share/x/link.safetensors"
                           " of data.tar: hard link to a member not extracted")
    assert warnings[2] == (f"mllint: warning: {deb}: skipped member {deep} and 1 more of "
                           "data.tar: nested deeper than 256 directories")
    assert "C: hostile: ml-model-file safetensors 70B [usr/share/x/kept.safetensors]" \
        in result.stdout
    assert os.listdir(tmpdir) == []


def test_deb_that_expands_more_than_200_times_is_skipped_before_it_fills_the_disk(
        cli, tmp_path: Path) -> None:
    zeros = tarfile.TarInfo("./usr/share/x/zeros.safetensors")
    zeros.size = 100 << 20

    class Zeros(io.RawIOBase):
        left = zeros.size

        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            n = min(len(b), self.left)
            b[:n] = bytes(n)
            self.left -= n
            return n

    deb = _deb(tmp_path / "bomb_1.0_all.deb", [(zeros, io.BufferedReader(Zeros()))])
    assert deb.stat().st_size < (100 << 20) // 200
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    result = cli(str(deb), env={"TMPDIR": str(tmpdir)})
    assert result.returncode == 1
    assert result.stderr == (f"Skipping {deb}: data.tar expands more than 200 times its package "
                             "(decompression bomb?)\n")
    assert os.listdir(tmpdir) == []


def test_a_reader_that_goes_away_leaves_no_unpacked_copy(tmp_path: Path) -> None:
    """``mllint foo.deb | head -1``: killed by SIGPIPE, mllint left the unpacked .deb in
    $TMPDIR; it now unwinds, removes it, and exits as SIGPIPE would (128 + 13), quietly."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    deb = _deb(tmp_path / "many_1.0_all.deb",
               [_file(f"./usr/share/x/m{i}.safetensors", _model_bytes()) for i in range(20)])
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "mllint", "--no-tag-display-limit", "-L",
                             ">=classification", str(deb)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmpdir)})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # gone before mllint writes: its write fails with EPIPE
    assert proc.stderr.read() == b""
    assert proc.wait() == 141
    assert os.listdir(tmpdir) == []
