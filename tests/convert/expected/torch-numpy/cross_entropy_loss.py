"""Classification losses: mean, summed and per-example cross-entropy."""
import torch.nn as nn
import torch.nn.functional as F
import numpy as np


class Classifier(nn.Module):
    def __init__(self, features: int, num_classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.head = nn.Linear(features, num_classes)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.head(x)


def loss_fn(model: nn.Module, x: np.ndarray, labels: np.ndarray) -> np.ndarray:
    logits = model(x)
    # switcheroo: no mapping for 'torch.nn.functional.cross_entropy' to 'numpy'
    return F.cross_entropy(logits, labels)


def summed_loss(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    # switcheroo: no mapping for 'torch.nn.functional.cross_entropy' to 'numpy'
    return F.cross_entropy(logits, labels, reduction="sum")


def per_example_loss(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    # switcheroo: no mapping for 'torch.nn.functional.cross_entropy' to 'numpy'
    return F.cross_entropy(logits, labels, reduction="none")


def log_likelihood(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    log_probs = logits - np.max(logits, axis=-1, keepdims=True) - np.log(np.sum(np.exp(logits - np.max(logits, axis=-1, keepdims=True)), axis=-1, keepdims=True))
    return np.take_along_axis(log_probs, labels[:, None], axis=-1).mean()
