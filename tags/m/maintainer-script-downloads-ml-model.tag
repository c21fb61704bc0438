Tag: maintainer-script-downloads-ml-model
Severity: error
Check: downloads
Explanation: A maintainer script (<code>preinst</code>, <code>postinst</code>,
 <code>config</code>) fetches a machine-learning model during installation,
 with <code>wget</code>, <code>curl</code>, a hub client or a download
 script. The note names the tool and the URL or hub id.
 .
 Installation then depends on the network and on a remote server, the
 fetched payload escapes the archive's licence review, and a package in
 main must not pull in non-free payloads. Installer packages that do this
 on purpose belong in contrib.
 .
 Ship the model in a package, or move the package to contrib as an
 installer that asks before it downloads and verifies what it fetched.
 .
 Override only for an installer package in contrib whose purpose is the
 download, and say so in the override comment.
See-Also:
 policy 2.2.1,
 policy 6
