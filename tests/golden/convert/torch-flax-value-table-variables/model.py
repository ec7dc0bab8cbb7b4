"""Arguments given in a variable whose values the spoke's table changes in kind: PyTorch's GELU
approximate='none'/'tanh' is JAX's approximate=False/True, and `unbiased` is the hub's
correction (JAX's ddof). The value is looked up when the code runs; it was passed as it was,
and JAX read the string 'none' as true: the tanh approximation instead of the exact GELU."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def gelus(x: torch.Tensor, approximate: str) -> torch.Tensor:
    layer = nn.GELU(approximate=approximate)
    # Scaled differences from the tanh form tell the exact GELU from the approximate one.
    return (layer(x) - F.gelu(x, approximate="tanh")) * 100 + (
        F.gelu(x * 2, approximate=approximate) - F.gelu(x * 2, approximate="tanh")) * 100


def spread(x: torch.Tensor, unbiased: bool) -> torch.Tensor:
    return torch.var(x, dim=-1, unbiased=unbiased) + x.std(dim=0, unbiased=unbiased).sum()
