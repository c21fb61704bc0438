Tag: debian-ml-models-file-not-found
Severity: warning
Check: ml-models-file
Explanation: A pattern in a Files field of debian/ml-models matches no file in
 the source tree. The note gives the pattern; the pointer its stanza.
 .
 The declaration has gone stale: the model was renamed, moved, or removed by
 a repack, and the stanza now describes nothing. Patterns are DEP-5 globs
 relative to the top of the source, as in debian/copyright.
 .
 Update the pattern, or remove the stanza if the model is gone (record the
 removal in the Files-Excluded and Disclaimer fields of debian/copyright).
 .
 Override only if the file is created during the build and the stanza
 describes the built model.
See-Also:
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/#files-field
