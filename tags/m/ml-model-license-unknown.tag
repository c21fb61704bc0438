Tag: ml-model-license-unknown
Severity: warning
Check: licensing
Explanation: mllint found no licence for this model: no debian/copyright
 stanza matches it, and it has no licence in its metadata, in a model card
 above it, in debian/ml-models or in a LICENSE or COPYING file beside or
 above it.
 .
 Without a licence nothing may be redistributed, and Debian Policy 12.5 asks
 for the copyright and licence of every file in debian/copyright. A model's
 licence can differ from the code's: weights are often released separately,
 under data or model licences.
 .
 Find the licence where upstream published the model (release notes, the
 model hub page, the paper's repository) and state it in a Files stanza of
 debian/copyright naming the model, and optionally in debian/ml-models.
 .
 Override only for a generated file whose licence follows from the source it
 was generated from, and say which.
See-Also:
 https://www.debian.org/doc/debian-policy/ch-docs.html#copyright-information,
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
