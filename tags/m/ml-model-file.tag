Tag: ml-model-file
Severity: classification
Check: model-files
Explanation: The package contains a trained machine-learning model. The note
 gives the format, identified by content rather than by file name, and the
 size of the file.
 .
 This is an inventory entry, not a problem: it lets reviewers and archive-wide
 statistics see which packages ship models and in which formats. Whether the
 model's source (training data and training program) is available is judged
 by the provenance tags.
 .
 Nothing needs fixing. To describe the model for reviewers, record its
 licence, training data and training code in <code>debian/ml-models</code>.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy
