from typing import List

import torch
import torch.nn as nn
from torch import Tensor


class DenseLayer(nn.Module):
    # DenseNet's layer: the images it is given, a list, are concatenated along the channels and
    # a norm takes the result, so the parameter holds images in the target's layout.
    def __init__(self, c_in: int, growth: int):
        super().__init__()
        self.norm = nn.BatchNorm2d(c_in)
        self.conv = nn.Conv2d(c_in, growth, kernel_size=3, padding=1, bias=False)

    def bn_function(self, inputs: List[Tensor]) -> Tensor:
        concated = torch.cat(inputs, 1)
        return self.conv(torch.relu(self.norm(concated)))

    def forward(self, input: Tensor) -> Tensor:
        if isinstance(input, Tensor):
            prev_features = [input]
        else:
            prev_features = input
        return self.bn_function(prev_features)


class DenseBlock(nn.ModuleDict):
    # Every child is a DenseLayer: the loop over them calls its forward with the list, grown by
    # append, that the block concatenates at the end.
    def __init__(self, layers: int, c_in: int, growth: int):
        super().__init__()
        for i in range(layers):
            layer = DenseLayer(c_in + i * growth, growth)
            self.add_module("denselayer%d" % (i + 1), layer)

    def forward(self, init_features: Tensor) -> Tensor:
        features = [init_features]
        for name, layer in self.items():
            new_features = layer(features)
            features.append(new_features)
        return torch.cat(features, 1)


class Net(nn.Module):
    def __init__(self, c: int):
        super().__init__()
        self.stem = nn.Conv2d(c, 4, kernel_size=3, padding=1)
        self.block = DenseBlock(2, 4, 3)

    def forward(self, x):
        y = self.block(self.stem(x))
        pooled = []
        pooled.append(y.amax(dim=(2, 3)))
        pooled.append(y.mean(dim=(2, 3)))
        return torch.cat(pooled, 1)
