"""A stride-1 'same' convolution: the input zero-padded so that H and W are kept."""
import numpy as np
import torch
import torch.nn.functional as F


def pad_same(x, kernel_size):
    before = (kernel_size - 1) // 2
    after = kernel_size - 1 - before
    return F.pad(x, (before, after, before, after))


def conv2d_same(x, weight):
    k = weight.shape[-1]
    # switcheroo: no mapping for 'numpy.lib.stride_tricks.sliding_window_view' to 'torch'
    windows = np.lib.stride_tricks.sliding_window_view(pad_same(x, k), (k, k), axis=(2, 3))
    return torch.einsum("nchwij,ocij->nohw", windows, weight)
