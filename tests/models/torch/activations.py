"""Activations and their PyTorch spellings; NumPy has no single function for most of them and
writes each as an expression."""
import torch
import torch.nn.functional as F


def rectified(x):
    return F.relu(x), torch.relu(x * 2)


def squashed(x):
    return torch.sigmoid(x + 1)


def probabilities(x):
    return F.softmax(x, dim=-1), torch.softmax(x, 1)


def log_probabilities(x):
    return F.log_softmax(x, dim=1), torch.log_softmax(x, dim=-1), x.log_softmax(1)


def encoded(labels):
    return F.one_hot(labels, 6)
