Tag: ml-model-test-fixture
Severity: classification
Check: model-files
Explanation: A file in a real model format holds no trained weights: a
 structure-only graph without initializers (wherever it is), or, under a test
 directory or named as a test, a file small enough to be random test tensors
 or one whose generator script is beside it.
 .
 Such fixtures exercise a parser or a runtime; they are not trained models,
 so no training data or training program is expected for them and the
 provenance checks leave them alone.
 .
 Nothing needs fixing. If the file is in fact a trained model, move it out of
 the test directory or declare it in <code>debian/ml-models</code>.
