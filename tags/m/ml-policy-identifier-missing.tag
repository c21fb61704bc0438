Tag: ml-policy-identifier-missing
Severity: info
Check: licensing
Explanation: The package is affected by the Machine Learning Policy but the
 Disclaimer field of debian/copyright does not say "ML-Policy". The note says
 why it is affected: Files-Excluded removes model files, or a model's licence
 is not DFSG-free.
 .
 The deep-learning team's ML-Policy (an unofficial document, not part of
 Debian Policy) asks affected packages to carry this identifier, so that
 models removed or kept under its rules can be found across the archive.
 .
 Add a Disclaimer to the header of debian/copyright that mentions ML-Policy
 and says what was removed or why the model is where it is.
 .
 Override when the excluded files are not models, e.g. a directory called
 models that holds data-model source code.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy,
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/#disclaimer
