#!/bin/sh
wget -O model/nn.nnue https://tests.stockfishchess.org/api/nn/nn-0000000000a0.nnue
