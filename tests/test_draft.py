"""--emit-ml-models drafts (mllint/draft.py)."""

from __future__ import annotations

import hashlib
import json
import re
import struct
from pathlib import Path

from mllint import declaration
from mllint.declaration import FIELDS, Placeholder
from mllint.draft import draft_declaration
from mllint.index import Index
from mllint.processable import Processable


def _safetensors(path: Path, meta: dict[str, str]) -> None:
    header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                         "__metadata__": meta}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(struct.pack("<Q", len(header)) + header + bytes(8))


def _source(root: Path) -> Processable:
    return Processable(type="source", name="foo", version="1", architecture="source",
                       path=str(root), patched=Index(root, "t"))


TESTDATA = Path(__file__).resolve().parent.parent / "testdata"


def _unfilled(parsed: declaration.Declaration) -> list[tuple[int, str]]:
    """(line, field) of each problem, all of which must be unfilled placeholders."""
    found = []
    for problem in parsed.problems:
        field = problem.note.removeprefix("placeholder not filled in: ")
        assert (problem.kind, field) != ("syntax-error", problem.note), problem
        found.append((problem.line, field))
    return found


def test_draft_fills_in_what_was_detected_and_parses_cleanly(tmp_path: Path) -> None:
    _safetensors(tmp_path / "models" / "a*b.safetensors", {"license": "Apache-2.0"})
    (tmp_path / "models" / "README.md").write_text(
        "---\ndatasets: [org/corpus]\nbase_model: org/base\n---\n")
    (tmp_path / "debian").mkdir()
    text = draft_declaration(_source(tmp_path))
    digest = hashlib.sha256((tmp_path / "models" / "a*b.safetensors").read_bytes()).hexdigest()
    assert f"Files: models/a\\*b.safetensors\nFormat: safetensors\nSHA256: {digest}\n" \
           "License: Apache-2.0\nBase-Model: org/base <location> <license>\n" \
           "Training-Data: org/corpus <location> <license>\n" in text
    parsed = declaration.parse(text)
    # Only the placeholders are problems, each reported at its line, and none is a value.
    assert _unfilled(parsed) == [(10, "Base-Model"), (11, "Training-Data"),
                                 (12, "Training-Data-Availability"), (13, "Training-Code")]
    stanza = parsed.for_file("models/a*b.safetensors")
    assert stanza.sha256 == digest
    assert (stanza.base_model, stanza.training_data, stanza.training_code,
            stanza.training_data_availability) == ((), (), (), None)
    assert parsed.for_file("models/aXb.safetensors") is None
    # Every <...> the draft writes in a stanza is one of the shared placeholders, so the parser
    # recognises all of them (the header Comment is prose).
    stanzas = text.split("\n\n", 1)[1]
    assert set(re.findall(r"<[^>]*>", stanzas)) <= set(Placeholder)


def test_draft_keeps_declared_values_and_refreshes_the_checksum(tmp_path: Path) -> None:
    _safetensors(tmp_path / "m.safetensors", {})
    (tmp_path / "debian").mkdir()
    (tmp_path / "debian" / "ml-models").write_text(
        "Format: mllint-ml-models/0.1\n\nFiles: *.safetensors\nSHA256: " + "0" * 64 +
        "\nTraining-Data: corpus https://example.org/c CC0-1.0\n other none none\n"
        "ML-Policy-Class: toxic-candy\n")
    parsed = declaration.parse(draft_declaration(_source(tmp_path)))
    stanza = parsed.for_file("m.safetensors")
    # The gaps are filled with placeholders, which are reported and stay absent.
    assert [f for _, f in _unfilled(parsed)] == ["Training-Data-Availability", "Training-Code"]
    assert stanza.files == ("m.safetensors",)
    assert stanza.sha256 != "0" * 64
    assert [d.name for d in stanza.training_data] == ["corpus", "other"]
    assert stanza.ml_policy_class == "toxic-candy"
    assert stanza.training_data_availability is None


