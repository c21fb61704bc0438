Tag: ml-model-training-data-not-dfsg-free
Severity: warning
Check: provenance
Explanation: A dataset the model was trained on is under terms that are not
 DFSG-free: non-commercial, no-derivatives or research-only. The note names
 the dataset and its licence. Datasets are read from the model card's
 <code>datasets</code>, embedded metadata, training scripts and
 <code>debian/ml-models</code>; licences from the declaration and a table of
 well-known datasets.
 .
 ML-Policy's Free Model must be trained from DFSG-free data. A model with a
 free licence trained on non-free data cannot be rebuilt in main and is a
 ToxicCandy model.
 .
 Retrain on free data, or move the package out of main. If the licence shown
 is wrong, correct the <code>Training-Data</code> line in
 <code>debian/ml-models</code>.
 .
 Override only with a reason the dataset's terms are in fact free.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://www.debian.org/social_contract#guidelines
