"""PyTorch's loss modules and functions towards Keras: a Keras loss object is called as
loss(target, prediction), so a module's calls are written with the arguments reversed. The
cross-entropy module keeps its reductions (Keras's 'sum_over_batch_size' is the mean); the
functions become the mean or the sum of the per-example losses, or those losses themselves. A
label smoothing and a summed squared error are reported, the module's calls left as they are."""
import torch
import torch.nn.functional as F
from torch import nn


class Objective(nn.Module):
    def __init__(self):
        super().__init__()
        self.classify = nn.CrossEntropyLoss()
        self.per_example = nn.CrossEntropyLoss(reduction="none")
        self.regress = nn.MSELoss()
        self.averaged = nn.MSELoss(reduction="mean")
        self.summed = nn.MSELoss(reduction="sum")

    def forward(self, logits: torch.Tensor, labels: torch.Tensor, guess: torch.Tensor,
                truth: torch.Tensor) -> torch.Tensor:
        total = self.classify(logits, labels) + torch.amax(self.per_example(logits, labels))
        total = total + self.regress(guess, truth) + self.averaged(guess, truth)
        total = total + self.summed(guess, truth)
        total = total + F.cross_entropy(logits, labels, reduction="sum")
        total = total + F.mse_loss(input=guess, target=truth)
        return total + F.cross_entropy(logits, labels, label_smoothing=0.1)
