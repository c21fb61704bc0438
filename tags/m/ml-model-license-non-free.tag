Tag: ml-model-license-non-free
Severity: error
Check: licensing
Explanation: A model in a package for main (or contrib) is under a licence
 that is not DFSG-free. The note gives the licence and where it is stated: a
 debian/copyright stanza, the declaration, the model's own metadata, its
 model card or a licence file beside it.
 .
 Non-commercial (CC-BY-NC), no-derivatives (CC-BY-ND), research-only terms and
 vendor community licences such as Llama's or Gemma's restrict fields of
 endeavour or modification (DFSG 3, 5 and 6), so the model may only go to
 non-free (Debian Policy 2.2). ML-Policy calls this a Non-free Model. One
 statement of a non-free licence is enough: mllint does not let a free
 statement elsewhere outweigh it.
 .
 Move the model to a package in non-free, or drop it from the source with
 Files-Excluded and a +dfsg repack, citing ML-Policy in the Disclaimer of
 debian/copyright. If upstream relicensed the model, update the statement the
 note points to.
 .
 Override only when the note's statement is wrong and upstream has confirmed
 the free licence in writing; say where in the override comment.
See-Also:
 https://www.debian.org/social_contract#guidelines,
 https://www.debian.org/doc/debian-policy/ch-archive.html#the-main-archive-area,
 https://salsa.debian.org/deeplearning-team/ml-policy
