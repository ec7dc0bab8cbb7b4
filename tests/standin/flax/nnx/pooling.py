"""flax.nnx's pooling functions (flax.linen.pooling) and Dropout over NumPy. Pools take
(batch..., spatial..., features) inputs, tuples for window_shape and strides (strides default to
1), and 'VALID', 'SAME' or (low, high) pairs per spatial axis; max_pool pads with -inf,
avg_pool with zeros and by default divides by the full window size."""
import numpy as np

import _standin
from jax import lax, random
from jax._array import asarray
from flax.nnx.module import Module


def pool(inputs, init_value, reduce_fn, window_shape, strides, padding):
    x = np.asarray(inputs)
    window_shape = tuple(window_shape)
    strides = tuple(strides) if strides is not None else (1,) * len(window_shape)
    if len(strides) != len(window_shape):
        raise ValueError("len(%s) must equal len(%s)" % (window_shape, strides))
    batch = x.ndim - (len(window_shape) + 1)
    single = batch == 0
    if single:
        x, batch = x[None], 1
    dims = (1,) * batch + window_shape + (1,)
    steps = (1,) * batch + strides + (1,)
    if not isinstance(padding, str):
        padding = tuple(map(tuple, padding))
        if len(padding) != len(window_shape):
            raise ValueError("padding %s must give one pair per spatial axis of %s" % (padding, window_shape))
        padding = ((0, 0),) * batch + padding + ((0, 0),)
    y = lax.reduce_window(x, init_value, reduce_fn, dims, steps, padding)
    return y[0] if single else y


@_standin.exported("flax.nnx.max_pool")
def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    return pool(inputs, -np.inf, lax.max, window_shape, strides, padding)


@_standin.exported("flax.nnx.avg_pool")
def avg_pool(inputs, window_shape, strides=None, padding="VALID", count_include_pad=True):
    y = np.asarray(pool(inputs, 0.0, lax.add, window_shape, strides, padding))
    if count_include_pad:
        return asarray(y / np.prod(window_shape))
    ones = np.ones(np.asarray(inputs).shape[-len(window_shape) - 1:-1] + (1,), np.asarray(inputs).dtype)
    counts = np.asarray(pool(ones, 0.0, lax.add, window_shape, strides, padding))
    return asarray(y / counts)


@_standin.exported("flax.nnx.min_pool")
def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    return pool(inputs, np.inf, lax.min, window_shape, strides, padding)


@_standin.exported("flax.nnx.Dropout")
class Dropout(Module):
    """Identity when deterministic (after .eval()) or at rate 0; otherwise keeps each value with
    probability 1 - rate and scales it by 1 / (1 - rate)."""

    def __init__(self, rate, *, broadcast_dims=(), deterministic=False, rng_collection="dropout",
                 rngs=None):
        self.rate, self.broadcast_dims, self.deterministic = rate, broadcast_dims, deterministic
        self.rng_collection, self.rngs = rng_collection, rngs

    def __call__(self, inputs, *, deterministic=None, rngs=None):
        deterministic = self.deterministic if deterministic is None else deterministic
        if self.rate == 0.0 or deterministic:
            return asarray(inputs)
        if self.rate == 1.0:
            return asarray(np.zeros_like(np.asarray(inputs)))
        rngs = rngs or self.rngs
        if rngs is None:
            raise ValueError("Dropout needs rngs when it is not deterministic")
        shape = list(np.shape(inputs))
        for axis in self.broadcast_dims:
            shape[axis] = 1
        keep = np.asarray(random.bernoulli(getattr(rngs, self.rng_collection)(), 1 - self.rate, tuple(shape)))
        return asarray(np.where(keep, np.asarray(inputs) / (1 - self.rate), 0))
