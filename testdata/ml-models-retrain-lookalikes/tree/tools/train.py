import numpy as np
from safetensors.numpy import save_file
from sklearn.linear_model import LogisticRegression

rows = np.loadtxt("data/corpus.csv", delimiter=",", usecols=(0, 1))
labels = np.loadtxt("data/corpus.csv", delimiter=",", usecols=2, dtype=str)
clf = LogisticRegression().fit(rows, labels)
save_file({"coef": clf.coef_}, "models/a.safetensors")
save_file({"coef": clf.coef_}, "models/b.safetensors")
save_file({"coef": clf.coef_}, "models/c.safetensors")
