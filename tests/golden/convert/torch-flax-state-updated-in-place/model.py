"""Running statistics a forward pass updates in place: the buffer is nnx.BatchStat state, read
and written through .value, and an in-place update of it rebinds that value; an update whose
call does not convert (add_ with alpha) is reported."""
import torch
import torch.nn as nn


class RunningMean(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.register_buffer("mean", torch.zeros((d,)))
        self.count = torch.zeros(())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.mean.mul_(0.9).add_(x.mean(0), alpha=0.1)
        self.mean.mul_(0.9).add_(x.mean(0) * 0.1)
        self.count.add_(1)
        return x - self.mean
