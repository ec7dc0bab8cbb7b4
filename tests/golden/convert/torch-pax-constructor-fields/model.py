# A constructor whose parameters hold converted text (an annotation naming the module base
# class) becomes fields with that text; a constructor left with no statement keeps `pass`.
from torch import nn


class Wrapper(nn.Module):
    def __init__(self, backbone: nn.Module, width: int = 8) -> None:
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(width, 2)

    def forward(self, x):
        return self.head(self.backbone(x))


class Scale(nn.Module):
    def __init__(self, a: float, b: float) -> None:
        super().__init__()
        self.a = a
        self.b = b

    def forward(self, x):
        return x * self.a + self.b
