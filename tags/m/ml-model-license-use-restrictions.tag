Tag: ml-model-license-use-restrictions
Severity: error
Check: licensing
Explanation: A model in a package for main (or contrib) is under a
 responsible-AI licence with use restrictions: OpenRAIL, RAIL-M,
 CreativeML OpenRAIL-M, BigScience or BigCode OpenRAIL-M. The note gives the
 licence and where it is stated.
 .
 These licences forbid listed uses and require every downstream licence to
 repeat the restrictions. Whatever their intent, restrictions on use
 discriminate against fields of endeavour (DFSG 6), so the model is not
 DFSG-free and cannot be in main (Debian Policy 2.2.1).
 .
 Move the model to non-free, or exclude it from the source (Files-Excluded,
 +dfsg repack, ML-Policy in the Disclaimer of debian/copyright) and let users
 fetch it themselves.
 .
 Override only when the statement the note points to is wrong, e.g. a model
 card copied from another model; say so in the override comment.
See-Also:
 https://www.debian.org/social_contract#guidelines,
 https://www.licenses.ai/,
 https://salsa.debian.org/deeplearning-team/ml-policy
