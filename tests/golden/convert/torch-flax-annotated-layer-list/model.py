from typing import List

import torch
from torch import nn


class Net(nn.Module):
    # swin's features: a list of layers annotated where it is made (`layers: List[nn.Module] =
    # []`), then appended to; the axis after it is renumbered for channels last.
    def __init__(self, c: int):
        super().__init__()
        layers: List[nn.Module] = []
        layers.append(nn.Sequential(nn.Conv2d(c, 4, 3), nn.ReLU()))
        layers.append(nn.Conv2d(4, 4, 3))
        self.features = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x).mean(1)
