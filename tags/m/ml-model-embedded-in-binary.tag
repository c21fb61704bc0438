Tag: ml-model-embedded-in-binary
Severity: classification
Check: weights-in-code
Explanation: An executable or shared library carries a machine-learning model
 inside it. The note names the evidence and a detail: <code>nnue</code>,
 <code>tflite</code> or <code>gguf</code> (the model's own header found in a
 data section; the detail is the network's file name or the section),
 <code>incbin</code> or <code>ld-binary</code> (symbols that the usual ways of
 linking a file into a program leave behind), <code>symbol</code> (a large
 data object with a neural-network name), <code>known-weights</code> (the
 bytes of a published network, such as RNNoise, found by fingerprint) or
 <code>c-array</code> (the values of weight arrays of the source package,
 scanned in the same run, found in the binary; the detail is the source file).
 .
 This is an inventory entry. A model compiled into a binary escapes every
 check that looks for model files, yet ML-Policy asks the same questions of
 it: under which licence are the weights, and are the training data and the
 training program available? Users cannot replace or inspect such a model
 without rebuilding the program.
 .
 Nothing needs fixing here. Make sure the source package's
 <code>debian/copyright</code> and <code>debian/ml-models</code> describe the
 model, and consider loading it from a separate file so that it can be
 packaged, replaced and reviewed on its own.
 .
 Override only when the match is wrong, for instance a data table that
 happens to begin with a model's magic number.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://github.com/official-stockfish/Stockfish
