import torch
import torch.nn as nn
import torch.nn.functional as F


class Head(nn.Module):
    def __init__(self, features: int, aux: bool = True):
        """A classifier with an auxiliary output while training."""
        super().__init__()
        self.fc = nn.Linear(features, 10)
        self.aux = nn.Linear(features, 10) if aux else None

    def forward(self, x: torch.Tensor):
        out = self.fc(x)
        if self.training and self.aux is not None:
            return out, self.aux(x)
        scale = 1.0 if self.training else 0.5
        return out * scale, self.training == False


class DeepHead(Head):
    def forward(self, x: torch.Tensor):
        return F.dropout(x, 0.1, training=self.training)


class Frozen(nn.Module):
    def __init__(self):
        super().__init__()
        self.training = False  # an assignment: reported

    def forward(self, x: torch.Tensor):
        return x if self.training else x * 0
