from huggingface_hub import hf_hub_download
hf_hub_download("hf-internal-testing/tiny-random-model", "model.bin")
