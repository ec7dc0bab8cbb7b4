"""A pre-norm transformer block: single-head self-attention, then a ReLU MLP."""
import numpy as np


def softmax(x, axis=-1):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def normalize(x, eps=1e-5):
    mean = np.mean(x, axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(np.var(x, axis=-1, keepdims=True) + eps)


def self_attention(x, wq, wk, wv):
    q, k, v = np.matmul(x, wq), np.matmul(x, wk), np.matmul(x, wv)
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) / np.sqrt(q.shape[-1])
    return np.matmul(softmax(scores), v)


def transformer_block(x, wq, wk, wv, w1, w2):
    x = x + self_attention(normalize(x), wq, wk, wv)
    return x + np.matmul(np.maximum(np.matmul(normalize(x), w1), 0.0), w2)
