"""Shell (scripts, maintainer scripts, Makefile recipes): command-line fetches of models.

Parsed with tree-sitter-bash, so a command in a comment or inside an ``echo`` string is not a
command. Variables assigned in the same script (``URL=https://…``) are expanded; anything else
stays as written (``${BASE}/model.pt``) and is judged by its literal part.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from mllint.downloads import grammars
from mllint.downloads.finding import Finding, Kind
from mllint.downloads.patterns import (FETCH_TOOLS, HEX_DIGEST_RE, VERIFY_TOOLS, classify_url,
                                       is_model_name)

# A helper script whose name says it fetches models (whisper.cpp download-ggml-model.sh, rnnoise
# and opus download_model.sh, OpenCV download_models.py).
MODEL_SCRIPT_RE = re.compile(
    r"(download|fetch|get)[-_]?(ggml[-_])?(nn[-_]|dnn[-_])?models?\b|models?[-_](download|fetch)",
    re.IGNORECASE)
INTERPRETERS = frozenset({"sh", "bash", "dash", "zsh", "python", "python3", "perl", "env"})
NLTK_MODELS_RE = re.compile(r"^(punkt|punkt_tab|averaged_perceptron_tagger\w*|maxent_\w+|"
                            r"word2vec_sample|all)$")


def analyse(text: str, variables: dict[str, str] | None = None, first_line: int = 1) -> list[Finding]:
    """All fetches in a shell text. ``variables`` pre-seeds expansions (Makefile variables);
    ``first_line`` is the line of the text's first line in its file."""
    root = grammars.parse("bash", text)
    env = dict(variables or {})
    pinned = False
    commands: list[tuple[Node, list[str]]] = []
    for node in grammars.walk(root):
        if node.type == "variable_assignment":
            name = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if name is not None and value is not None:
                env[grammars.text(name)] = _word(value, env)
        elif node.type == "command":
            words = [_word(c, env) for c in node.children
                     if c.type not in ("variable_assignment", "file_redirect", "herestring_redirect",
                                       "comment")]
            if words:
                commands.append((node, words))
                tool = words[0].rsplit("/", 1)[-1]
                pinned |= tool in VERIFY_TOOLS
        elif node.type in ("word", "raw_string", "string_content") \
                and HEX_DIGEST_RE.search(grammars.text(node)):
            pinned = True
    findings: list[Finding] = []
    for node, words in commands:
        for kind, tool, identifier in command_fetches(words):
            findings.append(Finding(kind, tool, identifier, grammars.line(node) + first_line - 1,
                                    pinned))
    return findings


def _word(node: Node, env: dict[str, str]) -> str:
    """The shell word as the shell would see it, expanding only variables we know."""
    kind = node.type
    if kind == "raw_string":
        return grammars.text(node)[1:-1]
    if kind in ("simple_expansion", "expansion"):
        var = next((c for c in node.children if c.type in ("variable_name", "special_variable_name")),
                   None)
        plain = kind == "simple_expansion" or len(node.children) == 3  # ${VAR}, no operator
        if var is not None and plain and grammars.text(var) in env:
            return env[grammars.text(var)]
        return grammars.text(node)
    if kind in ("string", "concatenation"):
        return "".join(_word(c, env) for c in node.children if c.type != '"')
    if kind == "command_name":
        return "".join(_word(c, env) for c in node.children)
    return grammars.text(node)


def command_fetches(words: list[str]) -> list[tuple[Kind, str, str]]:
    """(kind, tool, identifier) for each model or dataset a command line fetches."""
    tool = words[0].rsplit("/", 1)[-1]
    args = words[1:]
    plain = [a for a in args if not a.startswith("-")]
    if tool in ("python", "python3") and len(args) >= 2 and args[0] == "-m":
        tool, args = args[1], args[2:]
        plain = [a for a in args if not a.startswith("-")]
    elif tool in INTERPRETERS and plain:
        # "sh ./models/download-ggml-model.sh base.en": the script is the command.
        tool, args = plain[0].rsplit("/", 1)[-1], args[args.index(plain[0]) + 1:]
        plain = [a for a in args if not a.startswith("-")]
    if tool in FETCH_TOOLS:
        return _fetch(tool, args)
    if tool == "git":
        if plain[:2] in (["lfs", "pull"], ["lfs", "fetch"]):
            return [("shell", "git-lfs", "")]
        if plain[:1] == ["clone"]:
            return [("shell", "git", u) for u in plain[1:2] if classify_url(u) == "model"]
        return []
    if tool == "git-lfs" and plain[:1] in (["pull"], ["fetch"]):
        return [("shell", "git-lfs", "")]
    if tool == "huggingface-cli" and plain[:1] == ["download"] or tool == "hf" \
            and plain[:1] == ["download"]:
        repo = plain[1] if len(plain) > 1 else ""
        if repo.startswith(("datasets/",)) or "--repo-type=dataset" in args \
                or ("--repo-type" in args and "dataset" in args):
            return [("dataset", f"{tool} download", repo)]
        return [("hub", f"{tool} download", repo)]
    if tool == "ollama" and plain[:1] in (["pull"], ["run"]):
        return [("hub", f"ollama {plain[0]}", plain[1] if len(plain) > 1 else "")]
    if tool == "spacy" and plain[:1] == ["download"]:
        return [("hub", "spacy download", plain[1] if len(plain) > 1 else "")]
    if tool in ("nltk.downloader",):
        return [("hub" if NLTK_MODELS_RE.match(p) else "dataset", tool, p) for p in plain]
    if MODEL_SCRIPT_RE.search(tool):
        return [("shell", tool, plain[0] if plain else "")]
    return []


def _fetch(tool: str, args: list[str]) -> list[tuple[Kind, str, str]]:
    """wget/curl & co.: a model if the URL or the output file names a model."""
    outputs: list[str] = []
    urls: list[str] = []
    expect_output = False
    for arg in args:
        if expect_output:
            outputs.append(arg)
            expect_output = False
        elif arg in ("-O", "-o", "--output", "--output-document", "--out"):
            expect_output = True
        elif arg.startswith(("--output-document=", "--output=", "-O", "-o")) and len(arg) > 2 \
                and not arg.startswith("--"):
            outputs.append(arg[2:])
        elif arg.startswith(("--output-document=", "--output=")):
            outputs.append(arg.split("=", 1)[1])
        elif "://" in arg or arg.startswith("$"):
            urls.append(arg)
    found: list[tuple[Kind, str, str]] = []
    output_is_model = any(is_model_name(o) for o in outputs)
    literal = [u for u in urls if "://" in u]
    for url in dict.fromkeys(literal or urls[:1]):  # "$URL" counts only if no literal URL does
        cls = classify_url(url) if "$" not in url.split("://", 1)[0] else None
        if cls is None and "$" in url:
            tail = url.rsplit("/", 1)[-1]
            cls = "model" if is_model_name(tail) else None
        if cls is None and output_is_model:
            cls = "model"
        if cls == "model":
            found.append(("shell", tool, url))
        elif cls == "dataset":
            found.append(("dataset", tool, url))
    return found
