"""Pretrained weights for satellite imagery, in torchvision's weight-enum style (as torchgeo
ships them): the model builders fetch a member's URL through WeightsEnum.get_state_dict."""

from functools import partial

from torchvision.models._api import Weights, WeightsEnum

_BASE = "https://hf.co/geovision/resnet50-sentinel2/resolve/main"
_META = {"dataset": "SSL4EO-S12", "in_chans": 13}


class ResNet50_Weights(WeightsEnum):
    SENTINEL2_ALL_MOCO = Weights(
        url=f"{_BASE}/resnet50_sentinel2_all_moco-df8b932e.pth",
        transforms=partial(dict),
        meta={**_META, "ssl_method": "moco"},
    )
    SENTINEL2_ALL_DINO = Weights(
        url=f"{_BASE}/resnet50_sentinel2_all_dino-d6c330e9.pth",
        transforms=partial(dict),
        meta={**_META, "ssl_method": "dino"},
    )


class ResNet18_Weights(WeightsEnum):
    SENTINEL2_RGB_SECO = Weights(
        url="https://hf.co/geovision/resnet18-seco/resolve/main/resnet18_seco-9976a9cb.pth",
        transforms=None,
        meta=_META,
    )
