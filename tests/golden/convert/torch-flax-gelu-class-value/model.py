"""nn.GELU given as a value, to be called later (torchvision's MLP with
activation_layer=nn.GELU): its `approximate` matters, so the value is a function of it with
PyTorch's default, passing it through the value table as a variable."""
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, c: int, approximate: str, activation_layer=nn.ReLU):
        super().__init__()
        self.fc = nn.Linear(c, c)
        self.act = activation_layer(approximate=approximate)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.fc(x))


class Net(nn.Module):
    def __init__(self, c: int):
        super().__init__()
        self.exact = Block(c, "none", nn.GELU)
        self.tanh = Block(c, "tanh", activation_layer=nn.GELU)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.tanh(x) * 3.0 + self.exact(x)
