"""--emit-ml-models drafts (mllint/draft.py)."""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path
from types import SimpleNamespace

from mllint import declaration
from mllint.draft import draft_declaration
from mllint.index import Index, Pointer


def _safetensors(path: Path, meta: dict[str, str]) -> None:
    header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                         "__metadata__": meta}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(struct.pack("<Q", len(header)) + header + bytes(8))


class _Source(SimpleNamespace):
    """A stand-in source package, hashable by identity and weak-referenceable as mllint.provenance
    needs (it caches evidence per processable)."""

    __hash__ = object.__hash__


def _source(root: Path) -> _Source:
    return _Source(type="source", name="foo", upstream=False, patched=Index(root, "t"),
                   installed=None, fields={}, group=None,
                   pointer=lambda n, line=0: Pointer(n, line, "t"))


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
    assert parsed.problems == []
    assert parsed.for_file("models/a*b.safetensors").sha256 == digest
    assert parsed.for_file("models/aXb.safetensors") is None


def test_draft_keeps_declared_values_and_refreshes_the_checksum(tmp_path: Path) -> None:
    _safetensors(tmp_path / "m.safetensors", {})
    (tmp_path / "debian").mkdir()
    (tmp_path / "debian" / "ml-models").write_text(
        "Format: mllint-ml-models/0.1\n\nFiles: *.safetensors\nSHA256: " + "0" * 64 +
        "\nTraining-Data: corpus https://example.org/c CC0-1.0\n other none none\n"
        "ML-Policy-Class: toxic-candy\n")
    parsed = declaration.parse(draft_declaration(_source(tmp_path)))
    stanza = parsed.for_file("m.safetensors")
    assert parsed.problems == []
    assert stanza.files == ("m.safetensors",)
    assert stanza.sha256 != "0" * 64
    assert [d.name for d in stanza.training_data] == ["corpus", "other"]
    assert stanza.ml_policy_class == "toxic-candy"
    assert stanza.training_data_availability == "unknown"  # a gap filled with the placeholder


def test_no_models_gives_the_header_only(tmp_path: Path) -> None:
    (tmp_path / "README").write_text("nothing\n")
    text = draft_declaration(_source(tmp_path))
    assert declaration.parse(text).problems == []
    assert "Files:" not in text


def test_cli_emits_a_draft_for_a_source_tree(cli) -> None:
    tree = Path(__file__).resolve().parent.parent / "testdata" / "ml-models-correct" / "tree"
    result = cli("--emit-ml-models", str(tree))
    assert (result.returncode, result.stderr) == (0, "")
    parsed = declaration.parse(result.stdout)
    assert parsed.problems == []
    for name in ("models/encoder.safetensors", "models/decoder.safetensors"):
        digest = hashlib.sha256((tree / name).read_bytes()).hexdigest()
        assert parsed.for_file(name).sha256 == digest
    # The decoder's class is kept from its stanza; as in DEP-5 a later stanza replaces an earlier
    # one entirely, so the encoder's own stanza (SHA256 and License only) had none, and the
    # draft fills the gap with the inferred class.
    assert parsed.for_file("models/decoder.safetensors").ml_policy_class == "toxic-candy"
    encoder = parsed.for_file("models/encoder.safetensors")
    assert encoder.ml_policy_class == "toxic-candy"
    assert encoder.training_code[0].location == "<path"  # a placeholder, for the maintainer


def test_draft_cites_data_and_code_found_in_the_source(cli) -> None:
    tree = Path(__file__).resolve().parent.parent / "testdata" / "provenance-free-retrain" / "tree"
    result = cli("--emit-ml-models", str(tree))
    stanza = declaration.parse(result.stdout).for_file("models/iris.safetensors")
    assert [(d.name, d.location, d.license) for d in stanza.training_data] == [
        ("iris.csv", "data/iris.csv", "BSD-3-Clause")]
    assert [(c.location, c.license) for c in stanza.training_code] == [
        ("tools/train.py", "BSD-3-Clause")]
    assert stanza.ml_policy_class == "free"
