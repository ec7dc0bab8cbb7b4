"""Types, dtypes and the seed, towards MiniGrad: its array type, its dtype namespace
(minigrad.dtypes, where bool is `boolean`) and its seeding function."""
import torch


def cast(x: torch.Tensor) -> torch.Tensor:
    torch.manual_seed(3)
    mask = torch.zeros(3, dtype=torch.bool)
    return x.to(torch.float64), mask
