Tag: debian-ml-models-syntax-error
Severity: error
Check: ml-models-file
Explanation: debian/ml-models cannot be read as intended. The note says what
 is wrong: a line that is not a deb822 field or continuation, no header stanza
 with Format: mllint-ml-models/0.1, a format version mllint does not know, a
 stanza without Files:, a field given twice, an invalid glob, a value
 outside its field's closed set (SHA256, Training-Data-Availability,
 Reproducibility, ML-Policy-Class), or a placeholder not filled in.
 .
 mllint --emit-ml-models writes a placeholder in angle brackets, such as
 &lt;name&gt;, &lt;location&gt; or &lt;license&gt;, where only the
 maintainer knows the value.
 A placeholder is not a value: until it is filled in, the line that holds it
 states nothing (the note names its field), and its stanza does not count as
 naming the model for ml-model-not-covered-by-debian-copyright.
 .
 The declaration is evidence for the provenance checks and input for
 reviewers; a stanza that cannot be read states nothing, so the models it was
 meant to describe are judged as if it were absent.
 .
 Fix the line the hint points to. For a placeholder, replace it with the real
 value, or delete the line (or the whole field) when the answer is not known.
 mllint --emit-ml-models prints a well-formed draft to compare with.
 .
 There is no reason to override this tag; fix the file instead.
See-Also:
 https://www.debian.org/doc/debian-policy/ch-controlfields.html#syntax-of-control-files,
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
