Tag: ml-model-derived-from-base-model-without-source
Severity: warning
Check: provenance
Explanation: The model was fine-tuned or otherwise derived from a base model
 (named by the model card's <code>base_model</code>, GGUF
 <code>general.base_model.*</code> metadata or <code>Base-Model</code> in
 <code>debian/ml-models</code>) that is neither in the source nor in a package
 the source build-depends on. The note names the base model.
 .
 A derivative cannot be more rebuildable than its base: if the base model
 disappears or changes its licence, the chain loses its reproducibility and
 its independence. ML-Policy's Free Model needs the whole chain.
 .
 Package the base model with its own provenance and build-depend on it, or
 record it in <code>debian/ml-models</code> (<code>Base-Model: name location
 license</code>).
 .
 Override if you hold that a replaceable base model plus the fine-tuning data
 is the preferred form of modification (2025 GR, Choice 2); say so.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://www.debian.org/vote/2025/vote_002
