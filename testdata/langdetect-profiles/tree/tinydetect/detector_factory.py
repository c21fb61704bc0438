"""Load the language profiles shipped beside this module."""
import json
import os


def load(directory):
    return {name: json.load(open(os.path.join(directory, name))) for name in os.listdir(directory)}
