"""Data-dependent choices: elementwise with torch.where, whole values with if."""
import mlx.core as mx


def soft_clip(x: mx.array, limit: float) -> mx.array:
    return mx.where(mx.abs(x) > limit, mx.sign(x) * limit, x)


def leaky(x: mx.array) -> mx.array:
    return mx.where(x > 0, x, 0.01 * x)


def normalize_if_large(x: mx.array) -> mx.array:
    norm = mx.sqrt(mx.sum(x * x))
    if norm > 1.0:
        return x / norm
    return x
