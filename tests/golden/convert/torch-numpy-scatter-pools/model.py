import torch
import torch.nn.functional as F


def update(x, index, src, rows, cols, values, mask):
    scattered = torch.scatter(x, 0, index, src)
    summed = x.scatter_add(1, index, src)
    largest = torch.scatter_reduce(x, 0, index, src, "amax", include_self=False)
    placed = x.index_put((rows, cols), values, accumulate=True)
    filled = x.masked_scatter(mask, src)
    window = torch.slice_scatter(x, src, start=1, end=3, step=1)
    return scattered, summed, largest, placed, filled, window


def pool(images):
    peaks = F.max_pool2d(images, 3, stride=2, padding=1, ceil_mode=True)
    means = F.avg_pool2d(images, 2, count_include_pad=False)
    peaks_and_where = F.max_pool2d(images, 2, return_indices=True)
    return peaks, means, peaks_and_where
