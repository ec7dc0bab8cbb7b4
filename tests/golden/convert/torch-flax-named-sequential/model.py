from collections import OrderedDict

import torch.nn as nn


def stem(channels: int) -> nn.Sequential:
    # named layers: the names become the state_dict keys in PyTorch
    return nn.Sequential(OrderedDict([("conv", nn.Conv2d(3, channels, 3)), ("relu", nn.ReLU())]))


def head(blocks: list) -> nn.Sequential:
    return nn.Sequential(*blocks)
