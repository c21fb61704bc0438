"""Model card front matter (mllint/modelcard.py)."""

from __future__ import annotations

from pathlib import Path

from mllint.index import Index
from mllint.modelcard import MAX_FRONT_MATTER, card_for, parse

CARD = """---
language: en
license: other
license_name: llama3
datasets:
  - example/corpus
  - example/other
base_model: meta/base
pipeline_tag: text-generation
model-index:
  - name: m
    results: [{dataset: {name: eval-set}}]
---
# My model
"""


def test_fields_and_lines() -> None:
    card = parse(CARD, "README.md")
    assert card is not None
    assert card.license is not None
    assert (card.license.value, card.license.line) == (("llama3",), 4)
    assert card.datasets == ("example/corpus", "example/other")
    assert card.get("datasets").line == 5
    assert card.base_models == ("meta/base",)
    assert card.get("pipeline_tag").first == "text-generation"
    assert "eval-set" not in str(card.fields)  # model-index sets are evaluation data


def test_plain_license_wins_over_name_unless_other() -> None:
    card = parse("---\nlicense: apache-2.0\nlicense_name: whatever\n---\n", "README.md")
    assert card.license.first == "apache-2.0"


def test_no_front_matter_or_bad_yaml() -> None:
    assert parse("# Title\nlicense: mit\n", "README.md") is None
    assert parse("---\nlicense: [unclosed\n---\n", "README.md") is None
    assert parse("---\n- a list\n---\n", "README.md") is None
    assert parse("---\nlicense: mit\n", "README.md") is None  # never closed


def test_python_tags_are_refused() -> None:
    card = parse("---\nlicense: !!python/object/apply:os.system ['true']\ndatasets: [a]\n---\n",
                 "R")
    assert card.license is None
    assert card.datasets == ("a",)


def test_front_matter_size_cap() -> None:
    huge = "---\n" + "x: y\n" * (MAX_FRONT_MATTER // 4) + "license: mit\n---\n"
    assert parse(huge, "README.md") is None


def test_alias_bomb_is_not_expanded() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi")) + "datasets: *i\nlicense: mit\n---\n"
    card = parse(bomb, "README.md")
    assert card.license.first == "mit"
    assert card.datasets == ()  # a list of lists is not a dataset list


def test_card_for_walks_up_to_the_nearest_card(tmp_path: Path) -> None:
    (tmp_path / "models" / "sub").mkdir(parents=True)
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n")
    (tmp_path / "models" / "README.md").write_text("# no front matter here\n")
    (tmp_path / "models" / "sub" / "m.onnx").write_bytes(b"\0")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "model_card.md").write_text("---\nlicense: cc-by-nc-4.0\n---\n")
    (tmp_path / "other" / "m.onnx").write_bytes(b"\0")
    index = Index(tmp_path, "t")
    card = card_for(index.lookup("models/sub/m.onnx"))
    assert (card.name, card.license.first) == ("README.md", "mit")
    card = card_for(index.lookup("other/m.onnx"))
    assert (card.name, card.license.first) == ("other/model_card.md", "cc-by-nc-4.0")
