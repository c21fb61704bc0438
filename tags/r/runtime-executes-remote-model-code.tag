Tag: runtime-executes-remote-model-code
Severity: error
Check: downloads
Explanation: Shipped code fetches a model together with code from the model
 repository and runs it, for example
 <code>from_pretrained(…, trust_remote_code=True)</code>. The note names the
 call and the repository.
 .
 The code that runs is not in the package, was never reviewed for Debian,
 and can change upstream at any time without a new upload: this is the
 same as piping a download into a shell. It also breaks DFSG review, since
 the program's behaviour depends on software outside the archive.
 .
 Package the model's code as part of the software (transformers supports
 most architectures natively), or make remote code an explicit opt-in of
 the user with a pinned revision.
 .
 An override is only right when the call is unreachable in the packaged
 software; say why in the override comment.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy
