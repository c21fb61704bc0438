Tag: ml-policy-identifier-missing
Severity: info
Check: licensing
Explanation: The package is affected by the Machine Learning Policy but the
 Disclaimer field of debian/copyright does not say "ML-Policy". The note says
 why it is affected, and names the glob or the model:
 .
  - Files-Excluded: the glob removes model files from the orig tarball;
  - non-free-model: a model's licence is not DFSG-free;
  - toxic-candy-model: a model has a free licence, but its training data or
    training pipeline is missing (the source-contains-ml-model-without-*
    warnings say which), which makes it a ToxicCandy model in ML-Policy's
    terms.
 .
 The deep-learning team's ML-Policy (an unofficial document, not part of
 Debian Policy) asks affected packages to carry this identifier, so that
 models removed or kept under its rules can be found across the archive.
 .
 Add a Disclaimer to the header of debian/copyright that mentions ML-Policy
 and says what was removed, or why the model is where it is.
 .
 Override when mllint is wrong about the reason: the excluded files are not
 models (a directory called models that holds data-model source code), or
 the data and pipeline exist where mllint cannot see them (then say so in
 debian/ml-models instead, which also clears the toxic-candy-model
 reason).
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy,
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/#disclaimer
