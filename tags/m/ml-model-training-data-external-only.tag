Tag: ml-model-training-data-external-only
Severity: info
Check: provenance
Explanation: The training data can be fetched from a URL or a hub identifier
 outside Debian (the note gives it), but it is neither in the source nor in a
 package the source build-depends on.
 .
 Data hosted elsewhere can change or vanish, and then the model can no longer
 be rebuilt. The debate on the 2025 General Resolution listed the places data
 can live: the source, a separate source package, outside hosting, or a mere
 reference; only the first two are under Debian's control.
 .
 Where the licence and size allow, ship the data in a separate source package
 and build-depend on it, and name it in <code>debian/ml-models</code>
 (<code>Training-Data: name pkg:deb/debian/package license</code>).
 .
 Override when the data is too large for the archive; the note then documents
 where it is.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst
