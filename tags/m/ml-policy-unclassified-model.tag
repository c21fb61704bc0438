Tag: ml-policy-unclassified-model
Severity: classification
Check: provenance
Explanation: mllint cannot place the model in an ML-Policy class: its licence
 is unknown, or the package is a binary scanned without its source, so its
 training data and program cannot be seen. The note gives what was found.
 .
 Without a licence nobody can tell whether the model may be shipped at all,
 let alone whether its source is complete.
 .
 State the model's licence in <code>debian/copyright</code> (a
 <code>Files:</code> stanza naming it) or in <code>debian/ml-models</code>.
 For a binary package, run mllint on the <code>.changes</code> file so the
 source is read in the same run.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst
