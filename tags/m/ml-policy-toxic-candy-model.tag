Tag: ml-policy-toxic-candy-model
Severity: classification
Check: provenance
Explanation: The model's licence is DFSG-free, but its training data or its
 training program is missing or incomplete. ML-Policy calls this a ToxicCandy
 model: it looks free until one tries to rebuild it. The note gives the data
 level (E0 nothing, E1 prose, E2 machine-readable pointer, E3 retrieval recipe,
 E4 data shipped), the pipeline level (P0 nothing, P1 described, P2 training
 code, P3 training and export to the shipped file, P4 wired into
 <code>debian/rules</code>), where each was found, the licence, and what else
 keeps the model from being Free (a data licence, a base model or a checkpoint
 that is not shipped).
 .
 The 2025 General Resolution on AI models was withdrawn without a vote, so
 whether such a model belongs in main is undecided; the default profile only
 reports it.
 .
 To make the model Free, ship or build-depend on its training data and ship
 the training and export code, or record where they are in
 <code>debian/ml-models</code>. If the data cannot be shipped, say so there.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://www.debian.org/vote/2025/vote_002
