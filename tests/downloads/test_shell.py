"""Shell and Makefile analysers (tree-sitter-bash, tree-sitter-make)."""

from __future__ import annotations

import textwrap

from mllint.downloads import make, shell


def found(source: str) -> list[tuple[str, str, str, int]]:
    return [(f.kind, f.function, f.identifier, f.line)
            for f in shell.analyse(textwrap.dedent(source).lstrip())]


def test_wget_with_variable_url() -> None:
    assert found("""
        URL=https://huggingface.co/o/m/resolve/main/m.onnx
        # wget https://e.org/in-a-comment.onnx
        echo "wget https://e.org/in-a-string.onnx"
        wget -O m.onnx "$URL"
    """) == [("shell", "wget", "https://huggingface.co/o/m/resolve/main/m.onnx", 4)]


def test_output_name_makes_an_opaque_url_a_model() -> None:
    assert found("curl -L -o ggml-base.bin https://e.org/dl?id=3\n") == [
        ("shell", "curl", "https://e.org/dl?id=3", 1)]


def test_non_model_fetches_are_ignored() -> None:
    assert found("""
        curl -fsSL "https://www.random.org/integers/?num=1&min=1&max=6&col=1&base=10&format=plain"
        wget -q https://spamassassin.apache.org/updates/MIRRORED.BY
        freshclam
        curl https://api.github.com/repos/o/r/releases/latest
    """) == []


def test_hub_tools_scripts_and_lfs() -> None:
    assert found("""
        huggingface-cli download TheBloke/Llama-GGUF llama.gguf
        sh ./models/download-ggml-model.sh base.en
        git lfs pull
        ollama pull llama3
        python3 -m nltk.downloader punkt stopwords
    """) == [("hub", "huggingface-cli download", "TheBloke/Llama-GGUF", 1),
             ("shell", "download-ggml-model.sh", "base.en", 2),
             ("shell", "git-lfs", "", 3),
             ("hub", "ollama pull", "llama3", 4),
             ("hub", "nltk.downloader", "punkt", 5),
             ("dataset", "nltk.downloader", "stopwords", 5)]


def test_checksum_command_pins_the_script() -> None:
    pinned = shell.analyse("wget https://e.org/m.onnx\necho 'abc  m.onnx' | sha256sum -c\n")
    unpinned = shell.analyse("wget https://e.org/m.onnx\n")
    assert [f.pinned for f in pinned] == [True] and [f.pinned for f in unpinned] == [False]


def test_make_recipes_reached_from_the_build_only() -> None:
    rules = textwrap.dedent("""\
        #!/usr/bin/make -f
        URL = https://e.org/m.onnx
        %:
        \tdh $@
        override_dh_auto_build:
        \twget -O m.onnx $(URL)
        get-orig-source:
        \tcurl -o w.pt https://e.org/w.pt
        """)
    assert [(f.identifier, f.line) for f in make.analyse(rules)] == [("https://e.org/m.onnx", 6)]
    assert len(make.analyse(rules, reached_only=False)) == 2


def test_make_prerequisites_are_followed() -> None:
    mk = "all: prog net\nprog:\n\tcc -o prog p.c\nnet:\n\tcurl -sL -o nn.nnue https://e.org/nn\n" \
         "unused:\n\twget https://e.org/x.onnx\n"
    assert [f.identifier for f in make.analyse(mk)] == ["https://e.org/nn"]


def test_make_conditions_are_recorded() -> None:
    mk = "all:\nifeq ($(DOWNLOAD_MODELS),yes)\n\twget https://e.org/m.onnx\nendif\n"
    assert [f.conditions for f in make.analyse(mk)] == [("DOWNLOAD_MODELS",)]


def test_automake_conditionals_hooks_and_primaries() -> None:
    mk = ("pkgdata_DATA = $(MODELS)\nMODELS = net.onnx\nif ENABLE_MODEL_DOWNLOAD\nall-local:\n"
          "\twget -O m.onnx https://e.org/m.onnx\nelse\ncheck-local:\n\tcurl -o t.pt https://e.org/t.pt\n"
          "endif\nnet.onnx:\n\twget -O $@ https://e.org/net.onnx\nunused:\n\twget https://e.org/u.onnx\n")
    assert [(f.identifier, f.conditions) for f in make.analyse(mk)] == [
        ("https://e.org/m.onnx", ("ENABLE_MODEL_DOWNLOAD",)),
        ("https://e.org/t.pt", ("!ENABLE_MODEL_DOWNLOAD",)),
        ("https://e.org/net.onnx", ())]


def test_make_self_reference_stays_bounded() -> None:
    mk = "A = $(B) $(B)\nB = $(A) $(A)\nall:\n\twget -O m.onnx https://e.org/m.onnx $(A)\n"
    assert [f.identifier for f in make.analyse(mk)] == ["https://e.org/m.onnx"]
