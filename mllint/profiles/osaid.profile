# The Open Source AI Definition (and 2025 GR Choice 3): "data information" suffices,
# so a machine-readable pointer to the training data (evidence level E2) is enough
# for the data condition of a Free model.
Profile: osaid
Extends: debian
X-Free-Data-Level: 2
