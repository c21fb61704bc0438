import numpy as np
from safetensors.numpy import save_file
from sklearn.linear_model import LogisticRegression

rows = np.loadtxt("data/iris.csv", delimiter=",", usecols=(0, 1, 2, 3))
labels = np.loadtxt("data/iris.csv", delimiter=",", usecols=4, dtype=str)
clf = LogisticRegression().fit(rows, labels)
save_file({"coef": clf.coef_}, "models/iris.safetensors")
