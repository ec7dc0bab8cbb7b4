"""The Flax expression templates with the arguments `swhost ci` leaves at their defaults:
scatter_reduce with 'mean' (floats and integers), cross_entropy with class probabilities and with
class indices, label smoothing and every reduction. Converted to Flax and run under the NumPy
stand-in of jax and optax by expression_variants.py."""
import torch
import torch.nn.functional as F


def flax_scatter_mean(x, index, src):
    return torch.scatter_reduce(x, 1, index, src, "mean", include_self=False)


def flax_scatter_mean_with_input(x, index, src):
    return torch.scatter_reduce(x, 0, index, src, "mean")


def flax_scatter_mean_integers(x, index, src):
    return torch.scatter_reduce(x, 1, index, src, "mean")


def flax_probability_targets(x, p):
    return F.cross_entropy(x, p)


def flax_probability_targets_summed(x, p):
    return F.cross_entropy(x, p, reduction="sum", label_smoothing=0.2)


def flax_index_targets(x, t):
    return F.cross_entropy(x, t, reduction="none")


def flax_index_targets_smoothed(x, t):
    return F.cross_entropy(x, t, label_smoothing=0.1)
