Tag: oversized-ml-model
Severity: warning
Check: model-files
Explanation: A model file, with the weight files it owns, is larger than
 100 MiB. The note gives that total, measured as for ml-model-file (a
 SavedModel's variables/, a checkpoint's data shards, ONNX external data, an
 .mlpackage's weights/), so a small graph file does not hide large weights.
 .
 Every mirror carries every version of every file, and a large model in an
 architecture-dependent package is carried once per architecture. Large
 models are also the ones least likely to be retrainable from source.
 .
 Consider shipping the model in its own <code>Architecture: all</code>
 package, possibly in a separate source package so that code uploads do not
 copy it again. Override with a justification when the size is inherent to
 the model and it is already packaged that way.
