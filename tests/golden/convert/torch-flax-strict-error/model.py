import torch


def features(x):
    y = torch.sum(x, dim=0)
    return torch.histc(y, bins=10)
