Tag: source-contains-ml-model-without-training-data
Severity: warning
Check: provenance
Explanation: The source ships a trained model, but at most a prose mention of
 its training data was found (evidence level E0 or E1): no machine-readable
 pointer, no retrieval recipe, no data in the source or in a build dependency.
 .
 For a trained model, the training data is part of what one needs to study,
 change and rebuild it: ML-Policy's Free Model requires data that is publicly
 available under a DFSG-free licence, and the debate on the 2025 General
 Resolution called the data "the source" of a network. For a model under the
 GPL, the licence asks for "the preferred form of the work for making
 modifications to it", which for a retrainable model includes what it was
 trained on.
 .
 Ship the data in the source (or a separate source package it build-depends
 on), or record where it is and under which licence in
 <code>debian/ml-models</code> (<code>Training-Data: name location
 license</code>), or in <code>debian/README.source</code>.
 .
 An override is right for artefacts judged not to be AI models (ML-Policy's
 ToxicCandy allowlist) or when the data is known to be lost; say so in the
 override comment.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://www.gnu.org/licenses/gpl-3.0.html
