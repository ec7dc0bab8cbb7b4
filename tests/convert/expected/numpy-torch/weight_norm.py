"""Weight normalization: each output row of a weight is a direction times a learned length."""
import torch


def weight_norm(v, g):
    # v: (out, in); g: (out,)
    return g[:, None] * v / torch.linalg.norm(v, dim=1, keepdim=True)


def linear_weight_norm(x, v, g, bias):
    return torch.matmul(x, weight_norm(v, g).T) + bias
