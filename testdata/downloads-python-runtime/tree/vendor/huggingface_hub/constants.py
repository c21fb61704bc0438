import requests
DEFAULT = "https://huggingface.co/gpt2/resolve/main/config.json"
def probe():
    return requests.get("https://huggingface.co/gpt2/resolve/main/model.safetensors")
