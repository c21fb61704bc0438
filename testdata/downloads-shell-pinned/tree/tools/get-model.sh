#!/bin/sh
set -e
URL=https://example.org/models/denoise-v2.onnx
SHA256=8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4
wget -O denoise.onnx "$URL"
echo "$SHA256  denoise.onnx" | sha256sum -c
