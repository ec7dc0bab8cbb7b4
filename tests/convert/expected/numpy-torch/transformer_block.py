"""A pre-norm transformer block: single-head self-attention, then a ReLU MLP."""
import torch


def softmax(x, axis=-1):
    shifted = x - torch.amax(x, dim=axis, keepdim=True)
    e = torch.exp(shifted)
    return e / torch.sum(e, dim=axis, keepdim=True)


def normalize(x, eps=1e-5):
    mean = torch.mean(x, dim=-1, keepdim=True)
    return (x - mean) / torch.sqrt(torch.var(x, dim=-1, unbiased=False, keepdim=True) + eps)


def self_attention(x, wq, wk, wv):
    q, k, v = torch.matmul(x, wq), torch.matmul(x, wk), torch.matmul(x, wv)
    scores = torch.matmul(q, torch.transpose(k, -1, -2)) / torch.sqrt(torch.tensor(q.shape[-1]))
    return torch.matmul(softmax(scores), v)


def transformer_block(x, wq, wk, wv, w1, w2):
    x = x + self_attention(normalize(x), wq, wk, wv)
    return x + torch.matmul(torch.maximum(torch.matmul(normalize(x), w1), torch.tensor(0.0)), w2)
