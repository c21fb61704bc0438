import requests


def check():
    return requests.get("https://example.org/scanner/version.json").json()
