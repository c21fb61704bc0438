"""A vendored copy of torchvision's alexnet builder: torchvision provides the download API, so
its own enums are endpoints only (classification)."""

from ._api import Weights, WeightsEnum


class AlexNet_Weights(WeightsEnum):
    IMAGENET1K_V1 = Weights(
        url="https://download.pytorch.org/models/alexnet-owt-7be5be79.pth",
        transforms=None,
        meta={"num_params": 61100840},
    )
    DEFAULT = IMAGENET1K_V1
