"""debian/ml-models pointers looked up in the tree: paths and debian/rules targets that name
nothing are reported and give no evidence (mllint.provenance.pointers, ml-policy.md §6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mllint.declaration import parse
from mllint.index import Index
from mllint.provenance import pointers
from mllint.provenance.collect import Source, collect
from mllint.provenance.report import grade
from tests.test_provenance import model_file, write

HEADER = "Format: mllint-ml-models/0.1\n\n"


@pytest.mark.parametrize(("location", "path"), [
    ("tools/train.py", "tools/train.py"),
    ("./tools/", "tools"),
    ("tools//x/../train.py", "tools/train.py"),
    ("../corpus", "../corpus"),  # outside the tree: a path, never found
    ("org/dataset", "org/dataset"),  # the spec's locations are URLs, paths or purls
    ("https://example.org/c.tar", None),
    ("https://example.org/t.git@0123abcd", None),
    ("git@salsa.debian.org:team/train.git", None),
    ("hf:org/dataset", None),
    ("pkg:deb/debian/foo-data", None),
    ("/usr/share/foo/train.py", None),
    ("~/corpus", None),
    ("$(CURDIR)/data", None),
    ("", None),
])
def test_source_path(location: str, path: str | None) -> None:
    assert pointers.source_path(location) == path


def test_find_files_directories_and_globs(tmp_path: Path) -> None:
    write(tmp_path, {"data/a/part1.csv": "1\n", "tools/train.py": "x = 1\n"})
    index = Index(tmp_path, "t")
    assert pointers.find(index, "tools/train.py") is not None
    assert pointers.find(index, "data/a") is not None  # a directory is there
    assert pointers.find(index, "data/*.csv") is not None  # DEP-5: * crosses directories
    assert pointers.find(index, "data/*.tsv") is None
    assert pointers.find(index, "tools/export.py") is None
    assert pointers.find(index, "../" + tmp_path.name + "/tools/train.py") is None
    assert pointers.missing_path(index, "tools/export.py")
    assert not pointers.missing_path(index, "https://example.org/export.py")
    assert not pointers.missing_path(index, None)


RULES = """
    #!/usr/bin/make -f
    HOOK = regen-weights
    %:
    \tdh $@

    $(HOOK):
    \tpython3 tools/train.py

    override_dh_auto_build:
    \tdh_auto_build
    """


@pytest.mark.parametrize(("rules", "command", "problem"), [
    (None, "debian/rules retrain", "no debian/rules"),
    (None, "make -f debian/rules retrain", "no debian/rules"),
    (RULES, "debian/rules regen-weights", None),
    (RULES, "./debian/rules regen-weights", None),
    (RULES, "fakeroot debian/rules regen-weights EPOCHS=3", None),
    (RULES, "DEB_BUILD_OPTIONS=nocheck debian/rules regen-weights", None),
    (RULES, "make -f debian/rules regen-weights", None),
    (RULES, "make --file=debian/rules -j4 regen-weights", None),
    (RULES, "dpkg-buildpackage --rules-target=regen-weights", None),
    (RULES, "dpkg-buildpackage -T regen-weights", None),
    (RULES, "debian/rules clean && debian/rules regen-weights", None),  # dh's %: has clean
    (RULES, "debian/rules retrain", "no target retrain in debian/rules"),  # %: is no retrain
    (RULES, "debian/rules regen-weights retrain", "no target retrain in debian/rules"),
    (RULES, "debian/rules", "no target named, only the default build of debian/rules"),
    (RULES, "make -f debian/rules", "no target named, only the default build of debian/rules"),
    (RULES, "python3 tools/train.py --epochs 3", None),
    (RULES, "python3 tools/missing.py", "no tools/missing.py in the source"),
    (RULES, "sh ./debian/retrain.sh", "no debian/retrain.sh in the source"),
    (RULES, "tools/retrain.sh", "no tools/retrain.sh in the source"),
    (RULES, "make retrain", None),  # the upstream Makefile's: not followed, counts on a chain
    (RULES, "dpkg-buildpackage -Ppkg.foo.retrain", None),
    (RULES, "debian/rules 'unbalanced", "no target 'unbalanced in debian/rules"),
])
def test_retrain_problem(tmp_path: Path, rules: str | None, command: str,
                         problem: str | None) -> None:
    write(tmp_path, {"tools/train.py": "x = 1\n"})
    if rules is not None:
        write(tmp_path, {"debian/rules": rules})
    assert pointers.retrain_problem(Index(tmp_path, "t"), command) == problem


def test_unresolved_names_field_and_line(tmp_path: Path) -> None:
    write(tmp_path, {"tools/train.py": "x = 1\n", "data/corpus.csv": "1\n"})
    decl = parse(HEADER + "Files: m.bin\n"
                 "Training-Data: a data/corpus.csv CC0-1.0\n"
                 " b data/missing.csv CC0-1.0\n"
                 " c https://example.org/c CC0-1.0\n"
                 "Training-Code: tools/train.py MIT\n"
                 " tools/gone.py MIT\n"
                 "Generated-By: tools/export.py\n"
                 "Retrain-Command: debian/rules\n"
                 "  retrain\n")
    found = pointers.unresolved(decl.stanzas[0], Index(tmp_path, "t"))
    assert [(u.line, u.note) for u in found] == [
        (5, "Training-Data data/missing.csv"),
        (8, "Training-Code tools/gone.py"),
        (9, "Generated-By tools/export.py"),
        (10, "Retrain-Command debian/rules retrain (no debian/rules)"),
    ]


def test_generated_by_tool_name_is_not_a_path(tmp_path: Path) -> None:
    decl = parse(HEADER + "Files: m.bin\nGenerated-By: tf2onnx 1.9 (tools/ in upstream git)\n")
    assert pointers.unresolved(decl.stanzas[0], Index(tmp_path, "t")) == []


def _graded(root: Path, declaration: str) -> tuple[int, int, list[str]]:
    """(data level, pipeline level, what of each pipeline item) of models/m.safetensors."""
    write(root, {"debian/ml-models": HEADER + declaration})
    model_file(root / "models" / "m.safetensors")
    index = Index(root, "t")
    models = [i for i in index.files() if i.model is not None]
    decl = parse((root / "debian" / "ml-models").read_text(), "debian/ml-models")
    me = grade(models[0], collect(Source(index, models, declaration=decl)))
    return me.data_level, me.pipeline_level, [e.what for e in me.pipeline]


def test_missing_paths_give_no_evidence(tmp_path: Path) -> None:
    data, pipeline, whats = _graded(tmp_path, "Files: models/m.safetensors\n"
                                    "Training-Data: local data/corpus.csv CC0-1.0\n"
                                    "Training-Code: tools/train.py MIT\n"
                                    "Generated-By: tools/export.py\n"
                                    "Retrain-Command: debian/rules retrain\n")
    assert (data, pipeline, whats) == (0, 0, [])


def test_present_paths_count(tmp_path: Path) -> None:
    write(tmp_path, {"data/corpus.csv": "1,2\n", "tools/train.py": "x = 1\n",
                     "tools/export.py": "y = 2\n"})
    data, pipeline, whats = _graded(tmp_path, "Files: models/m.safetensors\n"
                                    "Training-Data: local ./data/corpus.csv CC0-1.0\n"
                                    "Training-Code: tools/train.py MIT\n"
                                    "Generated-By: tools/export.py\n")
    assert (data, pipeline) == (4, 3)
    assert sorted(whats) == ["declared-code", "export-step"]


def test_retrain_command_needs_the_target_and_the_chain(tmp_path: Path) -> None:
    write(tmp_path, {"tools/train.py": "x = 1\n", "tools/export.py": "y = 2\n",
                     "debian/rules": "#!/usr/bin/make -f\n%:\n\tdh $@\nregen:\n\ttrue\n"})
    chain = "Training-Code: tools/train.py MIT\nGenerated-By: tools/export.py\n"
    stanza = "Files: models/m.safetensors\n"
    assert _graded(tmp_path, stanza + chain + "Retrain-Command: debian/rules regen\n")[1] == 4
    assert _graded(tmp_path, stanza + chain + "Retrain-Command: debian/rules retrain\n")[1] == 3
    # a real target without training code or exporter is no pipeline (P4 is P3 plus a hook)
    assert _graded(tmp_path, stanza + "Retrain-Command: debian/rules regen\n")[1] == 0
