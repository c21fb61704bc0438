Tag: oversized-ml-model
Severity: warning
Check: model-files
Explanation: A model file is larger than 100 MiB. The note gives its size.
 .
 Every mirror carries every version of every file, and a large model in an
 architecture-dependent package is carried once per architecture. Large
 models are also the ones least likely to be retrainable from source.
 .
 Consider shipping the model in its own <code>Architecture: all</code>
 package, possibly in a separate source package so that code uploads do not
 copy it again. Override with a justification when the size is inherent to
 the model and it is already packaged that way.
