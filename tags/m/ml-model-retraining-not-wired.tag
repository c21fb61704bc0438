Tag: ml-model-retraining-not-wired
Severity: pedantic
Check: provenance
Explanation: The training program for the model is in the source (pipeline
 level P2 or P3), but there is no opt-in way to run it: no
 <code>debian/rules</code> target such as <code>retrain</code> or
 <code>bootstrap</code>, no build profile that retrains, and no
 <code>Retrain-Command</code> in <code>debian/ml-models</code>.
 .
 Retraining at every build is slow and rarely reproducible bit for bit, and
 never retraining leaves the shipped weights unverified. A standard opt-in
 target, like bootstrapping a compiler, lets a porter or reviewer rebuild the
 model now and then.
 .
 Add a target to <code>debian/rules</code> (for example
 <code>retrain:</code>) or a build profile that runs the training, and name it
 in <code>Retrain-Command</code>.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://wiki.debian.org/BuildProfileSpec
