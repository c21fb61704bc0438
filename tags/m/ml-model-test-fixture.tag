Tag: ml-model-test-fixture
Severity: classification
Check: model-files
Explanation: A file in a real model format sits under a test directory and
 holds no trained weights: a structure-only graph without initializers, a
 file small enough to be random test tensors, or a file whose generator script
 is beside it.
 .
 Such fixtures exercise a parser or a runtime; they are not trained models,
 so no training data or training program is expected for them and the
 provenance checks leave them alone.
 .
 Nothing needs fixing. If the file is in fact a trained model, move it out of
 the test directory or declare it in <code>debian/ml-models</code>.
