from collections import OrderedDict
from typing import List, Optional

import torch
import torch.nn as nn
from torch import Tensor


class Layer(nn.Module):
    # Takes one tensor or the list of those before it (DenseNet's _DenseLayer).
    def __init__(self, c: int, growth: int) -> None:
        super().__init__()
        self.fc = nn.Linear(c, growth)

    def forward(self, input: Tensor) -> Tensor:
        if isinstance(input, Tensor):
            features = [input]
        else:
            features = input
        return torch.tanh(self.fc(torch.cat(features, 1)))


class Block(nn.ModuleDict):
    # Children added by name to a dict of modules; its forward runs them.
    def __init__(self, layers: int, c: int, growth: int) -> None:
        super().__init__()
        for i in range(layers):
            self.add_module("layer%d" % (i + 1), Layer(c + i * growth, growth))

    def forward(self, init_features: Tensor) -> Tensor:
        features = [init_features]
        for name, layer in self.items():
            features.append(layer(features))
        return torch.cat(features, 1)


class Transition(nn.Sequential):
    # Layers assigned as attributes of a Sequential run in the order assigned.
    def __init__(self, c: int, out: int) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(c)
        self.act = nn.ReLU(inplace=True)
        self.fc = nn.Linear(c, out)


class MLP(nn.Sequential):
    # Dropout given `**params` whose only possible keyword is one Flax drops.
    def __init__(self, c: int, hidden: List[int], inplace: Optional[bool] = None) -> None:
        params = {} if inplace is None else {"inplace": inplace}
        layers = []
        for width in hidden:
            layers.append(nn.Linear(c, width))
            layers.append(nn.Dropout(0.0, **params))
            c = width
        super().__init__(*layers)


class MLPBlock(MLP):
    # A subclass of a Sequential subclass initialising its layers.
    def __init__(self, c: int, hidden: int) -> None:
        super().__init__(c, [hidden, c])
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)


class Net(nn.Module):
    def __init__(self, c: int = 4, growth: int = 2) -> None:
        super().__init__()
        self.features = nn.Sequential(OrderedDict([("fc0", nn.Linear(c, c))]))
        width = c
        for i in range(2):
            # Added by name to a Sequential the module holds.
            self.features.add_module("block%d" % i, Block(2, width, growth))
            width += 2 * growth
            self.features.add_module("transition%d" % i, Transition(width, width // 2))
            width //= 2
        self.mlp = MLPBlock(width, 8)

    def forward(self, x: Tensor) -> Tensor:
        return self.mlp(self.features(x))
