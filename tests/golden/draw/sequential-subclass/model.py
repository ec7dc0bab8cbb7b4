"""Classes deriving from framework containers hand their layers to the inherited constructor."""
from collections import OrderedDict

import torch
import torch.nn as nn


class ConvNormAct(nn.Sequential):
    def __init__(self, cin, cout):
        layers = [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout)]
        layers.append(nn.ReLU())
        super().__init__(*layers)
        self.out_channels = cout


class Named(nn.Sequential):
    def __init__(self, width):
        super().__init__(OrderedDict([("pool", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten())]))
        self.fc = nn.Linear(width, 5)


class Branches(nn.ModuleDict):
    def __init__(self, width):
        super().__init__()
        for i in range(2):
            self.add_module(f"branch{i}", nn.Conv2d(width, width, 1))

    def forward(self, x):
        outputs = [layer(x) for name, layer in self.items()]
        return torch.cat(outputs, 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = ConvNormAct(3, 8)
        self.branches = Branches(self.stem.out_channels)
        self.head = Named(16)

    def forward(self, x):
        return self.head(self.branches(self.stem(x)))
