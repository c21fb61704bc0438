Tag: ml-model-runtime-download-endpoint
Severity: classification
Check: downloads
Explanation: A model URL or hub id that the package's code, build files,
 manifests, maintainer scripts or documentation can fetch. One hint per
 place it occurs; the note is the URL or hub id. Every member of a
 torchvision-style weight enum is one, even where the download itself is
 reported once per file; a class in a jar gives one, naming its first
 model URL.
 .
 This is data, not a problem: it lets archive-wide statistics show which
 models Debian software reaches for, and it is the only hint for downloads
 mllint does not count against the package (documentation, tests,
 examples, notebooks, CI configuration, libraries that provide a download
 API, and build downloads that <code>debian/rules</code> disables).
 .
 Nothing needs fixing. If the model should be in Debian, this is where to
 start looking.
 .
 No override is needed; classification hints are not shown by default.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy
