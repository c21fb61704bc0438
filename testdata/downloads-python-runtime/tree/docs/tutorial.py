from transformers import AutoModel
AutoModel.from_pretrained("docs/tutorial-model", trust_remote_code=True)
