"""jax.nn over NumPy: activations, softmax, one_hot, standardize and dot_product_attention,
each with the real signature (checked against the API snapshot) and JAX's definitions (gelu
approximates by default; hard_sigmoid is relu6(x + 3) / 6)."""
import math

import numpy as np

import _standin
from jax._array import asarray
from jax.nn import initializers

_erf = np.vectorize(math.erf, otypes=[np.float64])
submodules = (initializers,)  # jax.nn.initializers


def _x(x):
    return np.asarray(x)


def _out(value, like):
    """The result in the input's floating dtype (JAX's default dtypes otherwise)."""
    dtype = np.asarray(like).dtype
    return asarray(value, dtype if np.issubdtype(dtype, np.floating) else None)


@_standin.exported("jax.nn.relu")
def relu(x):
    return _out(np.maximum(_x(x), 0), x)


@_standin.exported("jax.nn.relu6")
def relu6(x):
    return _out(np.clip(_x(x), 0, 6), x)


@_standin.exported("jax.nn.leaky_relu")
def leaky_relu(x, negative_slope=0.01):
    x = _x(x)
    return _out(np.where(x >= 0, x, negative_slope * x), x)


@_standin.exported("jax.nn.elu")
def elu(x, alpha=1.0):
    x = _x(x)
    return _out(np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0))), x)


@_standin.exported("jax.nn.celu")
def celu(x, alpha=1.0):
    x = _x(x)
    return _out(np.maximum(x, 0) + alpha * np.expm1(np.minimum(x, 0) / alpha), x)


@_standin.exported("jax.nn.selu")
def selu(x):
    alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    return _out(scale * np.asarray(elu(x, alpha)), x)


@_standin.exported("jax.nn.gelu")
def gelu(x, approximate=True):
    x = _x(x)
    if approximate:
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)
        return _out(0.5 * x * (1 + np.tanh(inner)), x)
    return _out(0.5 * x * (1 + _erf(x / math.sqrt(2))), x)


@_standin.exported("jax.nn.sigmoid")
def sigmoid(x):
    x = _x(x)
    return _out(0.5 * (np.tanh(0.5 * x) + 1), x)


@_standin.exported("jax.nn.silu")
def silu(x):
    return _out(_x(x) * np.asarray(sigmoid(x)), x)


@_standin.exported("jax.nn.swish")
def swish(x):
    return silu(x)


@_standin.exported("jax.nn.log_sigmoid")
def log_sigmoid(x):
    return _out(-np.logaddexp(0, -_x(x)), x)


@_standin.exported("jax.nn.softplus")
def softplus(x):
    return _out(np.logaddexp(_x(x), 0), x)


@_standin.exported("jax.nn.soft_sign")
def soft_sign(x):
    x = _x(x)
    return _out(x / (np.abs(x) + 1), x)


@_standin.exported("jax.nn.mish")
def mish(x):
    return _out(_x(x) * np.tanh(np.asarray(softplus(x))), x)


@_standin.exported("jax.nn.hard_sigmoid")
def hard_sigmoid(x):
    return _out(np.asarray(relu6(_x(x) + 3.0)) / 6.0, x)


@_standin.exported("jax.nn.hard_swish")
def hard_swish(x):
    return _out(_x(x) * np.asarray(hard_sigmoid(x)), x)


@_standin.exported("jax.nn.hard_tanh")
def hard_tanh(x):
    return _out(np.clip(_x(x), -1, 1), x)


@_standin.exported("jax.nn.tanh")
def tanh(x):
    return _out(np.tanh(_x(x)), x)


@_standin.exported("jax.nn.glu")
def glu(x, axis=-1):
    first, second = np.split(_x(x), 2, axis=axis)
    return _out(first * np.asarray(sigmoid(second)), x)


@_standin.exported("jax.nn.softmax")
def softmax(x, axis=-1, where=None):
    x = _x(x)
    shifted = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return _out(shifted / shifted.sum(axis=axis, keepdims=True), x)


@_standin.exported("jax.nn.log_softmax")
def log_softmax(x, axis=-1, where=None):
    x = _x(x)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return _out(shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True)), x)


@_standin.exported("jax.nn.logsumexp")
def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False, where=None):
    a = _x(a)
    peak = np.max(a, axis=axis, keepdims=True)
    total = np.log(np.exp(a - peak).sum(axis=axis, keepdims=True)) + peak
    return _out(total if keepdims else np.squeeze(total, axis=axis), a)


@_standin.exported("jax.nn.one_hot")
def one_hot(x, num_classes, *, dtype=None, axis=-1):
    x = _x(x)
    result = (x[..., None] == np.arange(num_classes)).astype(dtype or np.float32)
    return asarray(np.moveaxis(result, -1, axis))


@_standin.exported("jax.nn.standardize")
def standardize(x, axis=-1, mean=None, variance=None, epsilon=1e-05, where=None):
    x = _x(x)
    mean = np.mean(x, axis=axis, keepdims=True) if mean is None else np.asarray(mean)
    if variance is None:
        variance = np.mean(np.square(x), axis=axis, keepdims=True) - np.square(mean)
    return _out((x - mean) / np.sqrt(np.asarray(variance) + epsilon), x)


@_standin.exported("jax.nn.dot_product_attention")
def dot_product_attention(query, key, value, bias=None, mask=None, *, scale=None, is_causal=False):
    """(batch, length, heads, head size) in and out; a boolean mask is True where attention is
    allowed."""
    query, key, value = _x(query), _x(key), _x(value)
    scale = 1 / math.sqrt(query.shape[-1]) if scale is None else scale
    logits = np.einsum("...qhd,...khd->...hqk", query, key) * scale
    if bias is not None:
        logits = logits + np.asarray(bias)
    if mask is not None:
        logits = np.where(np.asarray(mask), logits, np.finfo(logits.dtype).min)
    if is_causal:
        allowed = np.tril(np.ones(logits.shape[-2:], dtype=bool))
        logits = np.where(allowed, logits, np.finfo(logits.dtype).min)
    weights = np.asarray(softmax(logits, axis=-1))
    return _out(np.einsum("...hqk,...khd->...qhd", weights, value), query)
