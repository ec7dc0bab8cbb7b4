"""PyTorch's loss modules and functions towards TensorFlow: a tf.keras loss object is called as
loss(target, prediction), so the arguments are written reversed. Cross-entropy keeps its
reductions (Keras's 'sum_over_batch_size' is the mean); the squared error only its mean, as
Keras averages the last axis of each example first; a label smoothing is reported."""
import torch
import torch.nn.functional as F
from torch import nn


class Objective(nn.Module):
    def __init__(self):
        super().__init__()
        self.classify = nn.CrossEntropyLoss()
        self.per_example = nn.CrossEntropyLoss(reduction="none")
        self.regress = nn.MSELoss()
        self.summed = nn.MSELoss(reduction="sum")

    def forward(self, logits: torch.Tensor, labels: torch.Tensor, guess: torch.Tensor,
                truth: torch.Tensor) -> torch.Tensor:
        total = self.classify(logits, labels) + self.per_example(logits, labels).max()
        total = total + self.regress(guess, truth) + self.summed(guess, truth)
        total = total + F.cross_entropy(logits, labels, reduction="sum")
        total = total + F.mse_loss(input=guess, target=truth)
        return total + F.cross_entropy(logits, labels, label_smoothing=0.1)
