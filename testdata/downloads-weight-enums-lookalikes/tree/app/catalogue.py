"""A catalogue of published checkpoints, shown to the user; nothing here fetches them.

Example: https://download.pytorch.org/models/resnet50-0676ba61.pth
"""

from enum import Enum

# A dict of URLs that is only printed.
CHECKPOINTS = {
    "resnet50": "https://download.pytorch.org/models/resnet50-0676ba61.pth",
    "vgg16": "https://download.pytorch.org/models/vgg16-397923af.pth",
}


class WeightsEnum(Enum):
    """The application's own enum of that name (not torchvision's)."""


class Weights:
    def __init__(self, url: str) -> None:
        self.url = url


class Published_Weights(WeightsEnum):
    RESNET50 = Weights(url="https://download.pytorch.org/models/resnet50-11ad3fa6.pth")


class Registry:
    """Not a weight enum: a plain class with a URL attribute."""
    WIDE = "https://download.pytorch.org/models/wide_resnet50_2-95faca4d.pth"


def show() -> None:
    for name, url in CHECKPOINTS.items():
        print(f"{name}: {url}")
