"""A 2-D convolution (cross-correlation) of NCHW images written with NumPy's window view."""
import numpy as np


def conv2d(x, weight, bias):
    # x: (N, C, H, W); weight: (O, C, KH, KW) -> (N, O, H - KH + 1, W - KW + 1)
    kh, kw = weight.shape[2], weight.shape[3]
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))
    out = np.einsum("nchwij,ocij->nohw", windows, weight)
    return out + bias.reshape(1, -1, 1, 1)
