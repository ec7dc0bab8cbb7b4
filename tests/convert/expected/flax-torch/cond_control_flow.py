"""Data-dependent choices: elementwise with jnp.where, whole values with lax.cond."""
import torch


def soft_clip(x: torch.Tensor, limit: float) -> torch.Tensor:
    return torch.where(torch.abs(x) > limit, torch.sign(x) * limit, x)


def _scaled_down(x):
    return x / torch.sqrt(torch.sum(x * x))


def _unchanged(x):
    return x


def normalize_if_large(x: torch.Tensor) -> torch.Tensor:
    return _scaled_down(x) if torch.sum(x * x) > 1.0 else _unchanged(x)


def shrink_or_grow(x: torch.Tensor, factor: float) -> torch.Tensor:
    return (lambda v, f: v / f)(x, factor) if torch.amax(x) > 0 else (lambda v, f: v * f)(x, factor)
