const model = await tf.loadLayersModel("https://example.org/models/web-model.tflite");
