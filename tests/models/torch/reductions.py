"""Reductions with several results: values and indices."""
import torch


def best_class(logits):
    scores, labels = torch.max(logits, dim=-1)
    return scores, labels


def column_peaks(x):
    return x.max(0).values, torch.min(x, 0).indices


def ranked(x):
    values, order = torch.sort(x, dim=-1)
    return values, order, torch.sort(x)[0]


def overall(x):
    return torch.max(x), torch.argmax(x, dim=1, keepdim=True)
