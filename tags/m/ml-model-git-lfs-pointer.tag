Tag: ml-model-git-lfs-pointer
Severity: warning
Check: model-files
Explanation: A file named like a model is a Git LFS pointer: a three-line
 text stub that names the real object by its SHA-256 and size. The model
 itself is not in the package, so whatever loads it will fail.
 .
 The upstream tarball was probably made from a clone without
 <code>git lfs pull</code>, or with <code>git archive</code>.
 .
 Repack the orig tarball with the real object, or drop the stub and record in
 <code>debian/ml-models</code> where the model comes from. Override only when
 the stub is the point, for example a test of LFS handling.
See-Also:
 https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md
