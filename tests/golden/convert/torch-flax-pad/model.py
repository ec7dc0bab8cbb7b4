import torch
import torch.nn.functional as F


def pad_last(h):
    # PyTorch pads the last axis by (0, 1); NumPy and JAX want a pair for every axis
    return F.pad(h, (0, 1))


def pad_modes(x):
    a = F.pad(x, (1, 2, 3, 4), mode="replicate")
    b = F.pad(x, [1, 1, 2, 2], mode="circular", value=0.0)
    c = F.pad(x, (2, 2, 1, 1), "reflect")
    d = F.pad(x, (1, 0, 0, 2), value=-1.0)
    return a + 0, b, c, d


def pad_sizes(x, pad_r: int, pad_b: int):
    # a channels-last image, as in Swin: (C, W, H) from the last axis backwards
    return F.pad(x, (0, 0, 0, pad_r, 0, pad_b))


def not_written_out(x, widths):
    return F.pad(x, widths), F.pad(x * 2, (1, 1))
