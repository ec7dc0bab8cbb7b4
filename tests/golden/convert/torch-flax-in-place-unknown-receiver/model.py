"""An argument with no annotation: the in-place method says it holds a tensor, so the item
assignments after it are reported, not passed over in silence."""
import torch


def clamp_first(y, limit):
    y.mul_(2)
    y[0] = limit
    y[y < 0] = 0.0
    return torch.relu(y)
