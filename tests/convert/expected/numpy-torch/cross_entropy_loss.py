"""Softmax cross-entropy of logits against integer labels, by hand."""
import torch


def log_softmax(logits):
    shifted = logits - torch.amax(logits, dim=-1, keepdim=True)
    return shifted - torch.log(torch.sum(torch.exp(shifted), dim=-1, keepdim=True))


def cross_entropy(logits, labels):
    picked = torch.take_along_dim(log_softmax(logits), labels[:, None], dim=-1)
    return -torch.mean(picked)
