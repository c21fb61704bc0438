"""Model cards: the YAML front matter of a Hugging Face style ``README.md`` beside a model.

Hub model cards (huggingface.co/docs/hub/model-cards) start with a YAML block between two ``---``
lines; its keys ``license``, ``license_name``, ``datasets``, ``base_model``, ``pipeline_tag`` and
``library_name`` are what the provenance and licensing checks read (ml-policy.md §3.3). The
block is capped in size and composed with PyYAML's SafeLoader; only top-level keys with plain
scalars or flat lists of strings under standard tags are kept, so a hostile nesting, alias
structure or ``!!python`` tag is never walked or constructed.
``model-index`` datasets are evaluation sets and are deliberately not read.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from mllint.index import Index, Item

if TYPE_CHECKING:
    import yaml

CARD_NAMES = ("README.md", "MODEL_CARD.md", "model_card.md", "readme.md", "ModelCard.md")
"""File names taken for a model card, in order of preference within one directory."""

MAX_FRONT_MATTER = 64 * 1024
"""Largest front matter read, in bytes (64 KiB); real cards use a few KiB."""

MAX_LIST = 256
"""Most entries kept from one list field (``datasets`` of a merge can be long, not unbounded)."""

KEYS = ("license", "license_name", "license_link", "datasets", "base_model", "pipeline_tag",
        "library_name")


class Located(NamedTuple):
    """A card field's value as written (a scalar is a 1-tuple) and its 1-based line in the card."""

    value: tuple[str, ...]
    line: int

    @property
    def first(self) -> str:
        return self.value[0] if self.value else ""


class ModelCard(NamedTuple):
    """The front matter fields of one card; ``name`` is the card's item name (for pointers)."""

    name: str
    fields: dict[str, Located]

    def get(self, key: str) -> Located | None:
        return self.fields.get(key)

    @property
    def license(self) -> Located | None:
        """The licence the card states: ``license``, or ``license_name`` when that is ``other``
        (the Hub's convention for licences without a Hub id)."""
        lic = self.fields.get("license")
        name = self.fields.get("license_name")
        if name is not None and (lic is None or lic.first.lower() == "other"):
            return name
        return lic

    @property
    def datasets(self) -> tuple[str, ...]:
        found = self.fields.get("datasets")
        return found.value if found else ()

    @property
    def base_models(self) -> tuple[str, ...]:
        found = self.fields.get("base_model")
        return found.value if found else ()


_YAML_TAGS = "tag:yaml.org,2002:"  # the standard tags; python/* and custom tags are refused


def _plain(node: yaml.Node) -> bool:
    return node.tag.startswith(_YAML_TAGS) and not node.tag.startswith(_YAML_TAGS + "python/")


def _strings(node: yaml.Node) -> tuple[str, ...] | None:
    """A scalar as a 1-tuple, a sequence of scalars as a tuple; anything else ``None``."""
    import yaml

    if not _plain(node):
        return None
    if isinstance(node, yaml.ScalarNode):
        return (str(node.value),) if node.value != "" else ()
    if isinstance(node, yaml.SequenceNode):
        return tuple(str(n.value) for n in node.value[:MAX_LIST]
                     if isinstance(n, yaml.ScalarNode) and _plain(n))
    return None


def front_matter(text: str) -> tuple[str, int] | None:
    """The YAML between a leading ``---`` line and the next ``---`` (or ``...``) line, and the
    1-based file line where it starts; ``None`` when there is none or it exceeds the cap."""
    if not text.startswith("---"):
        return None
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].strip() != "---":
        return None
    pos = first_end + 1
    while pos < len(text) and pos - first_end <= MAX_FRONT_MATTER:
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if line.rstrip() in ("---", "..."):
            return text[first_end + 1:pos], 2
        if end < 0:
            break
        pos = end + 1
    return None


def parse(text: str, name: str) -> ModelCard | None:
    """Parse a card's text; ``None`` when it has no usable front matter (no block, bad YAML, not
    a mapping). ``name`` is the card's item name, kept for pointers."""
    found = front_matter(text)
    if found is None:
        return None
    block, first_line = found
    import yaml  # here, not at the top: ~18 ms of start-up that a run without cards never needs

    try:
        # compose, not load: the node tree carries line numbers, and building only the scalars
        # and flat lists we need never expands nested aliases.
        root = yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    fields: dict[str, Located] = {}
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value not in KEYS:
            continue
        value = _strings(value_node)
        if value is not None:
            fields[key_node.value] = Located(value, key_node.start_mark.line + first_line)
    return ModelCard(name, fields)


@lru_cache(maxsize=256)
def _parse_file(path: Path, name: str) -> ModelCard | None:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FRONT_MATTER + 64)
    except OSError:
        return None
    return parse(data.decode("utf-8", "replace"), name)


def card_items(index: Index, directory: str) -> list[Item]:
    """Card files in ``directory`` (an item dirname, ``""`` for the root), preferred name first."""
    found = (index.lookup(directory + n) for n in CARD_NAMES)
    return [i for i in found if i is not None and i.is_file]


def card_for(item: Item) -> ModelCard | None:
    """The card that describes ``item``: the nearest card with front matter in the model's
    directory or one above it (a repository-level card covers every model below it)."""
    directory = item.dirname
    while True:
        for card_item in card_items(item.index, directory):
            card = _parse_file(card_item.path, card_item.name)
            if card is not None:
                return card
        if not directory:
            return None
        parent = str(PurePosixPath(directory.rstrip("/")).parent)
        directory = "" if parent == "." else parent + "/"
