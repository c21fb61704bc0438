Tag: ml-model-in-arch-dependent-package
Severity: warning
Check: placement
Explanation: A binary package built for one architecture ships a model file.
 The note gives the model's format and the package's architecture.
 .
 Most model files hold the same bytes on every architecture. In an
 architecture-dependent package it is built, uploaded and mirrored once per
 architecture, which for large models costs every mirror gigabytes. Files
 their tool writes in the machine's own layout, such as KenLM binaries and
 gnubg's binary weights, are not reported.
 .
 Move the model into a separate <code>Architecture: all</code> package (often
 named <code>-data</code> or <code>-models</code>) that the
 architecture-dependent package depends on. Override only when the model is in
 fact different per architecture, for example a file converted for one
 platform's accelerator at build time.
See-Also: policy 5.6.8
