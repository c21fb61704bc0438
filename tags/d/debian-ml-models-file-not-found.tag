Tag: debian-ml-models-file-not-found
Severity: warning
Check: ml-models-file
Explanation: Something debian/ml-models names is not in the source tree: a
 pattern in a Files field that matches no file, or a pointer that names
 nothing. The note gives the pattern, or the field and what it names; the
 pointer is its stanza or line.
 .
 Pointers are checked where they name something in the source: a path in
 Training-Code, a Training-Data location that is a path rather than a URL or
 pkg:deb/debian/ package, a Generated-By written as a path, and a
 Retrain-Command that runs a debian/rules target (debian/rules, make -f
 debian/rules or dpkg-buildpackage --rules-target) or a script of the source.
 A target must be an explicit rule of debian/rules; dh's catch-all %: rule
 does not count.
 .
 A declaration points; it does not vouch. A pointer that names nothing is no
 evidence, so the training data or pipeline level it would have raised stays
 where the rest of the package puts it. A Files pattern that matches nothing
 means the declaration has gone stale: the model was renamed, moved, or
 removed by a repack, and the stanza now describes nothing. Patterns are DEP-5
 globs relative to the top of the source, as in debian/copyright.
 .
 Correct the path or target, add the missing file or debian/rules target, or
 remove the field (or the stanza, if the model is gone; record the removal in
 the Files-Excluded and Disclaimer fields of debian/copyright). Write a
 location outside the source as a URL.
 .
 Override only if the file is created during the build and the stanza
 describes the built model, or the target lives in a makefile debian/rules
 includes.
See-Also:
 https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/#files-field,
 https://salsa.debian.org/deeplearning-team/ml-policy
