"""Unit tests of the provenance evidence collectors and the classification rule."""

from __future__ import annotations

import ast
import json
import struct
from pathlib import Path
from textwrap import dedent

import pytest

from mllint.formats import ModelInfo
from mllint.index import Index, Item, Pointer
from mllint.provenance import makefile, prose, pyscan
from mllint.provenance.collect import Source, collect
from mllint.provenance.commands import invocations
from mllint.provenance.evidence import Evidence
from mllint.provenance.report import ModelEvidence, classify, grade, note


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"))


def model_file(path: Path) -> None:
    header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
    header += b" " * (-len(header) % 8)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(struct.pack("<Q", len(header)) + header + bytes(8))


def collected(root: Path, build_depends: frozenset[str] = frozenset()):
    index = Index(root, "test")
    models = [i for i in index.files() if i.model is not None]
    return index, models, collect(Source(index, models, build_depends))


# --- makefile and command reading -------------------------------------------------------------

def test_makefile_expands_variables_and_keeps_profile_guards() -> None:
    mk = makefile.parse(dedent("""
        stem = net
        $(stem).model: $(stem).xml
        \ttrainer $<
        ifneq (,$(filter retrain,$(DEB_BUILD_PROFILES)))
        retrain:
        \tsvm-train a b
        else
        other:
        \ttrue
        endif
        """))
    first, retrain, other = mk.rules
    assert mk.expand(first.targets[0]) == "net.model"
    assert mk.expand(first.recipe[0][1], "net.model", ("net.xml",)) == "trainer net.xml"
    assert retrain.guards[0].directive == "ifneq" and not retrain.guards[0].negated
    assert other.guards[0].negated


def test_command_position_decides_not_the_word() -> None:
    assert [i.tool.name for i in invocations("V=1 ../src/hmmbuild a.hmm a.sto")] == ["hmmbuild"]
    assert invocations("echo tegaki-build is not run here") == []
    assert invocations("fasttext predict model.bin x") == []  # needs a training sub-command
    assert invocations("cd tools && python3 train.py")[0].script == "train.py"


# --- Python ---------------------------------------------------------------------------------

def py(text: str) -> pyscan.PyFacts | None:
    return pyscan.scan(ast.parse(text), text)


def test_python_training_loop_and_save_are_found() -> None:
    facts = py("for x in d:\n    loss.backward()\n    opt.step()\ntorch.save(m, 'n.pt')\n")
    assert facts is not None
    assert facts.training == [("training-loop", 2)] and facts.saves == [4]


def test_python_train_mode_switch_is_not_training() -> None:
    facts = py("model.train()\nmodel.eval()\nout = model(x)\n")
    assert facts is not None and facts.training == []


def test_python_fit_on_a_class_is_not_training() -> None:
    facts = py("console.print(Panel.fit(message, padding=1))\nImageOps.fit(im, (64, 64))\n"
               "np.polynomial.Polynomial.fit(x, y, 3)\nLogisticRegression().fit(X, y)\n"
               "self.model.fit(X, y)\n")
    assert facts is not None and facts.training == [("fit-call", 4), ("fit-call", 5)]


def test_python_unparsable_file_gives_no_facts(tmp_path: Path) -> None:
    write(tmp_path, {"broken.py": "def (:\n    loss.backward()\n"})
    assert pyscan.facts_of(Index(tmp_path, "t").lookup("broken.py")) is None


# --- prose ------------------------------------------------------------------------------------

def test_prose_url_after_a_code_sentence_is_not_data() -> None:
    hits = prose.scan("The training data is at\nhttps://d.example/x\n"
                      "The training code is at\nhttps://git.example/y\n")
    assert [(h.what, h.detail) for h in hits if h.detail] == [("data-url", "https://d.example/x")]


def test_prose_dataset_word_alone_gives_no_url_evidence() -> None:
    hits = prose.scan("Load any dataset from https://example.org/data.csv\n")
    assert [h.what for h in hits] == ["data-mention"]


# --- collection on trees ----------------------------------------------------------------------

def test_make_rule_building_the_model_from_shipped_data(tmp_path: Path) -> None:
    """The tegaki-zinnia-japanese shape: the Makefile builds the shipped model with a trainer
    from data beside it; debian/rules skips the upstream build."""
    write(tmp_path, {
        "Makefile": "m=hw\n$(m).safetensors: $(m).xml\n\ttegaki-build -t $(m).xml zinnia x\n",
        "hw.xml": "<strokes/>\n",
        "debian/rules": "%:\n\tdh $@\noverride_dh_auto_build:\n",
    })
    model_file(tmp_path / "hw.safetensors")
    _, models, found = collected(tmp_path)
    me = grade(models[0], found)
    assert (me.data_level, me.pipeline_level) == (4, 3)
    assert me.pipeline_best is not None and me.pipeline_best.scope("hw.safetensors") == \
        "built by a make rule"
    assert found.default_build_training == []


def test_upstream_default_goal_training_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {
        "Makefile": "all: lm.arpa\nlm.arpa: corpus.txt\n\tlmplz -o 3 < corpus.txt > lm.arpa\n",
        "debian/rules": "%:\n\tdh $@\n",
    })
    _, _, found = collected(tmp_path)
    assert [(str(p), c) for p, c in found.default_build_training] == [("Makefile:3", "lmplz")]


def test_profile_guarded_training_is_a_hook_not_default_build(tmp_path: Path) -> None:
    write(tmp_path, {"debian/rules": dedent("""
        %:
        \tdh $@
        ifneq (,$(filter pkg.x.retrain,$(DEB_BUILD_PROFILES)))
        override_dh_auto_build:
        \tsvm-train data.svm m.safetensors
        endif
        """)})
    model_file(tmp_path / "m.safetensors")
    _, models, found = collected(tmp_path)
    assert found.default_build_training == []
    assert grade(models[0], found).pipeline_level == 4  # trainer builds it (P3) + profile


def test_ifeq_nocheck_style_guard_still_default_build(tmp_path: Path) -> None:
    write(tmp_path, {"debian/rules": dedent("""
        override_dh_auto_build:
        ifeq (,$(filter noretrain,$(DEB_BUILD_PROFILES)))
        \tsvm-train data.svm m.model
        endif
        """)})
    _, _, found = collected(tmp_path)
    assert [c for _, c in found.default_build_training] == ["svm-train"]


def test_same_stem_json_is_config_not_data(tmp_path: Path) -> None:
    write(tmp_path, {"voice.json": "{}", "voice.sto": "# STOCKHOLM 1.0\n"})
    model_file(tmp_path / "voice.safetensors")
    _, models, found = collected(tmp_path)
    me = grade(models[0], found)
    assert [e.detail for e in me.data] == ["voice.sto"]


def test_evidence_naming_another_model_does_not_count(tmp_path: Path) -> None:
    write(tmp_path, {"train.py": "m.fit(X, y)\nsave_file(w, 'a.safetensors')\n"})
    model_file(tmp_path / "a.safetensors")
    model_file(tmp_path / "b.safetensors")
    _, models, found = collected(tmp_path)
    levels = {m.name: grade(m, found).pipeline_level for m in models}
    assert levels == {"a.safetensors": 3, "b.safetensors": 0}


def test_script_naming_the_model_but_writing_another_file_is_no_exporter(tmp_path: Path) -> None:
    """hmmer's gen-inclusions.py runs the tutorial and writes inclusions.def."""
    write(tmp_path, {"doc/gen.py": "run(['hmmbuild', 'm.safetensors'])\n"
                                   "with open('inclusions.def', 'w') as f:\n    f.write('x')\n"})
    model_file(tmp_path / "m.safetensors")
    _, models, found = collected(tmp_path)
    assert grade(models[0], found).pipeline == []


def test_test_directories_are_not_the_pipeline(tmp_path: Path) -> None:
    write(tmp_path, {"tests/test_fit.py": "clf.fit(X, y)\n"})
    model_file(tmp_path / "m.safetensors")
    _, models, found = collected(tmp_path)
    assert grade(models[0], found).pipeline_level == 0


def test_unshipped_checkpoint_from_a_generated_model(tmp_path: Path) -> None:
    (tmp_path / "dnn").mkdir()
    (tmp_path / "dnn" / "dump_pitch.py").write_text("print('x')\n")
    (tmp_path / "dnn" / "pitch_data.c").write_text("/* generated */\n")
    index = Index(tmp_path, "test")
    item = index.lookup("dnn/pitch_data.c")
    assert item is not None
    info = ModelInfo("c-array", extra={"generated_from": "pitch.pth",
                                       "banner": "Auto generated by dump_pitch.py from pitch.pth"})
    info.provenance.training_inputs.append("pitch.pth")
    item._parsed = (info, None)
    found = collect(Source(index, [item]))
    me = grade(item, found)
    assert me.checkpoints == ["pitch.pth"]
    assert me.data_level == 0  # a checkpoint is not training data
    assert me.pipeline_level == 1  # the exporter alone, no training code
    assert note(me, "BSD-3-Clause") == (
        "data=E0 pipeline=P1 (export step at dnn/pitch_data.c, banner) license=BSD-3-Clause "
        "checkpoint=pitch.pth")
    assert classify(me, "free") == "toxic-candy"


def test_training_file_a_model_records_is_cited_where_it_is_shipped(tmp_path: Path) -> None:
    """LightGBM records its training file; shipped beside the model, the note points at it."""
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "model.txt").write_text("tree\n")
    (tmp_path / "m" / "binary.train").write_text("1 0.5 0.25\n0 0.75 0.5\n")
    index = Index(tmp_path, "test")
    item = index.lookup("m/model.txt")
    assert item is not None
    info = ModelInfo("lightgbm")
    info.provenance.training_inputs += ["binary.train", "binary.test"]
    item._parsed = (info, None)
    me = grade(item, collect(Source(index, [item])))
    assert me.data_level == 4
    assert note(me, "MIT").startswith(
        "data=E4 (data in the source at m/binary.train, recorded in the model) pipeline=P0")


# --- classification ---------------------------------------------------------------------------

def _me(data: int, pipeline: int, license: str | None = "CC0-1.0") -> ModelEvidence:
    where = Pointer("README", 1)
    return ModelEvidence("m", data=[Evidence("data", data, "shipped-data", where, license=license)],
                         data_level=data, pipeline_level=pipeline)


@pytest.mark.parametrize("verdict,expected", [
    ("free", "free"), ("non-free", "non-free"), ("use-restricted", "non-free"),
    ("unknown", "unclassified"),
])
def test_licence_decides_first(verdict: str, expected: str) -> None:
    assert classify(_me(4, 3), verdict) == expected


def test_free_needs_a_free_data_licence_at_the_threshold() -> None:
    assert classify(_me(3, 3, license=None), "free") == "toxic-candy"
    assert classify(_me(3, 3, license="CC-BY-NC-4.0"), "free") == "toxic-candy"


def test_osaid_threshold_accepts_a_data_pointer() -> None:
    assert classify(_me(2, 3, license=None), "free", free_data_level=3) == "toxic-candy"
    assert classify(_me(2, 3, license=None), "free", free_data_level=2) == "free"
    assert classify(_me(2, 3, license="CC-BY-NC-4.0"), "free", free_data_level=2) == \
        "toxic-candy"


def test_note_says_levels_where_and_why_not_free() -> None:
    text = note(_me(3, 1, license=None), "GPL-3+")
    assert text == ("data=E3 (data in the source at README:1, package-wide) pipeline=P1 "
                    "license=GPL-3+ data-license=unknown")
    assert "[" not in note(_me(0, 0), "(weird] [licence")


def test_hook_without_a_complete_chain_does_not_raise_the_level() -> None:
    from mllint.provenance.collect import Collected

    item = Item("m.bin", "/nonexistent", 1, 0o100644, None, None)  # type: ignore[arg-type]
    hook = Evidence("pipeline", 4, "rules-hook", Pointer("debian/rules", 3))
    code = Evidence("pipeline", 2, "fit-call", Pointer("train.py", 1))
    assert grade(item, Collected([hook, code])).pipeline_level == 2
    declared = Evidence("pipeline", 4, "retrain-command", Pointer("debian/ml-models", 4),
                        ("m.bin",), "declared")
    # a declared Retrain-Command is a hook like the others: "P4 if the chain is P3" (§6)
    assert grade(item, Collected([declared])).pipeline_level == 0
    assert grade(item, Collected([declared, code])).pipeline_level == 2
    chain = Evidence("pipeline", 3, "train-and-save", Pointer("train.py", 9), ("m.bin",))
    assert grade(item, Collected([declared, chain])).pipeline_level == 4


# --- the check on a group: binary traced to source, profiles ---------------------------------

def _run(p, profile: str = "debian") -> list[str]:
    from mllint.engine import Options, run_checks
    from mllint.profiles import load_profile

    hints = run_checks(p, Options(load_profile(profile)))
    return [f"{h.tag} {h.context}" for h in hints if h.check == "provenance"]


def _source_with_model(root: Path) -> None:
    write(root, {
        "debian/control": "Source: traced\n\nPackage: traced-data\nArchitecture: all\n",
        "debian/changelog": "traced (1.0-1) unstable; urgency=medium\n\n  * x\n\n"
                            " -- A <a@b.c>  Mon, 30 Nov 2026 12:00:00 +0000\n",
        "debian/copyright": "Format: https://www.debian.org/doc/packaging-manuals/"
                            "copyright-format/1.0/\n\nFiles: *\nCopyright: 2026 A\n"
                            "License: MIT\n",
        "README": "The network was trained on the Foo corpus.\n",
    })
    model_file(root / "models" / "net.safetensors")


def test_binary_model_is_traced_to_the_source_in_one_run(tmp_path: Path) -> None:
    from mllint.processable import Group, binary_from_tree, source_from_tree

    _source_with_model(tmp_path / "src")
    binary = tmp_path / "bin"
    write(binary, {"DEBIAN/control": "Package: traced-data\nVersion: 1.0-1\nSource: traced\n"
                                     "Architecture: all\n"})
    model_file(binary / "usr" / "share" / "traced" / "net.safetensors")
    model_file(binary / "usr" / "share" / "traced" / "built.safetensors")  # made by the build
    group = Group("traced_1.0-1", "traced", "1.0-1")
    deb = binary_from_tree(binary, "bin")
    group.add(source_from_tree(tmp_path / "src", "src"))
    group.add(deb)
    assert _run(deb) == [
        "ml-policy-unclassified-model license=unknown no same-named file of this size in the "
        "source [usr/share/traced/built.safetensors]",
        "ml-policy-toxic-candy-model source=models/net.safetensors data=E1 (dataset named in "
        "prose at README:1, package-wide) pipeline=P0 license=MIT "
        "[usr/share/traced/net.safetensors]"]
    alone = binary_from_tree(binary, "bin")
    Group("x", "traced", "1.0-1").add(alone)
    assert _run(alone)[1:] == ["ml-policy-unclassified-model license=unknown source not in this "
                               "run [usr/share/traced/net.safetensors]"]


def test_profiles_change_the_threshold_not_the_evidence(tmp_path: Path) -> None:
    from mllint.processable import Group, source_from_tree

    _source_with_model(tmp_path)
    write(tmp_path, {"models/README.md": "---\ndatasets:\n  - foo-corpus\n---\n",
                     "train.py": "m.fit(X, y)\nsave_file(w, 'net.safetensors')\n"})
    classes = {}
    for profile in ("debian", "osaid"):
        p = source_from_tree(tmp_path, "t")
        Group("g", "traced", "1").add(p)
        classes[profile] = [h.split()[0] for h in _run(p, profile) if "policy" in h]
    assert classes == {"debian": ["ml-policy-toxic-candy-model"],
                       "osaid": ["ml-policy-free-model"]}


def test_declared_training_data_levels(tmp_path: Path) -> None:
    from mllint.declaration import parse

    write(tmp_path, {"corpus/a.txt": "text\n"})
    model_file(tmp_path / "m.safetensors")
    (tmp_path / "debian").mkdir()
    text = ("Format: mllint-ml-models/0.1\n\nFiles: m.safetensors\n"
            "Training-Data: web https://example.org/web.tar none\n"
            " local corpus CC0-1.0\n"
            " packaged pkg:deb/debian/foo-data CC0-1.0\n"
            " other pkg:deb/debian/bar-data CC0-1.0\n"
            "Training-Data-Availability: {}\n")
    # ml-policy.md: data declared private, on request or of unknown availability is E1 at most.
    # A location outside the source is E2 (a declaration points, it does not vouch); what the
    # build has (a path in the tree, a build-dependency) is E4.
    for availability, expected in (("directDownload", [2, 4, 4, 2]), ("private", [1, 1, 1, 1]),
                                   ("on-request", [1, 1, 1, 1]), ("unknown", [1, 1, 1, 1])):
        (tmp_path / "debian" / "ml-models").write_text(text.format(availability))
        decl = parse((tmp_path / "debian" / "ml-models").read_text())
        index = Index(tmp_path, "test")
        models = [index.lookup("m.safetensors")]
        found = collect(Source(index, models, frozenset({"foo-data"}), decl))
        me = grade(models[0], found)
        assert [e.level for e in me.data] == expected, availability
        open_data = availability == "directDownload"
        assert [e.external for e in me.data] == [open_data, False, False, False]


def test_same_dataset_from_card_and_declaration_is_one_hint(tmp_path: Path) -> None:
    from mllint.processable import Group, source_from_tree

    _source_with_model(tmp_path)
    write(tmp_path, {
        "models/README.md": "---\ndatasets:\n  - imagenet-1k\nbase_model: org/base\n---\n",
        "debian/ml-models": "Format: mllint-ml-models/0.1\n\nFiles: models/net.safetensors\n"
                            "Training-Data: imagenet-1k none LicenseRef-research-only\n"
                            "Base-Model: org/base https://example.org/base MIT\n",
    })
    p = source_from_tree(tmp_path, "t")
    Group("g", "traced", "1").add(p)
    hints = _run(p)
    assert [h for h in hints if "not-dfsg-free" in h] == [
        "ml-model-training-data-not-dfsg-free imagenet-1k LicenseRef-research-only "
        "[models/net.safetensors]"]
    assert [h for h in hints if "base-model" in h.split()[0]] == [
        "ml-model-derived-from-base-model-without-source org/base [models/net.safetensors]"]


def test_prose_words_match_whole_words_only() -> None:
    """aom's README: "Incorporating Reviewer Comments" is not about corpora."""
    assert prose.scan("- Incorporating Reviewer Comments\n- retrainers welcome\n") == []


def test_dataset_fetches_count_in_training_and_download_scripts_only(tmp_path: Path) -> None:
    write(tmp_path, {
        "train.py": "from sklearn.datasets import fetch_openml\nX = fetch_openml('mnist_784')\n"
                    "clf.fit(X, y)\n",
        "scripts/download_data.sh": "wget https://example.org/corpus/train.csv.gz\n",
        "demo/plot.py": "from sklearn.datasets import fetch_openml\nfetch_openml('iris')\n",
    })
    model_file(tmp_path / "m.safetensors")
    _, models, found = collected(tmp_path)
    fetched = sorted((str(e.where), e.detail) for e in grade(models[0], found).data
                     if e.what == "data-download")
    assert fetched == [("scripts/download_data.sh:1", "https://example.org/corpus/train.csv.gz"),
                       ("train.py:2", "mnist_784")]


def test_machine_readable_pointers_bom_and_dvc(tmp_path: Path) -> None:
    bom = {"bomFormat": "CycloneDX", "components": [{
        "type": "machine-learning-model", "name": "m",
        "modelCard": {"modelParameters": {"datasets": [{"ref": "corpus-1"}]}}}]}
    write(tmp_path, {"sbom.json": json.dumps(bom),
                     "data/corpus.dvc": "outs:\n- md5: 0123456789abcdef0123456789abcdef\n"
                                        "  path: corpus\n"})
    model_file(tmp_path / "m.safetensors")
    _, models, found = collected(tmp_path)
    me = grade(models[0], found)
    assert sorted((e.what, e.level) for e in me.data) == [("bom-datasets", 2), ("dvc", 3)]
    assert me.external_only


def test_a_bom_without_datasets_is_no_evidence(tmp_path: Path) -> None:
    write(tmp_path, {"sbom.json": json.dumps({"bomFormat": "CycloneDX", "components": [
        {"type": "library", "name": "numpy"}]})})
    model_file(tmp_path / "m.safetensors")
    _, models, found = collected(tmp_path)
    assert grade(models[0], found).data == []


def test_self_referencing_make_variables_stay_bounded() -> None:
    mk = makefile.parse("A = $(A)$(A)$(A)$(A)$(A)$(A)$(A)$(A) " + "x" * 4000 + "\n")
    assert len(mk.expand("$(A)")) <= makefile.MAX_EXPANDED


def test_only_targets_the_build_runs_are_default_build(tmp_path: Path) -> None:
    write(tmp_path, {"debian/rules": dedent("""
        %:
        \tdh $@
        retrain: override_dh_auto_build
        \tlmplz -o 3 < corpus.txt > lm.arpa
        override_dh_auto_build:
        \tsvm-train data.svm m.model
        get-orig-source:
        \tspm_train --input=corpus.txt
        ifneq (,$(filter pkg.x.retrain,$(DEB_BUILD_PROFILES)))
        build-indep:
        \tcrf_learn template train.data model
        endif
        binary:
        \tdh binary
        \tfasttext supervised -input a -output b
        """)})
    _, _, found = collected(tmp_path)
    assert [(str(p), c) for p, c in found.default_build_training] == [
        ("debian/rules:6", "svm-train"), ("debian/rules:15", "fasttext")]


def test_self_play_generator_is_shipped_data(tmp_path: Path) -> None:
    write(tmp_path, {"train.py": "import gym\nenv = gym.make('Backgammon-v0')\n"
                                 "for ep in range(9):\n    loss.backward()\n    opt.step()\n"})
    model_file(tmp_path / "m.safetensors")
    _, models, found = collected(tmp_path)
    me = grade(models[0], found)
    assert [(e.what, e.level, str(e.where)) for e in me.data] == [("self-play", 4, "train.py:2")]


def test_trainer_program_source_that_writes_the_format(tmp_path: Path) -> None:
    """hmmer: src/hmmbuild.c is the trainer and writes HMMER3 text itself."""
    write(tmp_path, {"src/hmmbuild.c": "#include <stdio.h>\nint\nmain(int argc, char **argv)\n{}\n",
                     "src/hmmbuild_test.h": "int main(void);\n",
                     "tutorial/globins4.sto": "# STOCKHOLM 1.0\n"})
    (tmp_path / "tutorial" / "globins4.hmm").write_text("HMMER3/f\n")
    index = Index(tmp_path, "test")
    item = index.lookup("tutorial/globins4.hmm")
    item._parsed = (ModelInfo("hmmer"), None)
    me = grade(item, collect(Source(index, [item])))
    assert (me.data_level, me.pipeline_level) == (4, 3)
    assert me.pipeline_best is not None and str(me.pipeline_best.where) == "src/hmmbuild.c:2"


def test_shipped_data_under_a_non_free_licence(tmp_path: Path) -> None:
    from mllint.processable import Group, source_from_tree

    _source_with_model(tmp_path)
    write(tmp_path, {
        "debian/copyright": "Format: https://www.debian.org/doc/packaging-manuals/"
                            "copyright-format/1.0/\n\nFiles: *\nCopyright: 2026 A\nLicense: MIT\n"
                            "\nFiles: data/*\nCopyright: 2026 B\nLicense: CC-BY-NC-4.0\n",
        "data/faces.csv": "1,2\n",
        "train.py": "X = load('data/faces.csv')\nm.fit(X)\nsave_file(w, 'net.safetensors')\n",
    })
    p = source_from_tree(tmp_path, "t")
    Group("g", "traced", "1").add(p)
    hints = _run(p)
    assert "ml-model-training-data-not-dfsg-free data/faces.csv CC-BY-NC-4.0 " \
           "[models/net.safetensors]" in hints
    assert [h.split()[0] for h in hints if "policy" in h] == ["ml-policy-toxic-candy-model"]


def test_config_and_vocabulary_read_by_training_are_not_data(tmp_path: Path) -> None:
    write(tmp_path, {"config.json": "{}", "vocab.txt": "a\n", "train.txt": "a b\n",
                     "train.py": "c = open('config.json')\nv = open('vocab.txt')\n"
                                 "d = open('train.txt')\nm.fit(d)\n"})
    model_file(tmp_path / "m.safetensors")
    _, models, found = collected(tmp_path)
    assert [e.detail for e in grade(models[0], found).data] == ["train.txt"]


def _mecab_matrix(root: Path) -> None:
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent / "formats"))
    from builders import mecab_matrix_def

    (root / "dic").mkdir(parents=True, exist_ok=True)
    (root / "dic" / "matrix.def").write_bytes(mecab_matrix_def(4, 4))


def test_mecab_trainer_source_completes_the_chain_to_matrix_def(tmp_path: Path) -> None:
    """MeCab's own source: mecab-cost-train.cpp is the CRF trainer of the mecab format; the
    matrix.def beside it is read by the real reader, not stubbed."""
    write(tmp_path, {"src/mecab-cost-train.cpp":
                     '#include "mecab.h"\n\nint main(int argc, char **argv) {\n'
                     "  return mecab_cost_train(argc, argv);\n}\n"})
    _mecab_matrix(tmp_path)
    _, models, found = collected(tmp_path)
    assert [m.name for m in models] == ["dic/matrix.def"]
    me = grade(models[0], found)
    assert me.pipeline_level == 3 and me.data_level == 0
    assert me.pipeline_best is not None and str(me.pipeline_best.where) == \
        "src/mecab-cost-train.cpp:3"


def test_mecab_dict_gen_rule_is_the_export_step(tmp_path: Path) -> None:
    write(tmp_path, {"dic/Makefile": "matrix.def: model\n\tmecab-dict-gen -d seed -o . -m model\n"})
    _mecab_matrix(tmp_path)
    _, models, found = collected(tmp_path)
    me = grade(models[0], found)
    assert [(e.what, e.level, e.detail, str(e.where)) for e in me.pipeline] == [
        ("export-step", 3, "mecab-dict-gen", "dic/Makefile:2")]


def test_fast_walk_visits_what_ast_walk_visits_in_the_same_order() -> None:
    from mllint.pyast import walk  # noqa: PLC0415 - the one test of the walker
    source = Path(pyscan.__file__).read_text()
    tree = ast.parse(source + "\nglobal_names = 1\ndef f():\n    global global_names\n")
    assert [id(n) for n in walk(tree)] == [id(n) for n in ast.walk(tree)]


def test_training_script_over_one_mib_is_still_read(tmp_path: Path) -> None:
    # The parse limit is Item.python_ast's 4 MiB: a skip test reading only 1 MiB of text
    # (text_of) would have passed over this script without parsing it.
    model_file(tmp_path / "net.safetensors")
    (tmp_path / "train.py").write_text("# " + "x" * 1_200_000 + "\n"
                                       "for batch in data:\n    loss.backward()\n    opt.step()\n")
    _, _, found = collected(tmp_path)
    assert [(e.what, e.where.name) for e in found.evidence if e.kind == "pipeline"] == [
        ("training-loop", "train.py")]
