"""Layer classes given as values, to be called later (torchvision's norm_layer and
activation_layer): Flax has a class for BatchNorm, so a partial of it is written; ReLU6 is a
function there, so a function of nn.ReLU6's parameters (all ignored) giving it stands for the
class; nn.GELU's `approximate` matters, so its function takes it (with PyTorch's default)
and passes it on (torch-flax-gelu-class-value)."""
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, c: int, norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU6):
        super().__init__()
        self.norm = norm_layer(c)
        self.act = activation_layer(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.norm(x))


def make(c: int) -> Block:
    return Block(c, activation_layer=nn.GELU)
