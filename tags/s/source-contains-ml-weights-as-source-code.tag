Tag: source-contains-ml-weights-as-source-code
Severity: info
Check: weights-in-code
Explanation: A source file holds the trained parameters of a machine-learning
 model written out as program text: large numeric array initialisers with
 neural-network names (weights, bias, layer, GRU, CNN ...), a generator banner
 such as "Auto generated from checkpoint X.pth", or a byte array that is a
 whole model file (a TFLite flatbuffer). The note gives the evidence
 (<code>ml-named-arrays</code>, <code>generator-banner</code> or
 <code>embedded-tflite</code>) and the first array; the pointer gives its line.
 .
 Such a file looks like source but is not the preferred form of modification
 of the model (DFSG 2): nobody edits those numbers by hand. The model is a
 trained artefact like a model file, so the Debian Deep Learning Team's
 ML-Policy questions apply to it: is the training data free and available, is
 the training program shipped, and can the arrays be regenerated? Without
 them the model is a "ToxicCandy" one, even though every byte compiles.
 .
 Ship or point to what the arrays were generated from: the checkpoint, the
 training program and the export script (often named dump_*_weights or
 similar), and describe them in <code>debian/ml-models</code> together with
 the training data. Where upstream does not publish them, say so there.
 .
 Override when the tables are not trained (a hand-derived filter that happens
 to carry network-like names), with a comment saying how they were made.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://www.debian.org/social_contract#guidelines,
 https://www.debian.org/vote/2025/vote_002
