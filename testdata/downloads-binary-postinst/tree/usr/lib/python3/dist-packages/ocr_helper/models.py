from huggingface_hub import hf_hub_download


def fetch():
    return hf_hub_download(repo_id="example/ocr-small", filename="model.onnx")
