// fetch("https://example.org/models/commented.onnx")
const homepage = "https://example.org/";
