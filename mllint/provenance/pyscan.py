"""Training code in Python, found by parsing (``ast``), never by importing or running it.

What counts (tags.md, pipeline P2): a gradient step (``.backward()`` and an optimizer's
``.step()``, or ``apply_gradients``), a ``.fit(...)`` with data, a trainer object's ``.train()``
(``Trainer(...)``, ``xgb.train``, ``spm.SentencePieceTrainer.train``), a training constructor
(gensim ``Word2Vec(corpus)``), fastText's ``train_supervised``. The same walk records the file
names written by save/dump/export calls, data files the code opens, and self-play or simulator use
(generated data, E4 when the generator is here). Dataset fetches are found by the downloads
analyser (:mod:`mllint.downloads`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mllint.index import Item
from mllint.provenance.tables import (
    FIT_METHODS,
    SAVE_CALLS,
    SELF_PLAY_WORDS,
    TRAIN_FUNCTIONS,
    TRAIN_RECEIVERS,
)
from mllint.pyast import dotted, walk


@dataclass(slots=True)
class PyFacts:
    """What one Python file does, with 1-based lines. ``training`` holds (token, line) with token
    one of ``training-loop``, ``fit-call``, ``trainer-call``."""

    training: list[tuple[str, int]] = field(default_factory=list)
    saves: list[int] = field(default_factory=list)
    saved_names: list[str] = field(default_factory=list)  # strings given to save calls
    strings: list[tuple[str, int]] = field(default_factory=list)
    self_play: int = 0


def scan(tree: ast.Module, text: str) -> PyFacts:
    """Facts about a Python file: its syntax tree (``Item.python_ast()``, parsed once for every
    check) and its text (for the self-play words)."""
    facts = PyFacts()
    backward = step = 0
    trainer_objects = False
    train_calls: list[int] = []
    nodes = walk(tree)
    # NAME = "file.bin" at any level, so that save(w, NAME) still names its file
    assigned = {t.id: n.value.value for n in nodes if isinstance(n, ast.Assign)
                and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                for t in n.targets if isinstance(t, ast.Name)}
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 512:
            facts.strings.append((node.value, node.lineno))
            continue
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func)
        last = name.rsplit(".", 1)[-1]
        receiver = name.rsplit(".", 2)[-2] if name.count(".") else ""
        has_args = bool(node.args or node.keywords)
        if last == "backward":
            backward = backward or node.lineno
        elif last == "step" and receiver:
            step = step or node.lineno
        elif last == "apply_gradients":
            facts.training.append(("training-loop", node.lineno))
        elif last in FIT_METHODS and receiver and has_args and not _class_level(node):
            facts.training.append(("fit-call", node.lineno))
        elif last == "train" and receiver in TRAIN_RECEIVERS:
            facts.training.append(("trainer-call", node.lineno))
        elif last == "train":
            train_calls.append(node.lineno)
        elif last in TRAIN_FUNCTIONS and has_args:
            facts.training.append(("trainer-call", node.lineno))
        if last.endswith("Trainer") and has_args:
            trainer_objects = True
        if last in SAVE_CALLS or name == "torch.save" or (name == "open" and _writes(node)):
            facts.saves.append(node.lineno)
            facts.saved_names.extend(_argument_strings(node, assigned))
    if backward and step:
        facts.training.append(("training-loop", min(backward, step)))
    if trainer_objects and train_calls:
        facts.training.append(("trainer-call", train_calls[0]))
    lowered = text.lower()
    for word in SELF_PLAY_WORDS:
        pos = lowered.find(word)
        if pos >= 0 and facts.training:
            line = text.count("\n", 0, pos) + 1
            facts.self_play = min(facts.self_play or line, line)
    facts.training.sort(key=lambda t: t[1])
    return facts


def facts_of(item: Item, text: str | None = None) -> PyFacts | None:
    """:func:`scan` of a Python file of the index; ``None`` if it does not parse. ``text``:
    the file's :meth:`Item.text` when the caller has read it already."""
    tree = item.python_ast()
    if tree is None:
        return None
    text = text if text is not None else item.text()
    return scan(tree, text) if text is not None else None


def _class_level(call: ast.Call) -> bool:
    """``Panel.fit(message)``, ``ImageOps.fit(image, size)``, ``Polynomial.fit(x, y, 3)``: a method
    called on a capitalised name (a class or module), which lays out or constructs something;
    estimators are fitted through an instance (``clf.fit``, ``KMeans(3).fit``). pip's vendored
    rich (``Panel.fit``) gave a whole tree a "fit call" pipeline."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    name = owner.id if isinstance(owner, ast.Name) else \
        owner.attr if isinstance(owner, ast.Attribute) else ""
    return name[:1].isupper()


def _argument_strings(call: ast.Call, assigned: dict[str, str]) -> list[str]:
    """String constants in a call's arguments (at any depth: ``os.path.join(d, "m.pt")``), and
    the strings that plain names among them were assigned."""
    found: list[str] = []
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        for node in ast.walk(arg):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(node.value)
            elif isinstance(node, ast.Name) and node.id in assigned:
                found.append(assigned[node.id])
    return found


def _writes(call: ast.Call) -> bool:
    """``open(name, "w...")`` / ``open(name, mode="wb")``: the call opens a file for writing."""
    mode = call.args[1] if len(call.args) > 1 else next(
        (k.value for k in call.keywords if k.arg == "mode"), None)
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "w" in mode.value
