import pathlib
import pickle
from sklearn.naive_bayes import MultinomialNB

def train(messages, labels):
    clf = MultinomialNB().fit(messages, labels)
    path = pathlib.Path.home() / ".local/share/spamfilter/model.pkl"
    with open(path, "wb") as f:
        pickle.dump(clf, f)
