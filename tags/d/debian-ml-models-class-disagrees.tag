Tag: debian-ml-models-class-disagrees
Severity: warning
Check: ml-models-file
Explanation: The ML-Policy-Class that debian/ml-models declares for a model is
 not the class mllint infers from what it found. The note gives the model,
 both classes and the evidence levels and licence behind the inferred one.
 .
 ML-Policy calls a model Free only when its licence is DFSG-free, its
 training data is public under a free licence, and the complete training
 program is available; ToxicCandy when the licence is free but data or
 program is missing; Non-free when the licence is not free. mllint applies
 the ML-Policy rule here whatever profile is selected: Free needs data at E3
 or above (the data in the source or a build dependency, E4, or a retrieval
 recipe in the source, E3) and the training program at P3 or above. A
 Training-Data line that gives a URL is a pointer, E2: it names the data but
 does not show it can be had. A declaration that
 claims more than the package shows misleads reviewers; one that claims less
 may be out of date.
 .
 Either correct ML-Policy-Class, or make the evidence visible: point
 Training-Data at the data with its licence, Training-Code at the code in the
 source or a build dependency, and Generated-By or Retrain-Command at the
 step that makes the shipped file.
 .
 Override when the evidence exists where mllint cannot see it statically, and
 say where in the override comment.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy
