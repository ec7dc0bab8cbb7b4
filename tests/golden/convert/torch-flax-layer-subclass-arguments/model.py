from collections import OrderedDict
from functools import partial

import torch
import torch.nn as nn


class Norm(nn.LayerNorm):
    """Keeps nn.LayerNorm's constructor, as torchvision's LayerNorm2d does: built, or bound by
    partial, with PyTorch's keywords, which Flax names otherwise (eps -> epsilon)."""


class WideNorm(Norm):
    """Keeps it through another class of the file."""


class Batch(nn.BatchNorm1d):
    """Built with the layer's defaults where Flax's differ (momentum)."""


class Scaled(nn.LayerNorm):
    """Has a constructor of its own, which builds the layer through super().__init__: those
    arguments convert as the layer's."""

    def __init__(self, features: int, e: float):
        super().__init__(features, eps=e)


class Stack(nn.Sequential):
    """Hands its named layers to nn.Sequential's constructor, as torchvision's regnet does."""

    def __init__(self, features: int):
        layers: OrderedDict[str, nn.Module] = OrderedDict()
        layers["wide"] = nn.Linear(features, 2 * features)
        layers["act"] = nn.ReLU()
        layers["narrow"] = nn.Linear(2 * features, features)
        super().__init__(layers)


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        norm_layer = partial(Norm, eps=0.5)
        self.first = norm_layer(features)
        self.second = WideNorm(features, eps=2.0, elementwise_affine=True)
        self.third = Batch(features, eps=0.5)
        self.fourth = Scaled(features, 0.25)
        self.fifth = Stack(features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fifth(self.fourth(self.third(self.second(self.first(x) * 3.0))))
