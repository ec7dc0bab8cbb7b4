"""Layer containers and axis lists whose meaning differs in Flax and JAX."""
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.skip = nn.Sequential()  # the identity; nnx.Sequential() returns None
        self.body = nn.Sequential(nn.Linear(3, 3))  # one layer, not a sequence of them

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.skip(x) + self.body(x)
        return y.mean([0, 1]) + torch.sum(y, dim=[0]).amax()  # JAX takes tuples of axes


def methods(h: torch.Tensor) -> torch.Tensor:
    first, second = h.flip(1).unbind(0)  # JAX arrays have neither method
    return first.amax(-1, keepdim=True) + second.amin(dim=0, keepdim=True) + h.flip(0, 1).sum()


def gather_rows(h: torch.Tensor, idx: torch.Tensor, d: int) -> torch.Tensor:
    picked = idx.unsqueeze(-1)
    wide = picked.expand(-1, -1, d)  # -1 keeps the size: x.shape[i - n]
    return torch.gather(h, 1, wide).sum(1) + h.expand(2, -1, -1).sum(1)
