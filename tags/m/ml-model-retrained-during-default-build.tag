Tag: ml-model-retrained-during-default-build
Severity: warning
Check: provenance
Explanation: The default package build runs a training program (the note
 names it; the pointer is the line in <code>debian/rules</code> or in the
 upstream makefile that the build reaches).
 .
 Training is slow and seldom reproducible bit for bit, so every build becomes
 expensive and the package cannot be reproducible. Training belongs in an
 opt-in step.
 .
 Ship the trained model and move the training into an opt-in target or a
 build profile (for example <code>retrain</code>), or skip the upstream rule
 with an override of <code>dh_auto_build</code>.
 .
 Override when retraining at build time is deliberate, e.g. a small model
 built from data in the source in seconds.
See-Also:
 https://reproducible-builds.org/,
 https://wiki.debian.org/BuildProfileSpec
