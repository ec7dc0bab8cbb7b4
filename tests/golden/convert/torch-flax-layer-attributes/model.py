import math

import torch
import torch.nn as nn


class Net(nn.Module):
    """Attributes read from layers whose class is known take the target's names: a layer the
    constructor builds once (`self.stem`), and a loop's module narrowed by isinstance (the
    initialization loop of torchvision's RegNet and ResNet)."""

    def __init__(self, channels: int):
        super().__init__()
        self.stem = nn.Conv2d(channels, 2 * channels, kernel_size=3, padding=1)
        self.head = nn.Linear(self.stem.out_channels, 5)
        self.scale = 1.0 / math.sqrt(self.head.in_features * self.stem.kernel_size[0])
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                fan_out = m.kernel_size[0] * m.kernel_size[1] * m.out_channels
                nn.init.normal_(m.weight, mean=0.0, std=math.sqrt(2.0 / fan_out))
            elif m is not None and isinstance(m, nn.Linear):
                bound = 1 / math.sqrt(m.in_features)
                nn.init.uniform_(m.bias, -bound, bound)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.stem(x)).mean((2, 3))
        return self.head(h) * self.scale


class Probe(nn.Module):
    """Attributes the target's layers do not keep are reported and left as written; one the
    file sets itself is its own."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, kernel_size=3, padding_mode="reflect")
        self.conv.fan = 9
        self.proj = nn.Conv2d(3, 4, 1)
        self.proj = nn.Conv2d(4, 4, 1)

    def describe(self) -> str:
        # padding_mode has no counterpart in nnx.Conv; `extra` no mapping at all; `self.proj`
        # is built twice, so its class is not known.
        return f"{self.conv.padding_mode} {self.conv.extra} {self.conv.fan} {self.proj.stride}"
