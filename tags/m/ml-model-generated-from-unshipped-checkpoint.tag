Tag: ml-model-generated-from-unshipped-checkpoint
Severity: warning
Check: provenance
Explanation: A generated model file (for example weights written out as C
 arrays) names the checkpoint it was generated from, and no file of that name
 is in the source. The note gives the checkpoint's name.
 .
 The generated file is an intermediate form: the checkpoint, and what trained
 it, is what one would change. Without it the shipped weights cannot be
 regenerated, let alone retrained, and for a GPL-3 work the "preferred form of
 the work for making modifications" is missing.
 .
 Ship the checkpoint and the export script, or record in
 <code>debian/ml-models</code> where they are (<code>Generated-By</code>,
 <code>Training-Code</code>).
 .
 Override when the checkpoint is deliberately left out and documented, e.g.
 for its size.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://www.gnu.org/licenses/gpl-3.0.html