def test_redrafting_keeps_filled_lines_and_redrafts_placeholder_lines(tmp_path: Path) -> None:
    """A placeholder line of an existing declaration is not a declared value: re-running the
    draft writes what is detected (here the card's dataset) or a fresh placeholder there.
    Each step is its own tree: parsed declarations are cached by path."""
    for step in ("fresh", "unedited", "edited"):
        _safetensors(tmp_path / step / "m.safetensors", {})
        (tmp_path / step / "debian").mkdir()
    first = draft_declaration(_source(tmp_path / "fresh"))
    (tmp_path / "unedited" / "debian" / "ml-models").write_text(first)
    assert draft_declaration(_source(tmp_path / "unedited")) == first  # a fixed point
    placeholder = FIELDS["training-code"].placeholder
    (tmp_path / "edited" / "debian" / "ml-models").write_text(first.replace(
        f"Training-Code: {placeholder}", f"Training-Code: tools/train.py MIT\n {placeholder}"))
    (tmp_path / "edited" / "README.md").write_text("---\ndatasets: [org/corpus]\n---\n")
    text = draft_declaration(_source(tmp_path / "edited"))
    stanza = declaration.parse(text).for_file("m.safetensors")
    assert [(c.location, c.license) for c in stanza.training_code] == [("tools/train.py", "MIT")]
    assert placeholder not in text
    assert "\nTraining-Data: org/corpus <location> <license>\n" in text


def test_no_models_gives_the_header_only(tmp_path: Path) -> None:
    (tmp_path / "README").write_text("nothing\n")
    text = draft_declaration(_source(tmp_path))
    assert declaration.parse(text).problems == []
    assert "Files:" not in text


def test_cli_emits_a_draft_for_a_source_tree(cli) -> None:
    tree = TESTDATA / "ml-models-correct" / "tree"
    result = cli("--emit-ml-models", str(tree))
    assert (result.returncode, result.stderr) == (0, "")
    parsed = declaration.parse(result.stdout)
    assert {f for _, f in _unfilled(parsed)} == {"Training-Data", "Training-Data-Availability",
                                                 "Training-Code"}
    for name in ("models/encoder.safetensors", "models/decoder.safetensors"):
        digest = hashlib.sha256((tree / name).read_bytes()).hexdigest()
        assert parsed.for_file(name).sha256 == digest
    # The decoder's class is kept from its stanza; as in DEP-5 a later stanza replaces an earlier
    # one entirely, so the encoder's own stanza (SHA256 and License only) had none, and the
    # draft fills the gap with the inferred class.
    assert parsed.for_file("models/decoder.safetensors").ml_policy_class == "toxic-candy"
    encoder = parsed.for_file("models/encoder.safetensors")
    assert encoder.ml_policy_class == "toxic-candy"
    assert encoder.training_code == ()  # a placeholder, for the maintainer, is no value
    assert encoder.unfilled_lines == [encoder.line_of("Files") + n for n in (4, 5, 6)]


def test_unedited_golden_package_holds_exactly_the_draft(cli) -> None:
    """testdata/ml-models-draft-unedited/tree/debian/ml-models is what --emit-ml-models writes
    (testdata/fixtures/ml_models_draft.py generates it): its golden hints are about the
    draft as users get it."""
    tree = TESTDATA / "ml-models-draft-unedited" / "tree"
    result = cli("--emit-ml-models", str(tree))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (tree / "debian" / "ml-models").read_text(encoding="utf-8")


def test_draft_cites_data_and_code_found_in_the_source(cli) -> None:
    tree = TESTDATA / "provenance-free-retrain" / "tree"
    result = cli("--emit-ml-models", str(tree))
    stanza = declaration.parse(result.stdout).for_file("models/iris.safetensors")
    assert [(d.name, d.location, d.license) for d in stanza.training_data] == [
        ("iris.csv", "data/iris.csv", "BSD-3-Clause")]
    assert [(c.location, c.license) for c in stanza.training_code] == [
        ("tools/train.py", "BSD-3-Clause")]
    assert stanza.ml_policy_class == "free"
