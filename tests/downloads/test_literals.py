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


FILLER = "int pad%d(void) { return %d; }\n"


def _far(top: str, bottom: str, lines: int = 300) -> str:
    """``top`` and ``bottom`` with ``lines`` lines of unrelated code between them."""
    return top + "".join(FILLER % (i, i) for i in range(lines)) + bottom


def test_constant_used_far_below_at_a_network_call() -> None:
    """leela-zero's autogtp: the server URL is a file-level constant; curl is started with it
    hundreds of lines further down. Found at the use, once per URL."""
    text = _far('const QString server_url = "https://models.example.org/nets/best.onnx";\n',
                'void fetch(const QString &name) {\n'
                '    QString cmd("curl");\n'
                '    cmd.append(" " + server_url + name);\n'
                '    QProcess curl;\n'
                '    curl.start(cmd);\n'
                '    cmd.append(server_url);\n'
                '}\n')
    assert [(f.identifier, f.line) for f in literals.analyse("cpp", text)] == [
        ("https://models.example.org/nets/best.onnx", 304)]


@pytest.mark.parametrize("language,top,bottom", [
    ("c", '#define MODEL_URL "https://e.org/w/m.onnx"\n',
     'void f(CURL *c) { curl_easy_setopt(c, CURLOPT_URL, MODEL_URL); }\n'),
    ("cpp", 'class A {\n  static constexpr const char *kUrl = "https://e.org/w/m.onnx";\n};\n',
     'void A::f() { curl_easy_setopt(c, CURLOPT_URL, kUrl); }\n'),
    ("go", 'package m\nconst weightsAt = "https://e.org/w/m.onnx"\n',
     'func f() { http.Get(weightsAt) }\n'),
    ("rust", 'const URL: &str = "https://e.org/w/m.onnx";\n',
     'fn f() { let r = reqwest::blocking::get(URL); }\n'),
    ("javascript", 'const URL = "https://e.org/w/m.onnx";\n',
     'async function f() { return tf.loadLayersModel(URL); }\n'),
])
def test_bound_url_in_each_language(language: str, top: str, bottom: str) -> None:
    filler = "// padding\n" * 200
    (finding,) = literals.analyse(language, top + filler + bottom)
    assert finding.identifier == "https://e.org/w/m.onnx"
    assert finding.line == top.count("\n") + 201


def test_java_field_declared_below_its_use() -> None:
    text = ('class A {\n  void f() throws Exception { new URL(U).openStream(); }\n'
            + "  // padding\n" * 100 +
            '  private static final String U = "https://e.org/w/m.onnx";\n}\n')
    assert [(f.identifier, f.line) for f in literals.analyse("java", text)] == [
        ("https://e.org/w/m.onnx", 2)]


@pytest.mark.parametrize("text", [
    # A local of one function; another function's local of the same name is fetched.
    _far('void show(void) {\n  const char *url = "https://e.org/w/m.onnx";\n  puts(url);\n}\n',
         'void get(CURL *c, const char *url) { curl_easy_setopt(c, CURLOPT_URL, url); }\n'),
    # The constant is only printed, far from any network call.
    _far('static const char *URL = "https://e.org/w/m.onnx";\n'
         'void usage(void) { puts(URL); }\n',
         'void get(CURL *c) { curl_easy_setopt(c, CURLOPT_URL, "https://e.org/api/v1"); }\n'),
    # Only a comment names the constant next to the network call.
    _far('static const char *URL = "https://e.org/w/m.onnx";\n',
         'void get(CURL *c) {\n  /* URL is fetched elsewhere */\n'
         '  curl_easy_setopt(c, CURLOPT_URL, "https://e.org/api/v1");\n}\n'),
    # The literal is part of a value, not the value: the name is not the URL.
    _far('static const char *NAME = cond ? "https://e.org/w/m.onnx" : "";\n',
         'void get(CURL *c) { curl_easy_setopt(c, CURLOPT_URL, NAME); }\n'),
    # A #define whose value is prose with a URL in it.
    _far('#define HELP "see https://e.org/w/m.onnx"\n',
         'void get(CURL *c) { curl_easy_setopt(c, CURLOPT_URL, HELP); }\n'),
])
def test_bound_url_look_alikes(text: str) -> None:
    assert literals.analyse("c", text) == []
