import torch
import torch.nn as nn
import torch.nn.functional as F


def project(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    return F.linear(x, weight, bias)


class Attention(nn.Module):
    """Layers' parameters passed as values to a function of the file (torchvision's swin
    attention passes `self.qkv.weight` to `shifted_window_attention`): a Linear's weight is
    (out, in), Flax's kernel (in, out); a bias is laid out alike. Parameters given to the
    framework's own functions are read as values too."""

    def __init__(self, dim: int):
        super().__init__()
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm = nn.LayerNorm(dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = project(self.norm(x), self.qkv.weight, self.qkv.bias)
        q, k, v = h.chunk(3, dim=-1)
        h = torch.softmax(q @ k.transpose(-2, -1), dim=-1) @ v
        return project(h, self.proj.weight, self.proj.bias) * self.norm.weight + F.linear(x, self.proj.weight)


class Scaled(Attention):
    """A derived class reads the layers its base builds (swin's V2 attention)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return 0.5 * project(x, self.proj.weight, self.proj.bias)


class Probe(nn.Module):
    """A convolution's weight read as a value: Flax lays its kernel out with other axes moved,
    which a transposition of two does not write: reported."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sum(self.conv.weight)
