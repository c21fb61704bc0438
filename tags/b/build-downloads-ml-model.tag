Tag: build-downloads-ml-model
Severity: error
Check: downloads
Explanation: The package build fetches a machine-learning model: a reached
 target of <code>debian/rules</code>, an upstream build file
 (<code>file(DOWNLOAD)</code>, <code>FetchContent</code>,
 <code>ExternalProject</code>, a project download helper, a
 <code>wget</code> or <code>curl</code> in a Makefile, meson or configure
 script) or a script the build runs. No Debian switch in
 <code>debian/rules</code> turns it off. The note names the function or tool
 and the URL.
 .
 Debian Policy 4.9 forbids network access during the build: the build
 fails on the buildds, and where it succeeds the binary contains a model
 that is not in the source package, so the source is not the preferred
 form of modification and cannot be reviewed under the DFSG.
 .
 Put the model in the source (a repacked or component tarball) and let the
 build use it, or pass the upstream switch that disables the download
 (for example <code>-DDOWNLOAD_MODELS=OFF</code> or
 <code>--disable-model-download</code>) in <code>debian/rules</code>.
 .
 Override when the download cannot happen in a Debian build for a reason
 mllint cannot see, and name the reason in the override comment.
See-Also:
 policy 4.9
