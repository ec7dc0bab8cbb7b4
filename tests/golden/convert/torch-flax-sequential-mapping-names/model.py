import math
from collections import OrderedDict
from typing import Optional

import torch
import torch.nn as nn


class Head(nn.Module):
    # torchvision's VisionTransformer: a Sequential of a mapping filled by item assignments,
    # whose layers the constructor reads by their names; towards a framework whose Sequential
    # keeps no names they are read from the mapping, still at hand there.
    def __init__(self, c: int, classes: int, representation_size: Optional[int] = None):
        super().__init__()
        layers: OrderedDict[str, nn.Module] = OrderedDict()
        if representation_size is None:
            layers["head"] = nn.Linear(c, classes)
        else:
            layers["pre_logits"] = nn.Linear(c, representation_size)
            layers["act"] = nn.Tanh()
            layers["head"] = nn.Linear(representation_size, classes)
        self.heads = nn.Sequential(layers)
        if hasattr(self.heads, "pre_logits") and isinstance(self.heads.pre_logits, nn.Linear):
            fan_in = self.heads.pre_logits.in_features
            nn.init.trunc_normal_(self.heads.pre_logits.weight, std=math.sqrt(1 / fan_in))
            nn.init.zeros_(self.heads.pre_logits.bias)
        if isinstance(self.heads.head, nn.Linear):
            nn.init.constant_(self.heads.head.bias, 0.5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.heads(x)


class Probe(nn.Module):
    # Read by name outside the constructor: the target's Sequential has no such attribute.
    def __init__(self, c: int):
        super().__init__()
        layers: OrderedDict[str, nn.Module] = OrderedDict()
        layers["fc"] = nn.Linear(c, c)
        self.body = nn.Sequential(layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if hasattr(self.body, "fc"):
            x = x * 2
        return self.body.fc(x)
