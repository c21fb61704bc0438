Tag: ml-policy-free-model
Severity: classification
Check: provenance
Explanation: The model meets the Free Model definition of the Debian Deep
 Learning team's ML-Policy as far as a static reading of the source can tell:
 its licence is DFSG-free, its training data is retrievable (evidence level E3
 or above, E2 under the <code>osaid</code> profile) under a free licence, and
 the training program together with the step that writes the shipped file is
 present (pipeline level P3 or above). The note lists the levels found and the
 file and line each one rests on, and says whether that evidence names this
 model or was taken as package-wide.
 .
 This is a classification, not a problem. It lets reviewers and archive-wide
 statistics see which models Debian could rebuild from source.
 .
 Nothing needs fixing. If an item of evidence in the note belongs to another
 model, record the real provenance in <code>debian/ml-models</code>
 (<code>Training-Data</code>, <code>Training-Code</code>,
 <code>Retrain-Command</code>).
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst
