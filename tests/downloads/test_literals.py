"""C-family, Go, Rust, JS, Java and R: model URL literals next to network calls."""

from __future__ import annotations

import pytest

from mllint.downloads import literals

C_POSITIVE = """\
// see https://huggingface.co/a/b/resolve/main/comment.onnx
static const char *URL = "https://huggingface.co/a/b/resolve/main/y.onnx";
void f(void) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, URL);
  printf("usage: --hf-repo https://huggingface.co/q/r/resolve/main/help.gguf\\n");
}
"""


def test_c_url_literal_near_curl_but_not_comment_or_help() -> None:
    assert [(f.identifier, f.line) for f in literals.analyse("c", C_POSITIVE)] == [
        ("https://huggingface.co/a/b/resolve/main/y.onnx", 2)]


def test_c_url_without_network_call_is_ignored() -> None:
    text = 'const char *doc = "https://huggingface.co/a/b/resolve/main/y.onnx";\n'
    assert literals.analyse("c", text) == []


@pytest.mark.parametrize("language,text", [
    ("go", 'package m\nfunc f() { http.Get("https://e.org/w/m.onnx") }\n'),
    ("rust", 'fn f() { let r = reqwest::blocking::get("https://e.org/w/m.onnx"); }\n'),
    ("javascript", 'const m = await tf.loadLayersModel("https://e.org/w/m.onnx");\n'),
    ("java", 'class A { void f() { new URL("https://e.org/w/m.onnx").openStream(); } }\n'),
    ("r", 'download.file("https://e.org/w/m.onnx", "m.onnx") # "https://e.org/c.onnx"\n'),
])
def test_each_language(language: str, text: str) -> None:
    assert [f.identifier for f in literals.analyse(language, text)] == ["https://e.org/w/m.onnx"]


def test_dataset_urls_are_kind_dataset() -> None:
    text = 'download.file("https://archive.ics.uci.edu/ml/x/adult.data", "a.data")\n'
    assert [f.kind for f in literals.analyse("r", text)] == ["dataset"]
