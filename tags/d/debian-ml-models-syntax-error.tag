Tag: debian-ml-models-syntax-error
Severity: error
Check: ml-models-file
Explanation: debian/ml-models cannot be read as intended. The note says what
 is wrong: a line that is not a deb822 field or continuation, no header stanza
 with Format: mllint-ml-models/0.1, a format version mllint does not know, a
 stanza without Files:, a field given twice, an invalid glob, or a value
 outside its field's closed set (SHA256, Training-Data-Availability,
 Reproducibility, ML-Policy-Class).
 .
 The declaration is evidence for the provenance checks and input for
 reviewers; a stanza that cannot be read states nothing, so the models it was
 meant to describe are judged as if it were absent.
 .
 Fix the line the hint points to. mllint --emit-ml-models prints a
 well-formed draft to compare with.
 .
 There is no reason to override this tag; fix the file instead.
See-Also:
 https://www.debian.org/doc/debian-policy/ch-controlfields.html#syntax-of-control-files,
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
