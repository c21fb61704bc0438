Tag: debian-ml-models-checksum-mismatch
Severity: error
Check: ml-models-file
Explanation: A file covered by a stanza of debian/ml-models does not have the
 SHA256 that the stanza declares. The note gives the file and its actual
 checksum; the pointer is the SHA256 field.
 .
 The declaration describes a different file than the one shipped: upstream
 released new weights, or the file was altered. Everything else the stanza
 says (training data, code, licence, class) may no longer be true of it, and
 an unexpected change to a model is worth a look in its own right.
 .
 Find out why the model changed; then review the stanza and update SHA256 to
 the value in the note.
 .
 There is no reason to override this tag; update the checksum instead.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy
