"""Test fixtures: expected URLs, compared as strings."""

EXPECTED = ["https://download.pytorch.org/models/resnet50-0676ba61.pth"]


def test_catalogue() -> None:
    from app.catalogue import CHECKPOINTS
    assert CHECKPOINTS["resnet50"] in EXPECTED
