"""Updates in place at one index of a later axis, after full slices, towards Keras: the array
where a mask of that index along its axis holds, the value broadcast there; an index counted
from the end or computed is taken modulo the axis's length."""
import torch


def stamp(x: torch.Tensor, i: int):
    y = x.clone()
    y[:, 0] = 1.0
    y[:, :, -1] += 2.0
    y[:, i + 1].clamp_(min=0.0)
    y[:, :, i] = y[:, :, 0] * 0.5
    # reported: a slice, an index after an ellipsis, and two indices
    y[:, 1:3] = 0.0
    y[..., 0] = 0.0
    y[:, 0, 1] = 0.0
    return y
