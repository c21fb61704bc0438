# A strict reading of the Deep Learning team's ML-Policy (and 2025 GR Proposal A):
# a ToxicCandy model does not belong in main, so the tags marked with a star in
# tags.md become errors for packages in main.
Profile: ml-policy
Extends: debian

Tags:
 source-contains-ml-model-without-training-data,
 source-contains-ml-model-without-training-pipeline,
 ml-model-training-data-not-dfsg-free,
 ml-model-derived-from-base-model-without-source,
 ml-model-generated-from-unshipped-checkpoint
Visibility: error
Areas: main
