"""A store into a temporary (torchvision's anchor strides): Keras writes dtypes as strings and
has no indexed update of a whole array, so the store is reported, not left silently."""
import torch


def strides(image_size, g):
    a = torch.empty((), dtype=torch.int64).fill_(image_size[0] // g[0])
    b = [torch.empty((), dtype=torch.int64).fill_(image_size[1] // g[1]) for _ in range(2)]
    return a, b
