Tag: ml-model-license-mismatch
Severity: warning
Check: licensing
Explanation: Two statements of this model's licence contradict each other.
 The note gives the statement mllint follows, then "vs" and the one that
 disagrees, each with where it is: a debian/copyright stanza, debian/ml-models,
 the model's embedded metadata, its model card or a licence file. When the
 same two statements disagree about several models (a Files: * stanza and an
 upstream LICENSE above them), the hint is given once, at the first model,
 and the note counts the others.
 .
 Statements disagree when one is DFSG-free and the other is not, or when they
 name different licences (GPL-3+ and MIT); versions are not compared. Where
 one statement is not free, mllint follows it: shipping a non-free model in
 main is the worse mistake. Often a Files: * stanza covers a model whose
 weights upstream licensed separately.
 .
 Find out which statement is right, with upstream if needed, and correct the
 other one: add a Files stanza for the model to debian/copyright, or ask
 upstream to fix the model card or metadata.
 .
 Override when the model is dual-licensed and both statements are true; say
 so in the override comment.
See-Also:
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/,
 https://huggingface.co/docs/hub/repositories-licenses
