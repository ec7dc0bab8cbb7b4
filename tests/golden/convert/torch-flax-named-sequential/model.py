from collections import OrderedDict

import torch.nn as nn


def stem(channels: int) -> nn.Sequential:
    # named layers: the names become the state_dict keys in PyTorch
    return nn.Sequential(OrderedDict([("conv", nn.Conv2d(3, channels, 3)), ("relu", nn.ReLU())]))


def head(blocks: list) -> nn.Sequential:
    return nn.Sequential(*blocks)


class Encoder(nn.Module):
    def __init__(self, n: int):
        super().__init__()
        # a name bound to an ordered mapping: the Sequential holds its values
        layers: OrderedDict[str, nn.Module] = OrderedDict()
        for i in range(n):
            layers[f"layer_{i}"] = nn.Linear(4, 4)
        self.layers = nn.Sequential(layers)
        blocks = [nn.Linear(4, 4)]
        self.blocks = nn.Sequential(*blocks)
