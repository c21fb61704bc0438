import torch
from safetensors.torch import save_file

def main(model, loader, optimizer, loss_fn):
    for images, labels in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
    save_file(model.state_dict(), "model.safetensors")
