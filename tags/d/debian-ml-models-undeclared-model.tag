Tag: debian-ml-models-undeclared-model
Severity: info
Check: ml-models-file
Explanation: The package has a debian/ml-models file, but no stanza in it
 covers this model.
 .
 A declaration that misses a model is incomplete: reviewers and mllint learn
 nothing from it about where this model's data and training code are, and a
 new model added by upstream goes unnoticed.
 .
 Add a stanza whose Files field matches the model; mllint --emit-ml-models
 drafts one with its format and checksum filled in.
 .
 Override when the file is not a model in any useful sense (a tiny fixture
 mllint did not recognise as one), and say so.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy
