Tag: ml-model-not-covered-by-debian-copyright
Severity: info
Check: licensing
Explanation: The only debian/copyright stanza that matches this model is
 Files: * (the note gives its line), neither debian/copyright nor
 debian/ml-models names the model anywhere (a debian/ml-models stanza with
 placeholders not filled in does not count), and the source does not hold
 both its training data and its training pipeline (the model is not Free).
 .
 Files: * usually records the licence of upstream's code. A trained model is
 a separate work made from training data, often by other authors and under
 other terms, so the copyright file says nothing about where it comes from.
 .
 Add a Files stanza for the model with its copyright holders and licence, and
 say in a Comment where it was trained and from what, or record that in
 debian/ml-models.
 .
 Override when the model really was made by upstream's authors under the same
 licence as the code, e.g. a small network trained by the project itself.
See-Also:
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/,
 https://salsa.debian.org/deeplearning-team/ml-policy
