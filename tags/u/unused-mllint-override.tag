Tag: unused-mllint-override
Severity: info
Check: mllint
Show-Always: yes
Explanation: An mllint override names a tag that mllint did not emit for this
 package. The override is left over from an earlier version of the package or
 of mllint.
 .
 The note gives the tag and the pattern as written, and the pointer the line
 of the override file.
 .
 Remove the override, or correct its tag name. This meta-tag cannot itself be
 overridden; it is the mllint counterpart of lintian's
 <code>unused-override</code>, under its own name so that tools acting on
 lintian's rows never touch mllint's override files.
See-Also: lintian(1)
