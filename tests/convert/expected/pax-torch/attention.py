"""Scaled dot-product attention inside a Praxis model, written with jax.numpy."""
from praxis import base_layer
import torch
import torch.nn.functional as F

JTensor = base_layer.JTensor


def dot_product_attention(q: JTensor, k: JTensor, v: JTensor, mask: JTensor) -> JTensor:
    scores = torch.matmul(q, torch.transpose(k, -2, -1)) / torch.sqrt(torch.tensor(q.shape[-1]))
    scores = torch.where(mask, scores, -1e9)
    return torch.matmul(F.softmax(scores, dim=-1), v)


def split_heads(x: JTensor, heads: int) -> JTensor:
    b, t, d = x.shape
    return torch.transpose(torch.reshape(x, (b, t, heads, d // heads)), 1, 2)


def merge_heads(x: JTensor) -> JTensor:
    b, h, t, d = x.shape
    return torch.reshape(torch.transpose(x, 1, 2), (b, t, h * d))
