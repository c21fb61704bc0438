Tag: ml-model-file
Severity: classification
Check: model-files
Explanation: The package contains a trained machine-learning model. The note
 gives the format, identified by content rather than by file name, and the
 size of the model: the file named plus the weight files it owns, so a
 TensorFlow SavedModel, reported at its saved_model.pb, counts its
 variables/ files, a checkpoint index its data shards, an ONNX model its
 external data files, a Core ML .mlpackage its weights/ files, and OpenVINO
 and ncnn models their .bin. Only regular files inside the package are
 counted; symbolic links are not followed.
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
