Tag: mismatched-mllint-override
Severity: warning
Check: mllint
Show-Always: yes
Explanation: An mllint override names a tag that mllint emitted for this
 package, but its context pattern matched none of the hints of that tag.
 .
 Patterns are matched against the whole context, note and pointer together:
 <code>tag [path]</code> does not match the context
 <code>note [path]</code>; write <code>tag * [path]</code> instead. A pointer
 that moved (a renamed file, a changed line) has the same effect.
 .
 Compare the pattern with the hint printed by
 <code>mllint --no-override</code> and fix the pattern, using <code>*</code>
 for the parts that change between uploads.
See-Also: lintian(1)
