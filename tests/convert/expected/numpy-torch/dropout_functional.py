"""NumPy's global generator in plain functions: dropout, noise and sampling."""
import torch


def dropout_features(x: torch.Tensor, rate: float = 0.1) -> torch.Tensor:
    keep = torch.rand(x.shape) >= rate
    return torch.where(keep, x / (1 - rate), 0)


def noisy(x: torch.Tensor, scale: float) -> torch.Tensor:
    noise = torch.randn(x.shape)
    mask = torch.rand(x.shape[0], 1) < 0.5
    return x + scale * noise * mask


def sample_batch(data: torch.Tensor, batch: int) -> torch.Tensor:
    order = torch.randperm(data.shape[0])
    return data[order[:batch]]


def init_weight(rows: int, cols: int) -> torch.Tensor:
    return torch.randn(rows, cols) / cols**0.5


def main():
    torch.manual_seed(0)
    weight = init_weight(4, 3)
    x = torch.randn(8, 4)
    return dropout_features(noisy(x @ weight, 0.1))
