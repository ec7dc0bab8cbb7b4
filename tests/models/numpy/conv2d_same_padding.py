"""A stride-1 'same' convolution: the input zero-padded so that H and W are kept."""
import numpy as np


def pad_same(x, kernel_size):
    before = (kernel_size - 1) // 2
    after = kernel_size - 1 - before
    return np.pad(x, ((0, 0), (0, 0), (before, after), (before, after)))


def conv2d_same(x, weight):
    k = weight.shape[-1]
    windows = np.lib.stride_tricks.sliding_window_view(pad_same(x, k), (k, k), axis=(2, 3))
    return np.einsum("nchwij,ocij->nohw", windows, weight)
