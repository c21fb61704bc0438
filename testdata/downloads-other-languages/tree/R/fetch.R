fetch <- function() {
  # download.file("https://example.org/models/commented.rds")
  download.file("https://example.org/models/r-model.onnx", "m.onnx")
}
