#!/bin/sh
# wget https://example.org/commented-out.onnx
curl -L -o ggml-base.en.bin https://example.org/dl?file=base.en
huggingface-cli download TheBloke/tiny-GGUF tiny.gguf
curl -fsSL https://www.random.org/integers/?num=1
wget -q https://example.org/releases/tool-1.0.tar.gz
echo "done: wget https://example.org/in-a-string.onnx"
