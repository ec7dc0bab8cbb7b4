"""A classifier head built as one keras.Sequential list."""
from torch import nn


def make_head(in_features: int, hidden: int, num_classes: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(in_features=in_features, out_features=hidden), nn.ReLU(), nn.Linear(in_features=hidden, out_features=num_classes))
