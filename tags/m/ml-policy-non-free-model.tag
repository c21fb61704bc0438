Tag: ml-policy-non-free-model
Severity: classification
Check: provenance
Explanation: The model's own licence is not DFSG-free (for example
 non-commercial, no-derivatives or field-of-use terms). ML-Policy calls this a
 Non-free model, whatever is known about its training data and program. The
 note gives the licence and the evidence levels found.
 .
 Such a model does not belong in main; it may go to non-free if its licence
 allows redistribution. The licensing tags say where the licence was read.
 .
 Move the model to a package in non-free, or remove it from the source
 (a <code>+dfsg</code> repack with <code>Files-Excluded</code>) and point to
 it instead.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://www.debian.org/social_contract#guidelines
