"""jax.nn.initializers (and flax.nnx.initializers): functions of (key, shape, dtype). The stand-in
draws from its own keys; a test migrates real weights over these values."""
import math

import numpy as np

import _standin
from jax import random
from jax._array import asarray


def _dtype(dtype):
    return dtype or np.float32


@_standin.exported("jax.nn.initializers.zeros")
def zeros(key, shape, dtype=None):
    return asarray(np.zeros(shape, _dtype(dtype)))


@_standin.exported("jax.nn.initializers.ones")
def ones(key, shape, dtype=None):
    return asarray(np.ones(shape, _dtype(dtype)))


@_standin.exported("jax.nn.initializers.constant")
def constant(value, dtype=None):
    return lambda key, shape, dtype_=None: asarray(np.full(shape, value, _dtype(dtype_ or dtype)))


@_standin.exported("jax.nn.initializers.normal")
def normal(stddev=0.01, dtype=None):
    return lambda key, shape, dtype_=None: asarray(
        stddev * np.asarray(random.normal(key, shape)), _dtype(dtype_ or dtype))


@_standin.exported("jax.nn.initializers.uniform")
def uniform(scale=0.01, dtype=None):
    return lambda key, shape, dtype_=None: random.uniform(key, shape, _dtype(dtype_ or dtype), 0, scale)


@_standin.exported("jax.nn.initializers.truncated_normal")
def truncated_normal(stddev=0.01, dtype=None, lower=-2.0, upper=2.0):
    return lambda key, shape, dtype_=None: asarray(
        stddev * np.asarray(random.truncated_normal(key, lower, upper, shape)), _dtype(dtype_ or dtype))


def _fans(shape, in_axis, out_axis, batch_axis):
    shape = tuple(shape)
    if len(shape) < 2:
        return 1, 1
    receptive = np.prod([size for i, size in enumerate(shape)
                         if i not in {in_axis % len(shape), out_axis % len(shape)}
                         and i not in tuple(np.atleast_1d(batch_axis))])
    return shape[in_axis] * receptive, shape[out_axis] * receptive


@_standin.exported("jax.nn.initializers.variance_scaling")
def variance_scaling(scale, mode, distribution, in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    def init(key, shape, dtype_=None):
        fan_in, fan_out = _fans(shape, in_axis, out_axis, batch_axis)
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[mode]
        variance = scale / max(fan, 1)
        if distribution == "truncated_normal":
            values = np.asarray(random.truncated_normal(key, -2, 2, shape))
            values *= np.float32(math.sqrt(variance) / .87962566103423978)
        elif distribution == "normal":
            values = np.asarray(random.normal(key, shape)) * np.float32(math.sqrt(variance))
        elif distribution == "uniform":
            limit = math.sqrt(3 * variance)
            values = np.asarray(random.uniform(key, shape, None, -limit, limit))
        else:
            raise ValueError("invalid distribution %r" % (distribution,))
        return asarray(values, _dtype(dtype_ or dtype))
    return init


@_standin.exported("jax.nn.initializers.lecun_normal")
def lecun_normal(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    return variance_scaling(1.0, "fan_in", "truncated_normal", in_axis, out_axis, batch_axis, dtype)


@_standin.exported("jax.nn.initializers.xavier_uniform")
def xavier_uniform(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    return variance_scaling(1.0, "fan_avg", "uniform", in_axis, out_axis, batch_axis, dtype)


@_standin.exported("jax.nn.initializers.he_normal")
def he_normal(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    return variance_scaling(2.0, "fan_in", "truncated_normal", in_axis, out_axis, batch_axis, dtype)


@_standin.exported("jax.nn.initializers.orthogonal")
def orthogonal(scale=1.0, column_axis=-1, dtype=None):
    def init(key, shape, dtype_=None):
        columns = shape[column_axis]
        rows = int(np.prod(shape)) // columns
        matrix = np.asarray(random.normal(key, (max(rows, columns), min(rows, columns))))
        q, r = np.linalg.qr(matrix)
        q = q * np.sign(np.diag(r))
        q = q if rows >= columns else q.T
        q = np.moveaxis(q.reshape(tuple(np.delete(shape, column_axis)) + (columns,)), -1, column_axis)
        return asarray(scale * q, _dtype(dtype_ or dtype))
    return init


glorot_uniform = xavier_uniform
kaiming_normal = he_normal
zeros_init = lambda: zeros  # noqa: E731 (flax.nnx.initializers.zeros_init)
ones_init = lambda: ones  # noqa: E731
