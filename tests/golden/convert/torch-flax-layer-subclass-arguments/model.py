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


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        norm_layer = partial(Norm, eps=0.5)
        self.first = norm_layer(features)
        self.second = WideNorm(features, eps=2.0, elementwise_affine=True)
        self.third = Batch(features, eps=0.5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.third(self.second(self.first(x) * 3.0))
