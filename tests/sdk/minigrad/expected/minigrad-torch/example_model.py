"""A small MiniGrad image classifier (MiniGrad is the framework in examples/minigrad/minigrad,
which the SDK's template adapter describes to swhost). Images are (N, H, W, C)."""
import torch
import torch.nn.functional as F
from torch import nn


class Classifier(nn.Module):
    def __init__(self, channels: int, width: int, classes: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, width, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.norm = nn.LayerNorm(width)
        self.hidden = nn.Linear(in_features=width, out_features=width)
        self.out = nn.Linear(in_features=width, out_features=classes, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.pool(torch.relu(self.conv(x)))
        y = torch.mean(y, dim=(2, 3))
        y = torch.relu(self.hidden(self.norm(y)))
        return F.log_softmax(self.out(y), dim=-1)


def build(seed: int = 0) -> Classifier:
    torch.manual_seed(seed)
    return Classifier(3, 8, 10)
