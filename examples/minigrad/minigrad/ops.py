"""MiniGrad's functions of arrays. Images are NHWC."""
import math

import numpy



def relu(x):
    return numpy.maximum(x, 0)


def leaky_relu(x, slope=0.01):
    return numpy.where(x >= 0, x, slope * x)


def sigmoid(x):
    return 1 / (1 + numpy.exp(-x))


def tanh(x):
    return numpy.tanh(x)


def gelu(x, tanh_approximation=False):
    if tanh_approximation:
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
        return 0.5 * x * (1 + numpy.tanh(inner))
    erf = numpy.vectorize(math.erf, otypes=[numpy.asarray(x).dtype])
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


def exp(x):
    return numpy.exp(x)


def log(x):
    return numpy.log(x)


def abs(x):  # noqa: A001  (MiniGrad's own name)
    return numpy.abs(x)


def sqrt(x):
    return numpy.sqrt(x)


def square(x):
    return numpy.square(x)


def clip(x, low=None, high=None):
    return numpy.clip(x, low, high)


def softmax(x, axis=-1):
    shifted = numpy.exp(x - numpy.max(x, axis=axis, keepdims=True))
    return shifted / numpy.sum(shifted, axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    shifted = x - numpy.max(x, axis=axis, keepdims=True)
    return shifted - numpy.log(numpy.sum(numpy.exp(shifted), axis=axis, keepdims=True))


def matmul(a, b):
    return numpy.matmul(a, b)


def sum(x, axis=None, keepdims=False):  # noqa: A001
    return numpy.sum(x, axis=axis, keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    return numpy.mean(x, axis=axis, keepdims=keepdims)


def reshape(x, shape):
    return numpy.reshape(x, shape)


def flatten(x, start=0, stop=-1):
    """Axes start..stop (inclusive) merged into one."""
    start %= x.ndim
    stop %= x.ndim
    return x.reshape(x.shape[:start] + (-1,) + x.shape[stop + 1:])


def concatenate(arrays, axis=0):
    return numpy.concatenate(arrays, axis=axis)


def stack(arrays, axis=0):
    return numpy.stack(arrays, axis=axis)


def pair(value):
    """An int or a pair as a pair."""
    return (value, value) if isinstance(value, int) else tuple(value)


def _windows(x, window, stride, pad, ceil, fill):
    """The (N, H', W', C, wh, ww) windows of an NHWC image. With `ceil` a last partial window
    is kept when it starts inside the image or its left padding, as PyTorch's ceil_mode."""
    (wh, ww), (sh, sw), (ph, pw) = pair(window), pair(stride), pair(pad)
    _, height, width, _ = x.shape
    extra = []
    for size, w, s, p in ((height, wh, sh, ph), (width, ww, sw, pw)):
        span = size + 2 * p - w
        count = (-(-span // s) if ceil else span // s) + 1
        if ceil and (count - 1) * s >= size + p:
            count -= 1
        extra.append(max(0, (count - 1) * s + w - (size + 2 * p)))
    padded = numpy.pad(x, ((0, 0), (ph, ph + extra[0]), (pw, pw + extra[1]), (0, 0)),
                       constant_values=fill)
    views = numpy.lib.stride_tricks.sliding_window_view(padded, (wh, ww), axis=(1, 2))
    return views[:, ::sh, ::sw]


def max_pool2d(x, window, stride=None, padding=0, ceil=False):
    """Largest value of each window of an NHWC image; the stride defaults to the window."""
    windows = _windows(x, window, window if stride is None else stride, padding, ceil, -numpy.inf)
    return windows.max(axis=(-2, -1))


def avg_pool2d(x, window, stride=None, padding=0):
    """Mean of each window of an NHWC image (padding counted); the stride defaults to the
    window."""
    windows = _windows(x, window, window if stride is None else stride, padding, False, 0.0)
    return windows.mean(axis=(-2, -1))


def transpose(x, axes=None):
    """Axes reordered: output axis i is input axis axes[i] (reversed when None)."""
    return numpy.transpose(x, axes)


def swapaxes(x, first, second):
    return numpy.swapaxes(x, first, second)


def zeros(shape, dtype=None):
    """Zeros of `shape` (a tuple), float32 unless `dtype` says otherwise."""
    return numpy.zeros(shape, numpy.float32 if dtype is None else dtype)


def ones(shape, dtype=None):
    """Ones of `shape` (a tuple), float32 unless `dtype` says otherwise."""
    return numpy.ones(shape, numpy.float32 if dtype is None else dtype)


def chunk(x, parts, axis=0):
    """`parts` pieces along `axis` of ceil(n / parts) elements each, the last maybe shorter
    (fewer pieces when that uses the axis up early)."""
    size = -(-x.shape[axis] // parts)
    return numpy.split(x, range(size, x.shape[axis], size), axis=axis)


def masked_fill(x, mask, value):
    """`value` where `mask` is true, `x` elsewhere."""
    return numpy.where(mask, numpy.asarray(value, dtype=numpy.asarray(x).dtype), x)


def triu(x, k=0):
    """Elements below the k-th diagonal set to zero."""
    return numpy.triu(x, k)
