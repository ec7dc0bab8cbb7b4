"""Classification losses: mean, summed and per-example cross-entropy."""
import torch.nn as nn
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
    return (lambda logits, target, reduction, label_smoothing, weight, ignore_index: (lambda logits, target, reduction, weight, label_smoothing: (lambda logp: (lambda loss: loss.sum() / (logp.size / logp.shape[1]) if reduction == 'mean' else loss.sum() if reduction == 'sum' else loss)(-(logp * (target * (1 - label_smoothing) + label_smoothing / logp.shape[1]) * (1.0 if weight is None else np.asarray(weight).reshape((-1,) + (1,) * (logp.ndim - 2)))).sum(1)))((lambda z: z - np.log(np.exp(z).sum(1, keepdims=True)))(logits - logits.max(1, keepdims=True))))(logits, target, reduction, weight, label_smoothing) if np.asarray(target).dtype.kind == 'f' else (lambda logits, target, reduction, label_smoothing, weight, ignore_index: (lambda logp, kept, w, mask: (lambda picked_weight: (lambda loss: loss.sum() / picked_weight.sum() if reduction == 'mean' else loss.sum() if reduction == 'sum' else loss)(-(1 - label_smoothing) * np.take_along_axis(logp, np.expand_dims(kept, 1), 1).squeeze(1) * picked_weight - label_smoothing / logp.shape[1] * (logp * w.reshape((-1,) + (1,) * (logp.ndim - 2))).sum(1) * mask))(w[kept] * mask))((lambda z: z - np.log(np.exp(z).sum(1, keepdims=True)))(logits - logits.max(1, keepdims=True)), np.where(target == ignore_index, 0, target), np.ones(logits.shape[1]) if weight is None else np.asarray(weight), target != ignore_index))(logits, target, reduction, label_smoothing, weight, ignore_index))(logits, labels, 'mean', 0.0, None, -100)


def summed_loss(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    return (lambda logits, target, reduction, label_smoothing, weight, ignore_index: (lambda logits, target, reduction, weight, label_smoothing: (lambda logp: (lambda loss: loss.sum() / (logp.size / logp.shape[1]) if reduction == 'mean' else loss.sum() if reduction == 'sum' else loss)(-(logp * (target * (1 - label_smoothing) + label_smoothing / logp.shape[1]) * (1.0 if weight is None else np.asarray(weight).reshape((-1,) + (1,) * (logp.ndim - 2)))).sum(1)))((lambda z: z - np.log(np.exp(z).sum(1, keepdims=True)))(logits - logits.max(1, keepdims=True))))(logits, target, reduction, weight, label_smoothing) if np.asarray(target).dtype.kind == 'f' else (lambda logits, target, reduction, label_smoothing, weight, ignore_index: (lambda logp, kept, w, mask: (lambda picked_weight: (lambda loss: loss.sum() / picked_weight.sum() if reduction == 'mean' else loss.sum() if reduction == 'sum' else loss)(-(1 - label_smoothing) * np.take_along_axis(logp, np.expand_dims(kept, 1), 1).squeeze(1) * picked_weight - label_smoothing / logp.shape[1] * (logp * w.reshape((-1,) + (1,) * (logp.ndim - 2))).sum(1) * mask))(w[kept] * mask))((lambda z: z - np.log(np.exp(z).sum(1, keepdims=True)))(logits - logits.max(1, keepdims=True)), np.where(target == ignore_index, 0, target), np.ones(logits.shape[1]) if weight is None else np.asarray(weight), target != ignore_index))(logits, target, reduction, label_smoothing, weight, ignore_index))(logits, labels, "sum", 0.0, None, -100)


def per_example_loss(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    return (lambda logits, target, reduction, label_smoothing, weight, ignore_index: (lambda logits, target, reduction, weight, label_smoothing: (lambda logp: (lambda loss: loss.sum() / (logp.size / logp.shape[1]) if reduction == 'mean' else loss.sum() if reduction == 'sum' else loss)(-(logp * (target * (1 - label_smoothing) + label_smoothing / logp.shape[1]) * (1.0 if weight is None else np.asarray(weight).reshape((-1,) + (1,) * (logp.ndim - 2)))).sum(1)))((lambda z: z - np.log(np.exp(z).sum(1, keepdims=True)))(logits - logits.max(1, keepdims=True))))(logits, target, reduction, weight, label_smoothing) if np.asarray(target).dtype.kind == 'f' else (lambda logits, target, reduction, label_smoothing, weight, ignore_index: (lambda logp, kept, w, mask: (lambda picked_weight: (lambda loss: loss.sum() / picked_weight.sum() if reduction == 'mean' else loss.sum() if reduction == 'sum' else loss)(-(1 - label_smoothing) * np.take_along_axis(logp, np.expand_dims(kept, 1), 1).squeeze(1) * picked_weight - label_smoothing / logp.shape[1] * (logp * w.reshape((-1,) + (1,) * (logp.ndim - 2))).sum(1) * mask))(w[kept] * mask))((lambda z: z - np.log(np.exp(z).sum(1, keepdims=True)))(logits - logits.max(1, keepdims=True)), np.where(target == ignore_index, 0, target), np.ones(logits.shape[1]) if weight is None else np.asarray(weight), target != ignore_index))(logits, target, reduction, label_smoothing, weight, ignore_index))(logits, labels, "none", 0.0, None, -100)


def log_likelihood(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    log_probs = logits - np.max(logits, axis=-1, keepdims=True) - np.log(np.sum(np.exp(logits - np.max(logits, axis=-1, keepdims=True)), axis=-1, keepdims=True))
    return np.take_along_axis(log_probs, labels[:, None], axis=-1).mean()
