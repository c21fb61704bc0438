Tag: runtime-downloads-ml-model
Severity: warning
Check: downloads
Explanation: Shipped code or configuration fetches a machine-learning model
 at run time: a model hub call such as <code>hf_hub_download</code> or
 <code>from_pretrained</code> with a hub id, a framework loader such as
 <code>torch.hub.load</code> or pretrained weights, a fetch of a model URL
 (also through a constant, a torchvision-style weight enum, or a class in a
 jar), or a download manifest naming a model file the package does not
 ship. The note names the call or tool and the URL or hub id; an offline
 guard found next to it is shown as <code>guarded-by=</code>.
 .
 The model never enters the archive, so it escapes the DFSG review that
 the rest of the package went through, users get whatever the remote side
 serves that day, and the software fails offline. Debian's users are left
 alone with its licence, provenance and safety.
 .
 Package the model (in this source or in a separate package the code
 depends on) and point the code at the installed path, or disable the
 download by default and document how a user can opt in.
 .
 Override when the download only happens on an explicit user request and
 the package works without it, and say so in the override comment.
See-Also:
 policy 2.2.1,
 https://salsa.debian.org/deeplearning-team/ml-policy
