"""A shape of one size, given as a number: PyTorch's variadic sizes take it as it is."""
import mlx.core as mx


def buffers(shape: tuple):
    return mx.zeros(3), mx.ones((2, 3)), mx.zeros(shape), mx.random.normal(shape=(4,))
