Tag: ml-model-corrupt
Severity: warning
Check: model-files
Explanation: A file identifies as a model format by its content, but its
 header cannot be parsed. The note says why: a truncated file, a length field
 pointing past the end, tensor offsets that overlap, or a safety limit that
 the header exceeds. A file named for a format only models use is broken too
 when it is empty ("empty file"), when it is a text document such as an HTML
 error page ("not ONNX: a text document"), or when it lacks the magic its
 format always begins with ("not GGUF"): typically a failed download saved
 under the model's name.
 .
 A broken model fails at run time, and a header crafted to confuse parsers is
 a common way to hide a payload from scanners. mllint reads only headers and
 never loads the file.
 .
 Check that the file was not damaged by a text-mode transfer, a repack or a
 Git LFS checkout, and compare it with upstream's release. Override only when
 the file is deliberately broken, for example a test of error handling.
