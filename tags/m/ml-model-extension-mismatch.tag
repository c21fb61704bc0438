Tag: ml-model-extension-mismatch
Severity: pedantic
Check: model-files
Explanation: The content of a model file belongs to another format than the
 one its extension names, for example a pickle named <code>.onnx</code>. The
 note gives the format found and the extension.
 .
 Loaders and scanners that trust extensions pick the wrong parser; some
 security scanners route files by extension and so never look at a pickle
 named like a safe format.
 .
 Rename the file after its content, or ask upstream to. Override when a
 framework insists on the name (some tools write any checkpoint as
 <code>.pt</code>).
