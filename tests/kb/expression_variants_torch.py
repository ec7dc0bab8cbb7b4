# PyTorch calls whose NumPy spellings are expression templates, with the arguments `swhost ci`
# leaves at their defaults (strides, paddings, dilations, groups, output sizes, other reduce
# modes, probability targets), and named results of a call whose NumPy spelling returns a tuple
# (`torch.topk(x, 2).values`). tests/kb/expression_variants.py converts this file to NumPy and
# runs both.
import torch
import torch.nn.functional as F


def conv2d_strided(x, w, b):
    return F.conv2d(x, w, b, stride=2, padding=1, dilation=2, groups=2)


def conv2d_same(x, w):
    return F.conv2d(x, w, padding="same", dilation=2)


def conv1d_valid(x, w):
    return F.conv1d(x, w, stride=3, padding="valid")


def conv3d_padded(x, w, b):
    return F.conv3d(x, w, b, stride=(1, 2, 1), padding=(1, 0, 1))


def conv_transpose2d_strided(x, w, b):
    return F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1, groups=2)


def conv_transpose1d_dilated(x, w):
    return F.conv_transpose1d(x, w, stride=3, padding=2, dilation=2)


def unpool2d(values, indices):
    return F.max_unpool2d(values, indices, 2, stride=2, output_size=(5, 6))


def adaptive_max_values(x):
    return F.adaptive_max_pool2d(x, (2, 3))


def adaptive_max_indices(x):
    return F.adaptive_max_pool3d(x, 2, return_indices=True)[1]


def scatter_mean(x, index, src):
    return torch.scatter_reduce(x, 1, index, src, "mean", include_self=False)


def scatter_mean_with_input(x, index, src):
    return torch.scatter_reduce(x, 0, index, src, "mean")


def probability_targets(x, p):
    return F.cross_entropy(x, p, label_smoothing=0.1)


def grid(theta):
    return F.affine_grid(theta, (2, 3, 4, 5), align_corners=True)


def multilabel(x, t):
    return F.multilabel_margin_loss(x, t, reduction="none")


def top_values(x):
    return torch.topk(x, 2).values


def top_indices(x):
    return x.topk(3).indices
