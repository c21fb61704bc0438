Tag: debian-ml-models-unknown-field
Severity: warning
Check: ml-models-file
Explanation: debian/ml-models has a field that the spec does not define, or a
 field in the wrong kind of stanza (the header takes only Format and
 Comment). The note names the field and the stanza.
 .
 An unknown field is usually a typo (Training-Dataset for Training-Data), and
 then the information it holds is silently lost to mllint and other readers.
 .
 Correct the field name, or prefix a private field with X- as in
 debian/control; X- fields are ignored.
 .
 Override only while using a field from a newer version of the spec than
 this mllint knows.
See-Also:
 https://www.debian.org/doc/debian-policy/ch-controlfields.html#user-defined-fields
