Tag: malformed-mllint-override
Severity: error
Check: mllint
Show-Always: yes
Explanation: A line of an mllint override file cannot be parsed, or its
 architecture list is invalid. The note gives the reason, as lintian words it.
 .
 The syntax is lintian's:
 <code>[[package][ [arch-list]][ type]: ]tag[ context-pattern]</code>, with
 the optional prefix parts in that order and a colon after them. Architecture
 lists are not allowed in source overrides nor for
 <code>Architecture: all</code> packages.
 .
 Correct the line. A malformed line overrides nothing, so the hint it meant to
 cover is still reported.
See-Also: lintian(1)
