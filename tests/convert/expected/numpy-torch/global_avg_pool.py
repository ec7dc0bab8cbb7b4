"""Global average pooling of (N, C, H, W) feature maps."""
import torch


def global_pool(x):
    return torch.mean(x, dim=(2, 3), keepdim=True)


def channel_means(x):
    return x.mean(dim=(2, 3))
