Tag: unknown-tag-in-mllint-override
Severity: error
Check: mllint
Show-Always: yes
Explanation: An mllint override file names a tag that mllint does not know,
 neither as a current name nor as a former one. A common cause is a lintian
 tag placed in an mllint override file; lintian's own tags belong in
 <code>debian/source/lintian-overrides</code>.
 .
 Correct the tag name (<code>mllint --list-tags</code> prints them all) or
 remove the line. Like lintian's <code>alien-tag</code>, this is reported
 even with <code>--no-override</code>.
See-Also: lintian(1)
