Tag: runtime-downloads-ml-model-without-integrity-check
Severity: info
Check: downloads
Explanation: A model download found by mllint has no integrity check next to
 it: no pinned revision (a commit id in <code>revision=</code>), no digest
 (<code>check_hash=True</code>, pooch <code>known_hash</code>,
 <code>EXPECTED_HASH</code>, <code>sha256sum -c</code>) and no digest
 computed in the same function or script.
 .
 Without a pin, the bytes that run on the user's machine can change at any
 time without a new upload, by the model's author or by whoever controls
 the server. A model in a pickle-based format runs code when it is loaded.
 .
 Pin the download to a commit or a digest and verify it, or better, ship
 the model in a Debian package.
 .
 Override when the fetched file is verified in a way mllint cannot see,
 and name it in the override comment.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy
