"""Scaled dot-product attention written with tf.* array functions."""
import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v):
    scores = torch.matmul(q, torch.permute(k, dims=(0, 2, 1))) / math.sqrt(q.shape[-1])
    weights = F.softmax(scores, dim=-1)
    return torch.matmul(weights, v)
