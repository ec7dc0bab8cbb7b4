"""MiniGrad: a small array framework on NumPy, the made-up framework of Switcheroo's SDK
template adapter (sdk/template). It runs, so conversions to and from it can be checked.

Where it differs from PyTorch, it differs the way Keras, TensorFlow, MLX and Flax do: images
are channels-last (NHWC, kernels HWIO), a module runs through `call`, layers are built in
`setup` (no super call), randomness comes from implicit per-layer streams seeded once
(`minigrad.random.seed`), dtypes live in `minigrad.dtypes`, and layers and arguments have
their own names (`nn.Dense(fan_in, fan_out, with_bias=True)`).
"""
import numpy

from . import dtypes, random
from .ops import (
    abs,
    avg_pool2d,
    chunk,
    clip,
    concatenate,
    exp,
    flatten,
    gelu,
    leaky_relu,
    log,
    log_softmax,
    masked_fill,
    matmul,
    max_pool2d,
    mean,
    ones,
    relu,
    reshape,
    sigmoid,
    softmax,
    sqrt,
    square,
    stack,
    sum,
    swapaxes,
    tanh,
    transpose,
    triu,
    zeros,
)

Array = numpy.ndarray


def array(values, dtype=None):
    """A MiniGrad array of `values`."""
    return numpy.asarray(values, dtype=dtype)


from . import nn  # noqa: E402  (nn builds on the functions above)
