"""MLX's random draws (one global generator), as PyTorch's."""
import mlx.core as mx


def noise(x: mx.array):
    uniform = mx.random.uniform(shape=(3, 4))
    uniform_like = mx.random.uniform(shape=x.shape, dtype=x.dtype)
    between = mx.random.uniform(-1.0, 1.0, (2, 2))
    normal_like = mx.random.normal(shape=x.shape, dtype=x.dtype)
    half = mx.random.normal(shape=(2, 3), dtype=mx.float16)
    labels = mx.random.randint(0, 10, (3,))
    order = mx.random.permutation(5)
    return uniform, uniform_like, between, normal_like, half, labels, order
