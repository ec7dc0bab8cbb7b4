import torch.nn as nn


def make_head(features: int, classes: int):
    return nn.Sequential(nn.Linear(features, 32), nn.ReLU(), nn.Linear(32, classes))
