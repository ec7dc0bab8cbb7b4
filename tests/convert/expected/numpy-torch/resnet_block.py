"""A residual block on feature vectors: two affine maps with a skip connection."""
import torch


def layer_norm(x, eps=1e-5):
    mean = torch.mean(x, dim=-1, keepdim=True)
    return (x - mean) / torch.sqrt(torch.var(x, dim=-1, unbiased=False, keepdim=True) + eps)


def residual_block(x, w1, b1, w2, b2):
    h = torch.maximum(torch.matmul(layer_norm(x), w1) + b1, torch.tensor(0.0))
    return x + torch.matmul(h, w2) + b2
