#!/bin/sh
wget https://example.org/models/ocr-large.onnx
