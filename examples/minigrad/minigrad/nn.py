"""MiniGrad's layers. A module builds its layers in `setup` and runs in `call`; images are
NHWC and convolution kernels HWIO; every layer with weights or randomness takes its own
stream from `minigrad.random` when it is built."""
import math

import numpy

from . import ops, random


class Module:
    """Base of every layer and model. `Module(*args, **kwargs)` runs `setup(*args, **kwargs)`;
    calling a module runs its `call`. A module is training until `eval()`."""

    def __init__(self, *args, **kwargs):
        self.training = True
        self.setup(*args, **kwargs)

    def setup(self):
        pass

    def call(self, *args, **kwargs):
        raise NotImplementedError(type(self).__name__ + " has no call method")

    def __call__(self, *args, **kwargs):
        return self.call(*args, **kwargs)

    def submodules(self):
        """The modules this one holds, directly or in lists and tuples."""
        found = []
        for value in vars(self).values():
            values = value if isinstance(value, (list, tuple)) else [value]
            found.extend(v for v in values if isinstance(v, Module))
        return found

    def train(self, mode=True):
        self.training = mode
        for module in self.submodules():
            module.train(mode)
        return self

    def eval(self):
        return self.train(False)


class Dense(Module):
    """x @ kernel + bias, kernel (fan_in, fan_out)."""

    def setup(self, fan_in, fan_out, with_bias=True):
        stream = random.stream()
        bound = 1 / math.sqrt(fan_in)
        self.kernel = random.uniform(stream, (fan_in, fan_out), bound)
        self.bias = random.uniform(stream, (fan_out,), bound) if with_bias else None

    def call(self, x):
        y = x @ self.kernel
        return y if self.bias is None else y + self.bias


def _padding(padding, window):
    """Per spatial axis, (before, after)."""
    if padding == "valid":
        return [(0, 0), (0, 0)]
    if padding == "same":
        return [((w - 1) // 2, w - 1 - (w - 1) // 2) for w in window]
    return [(p, p) for p in ops.pair(padding)]


class Conv2d(Module):
    """2-D cross-correlation of NHWC images with an HWIO kernel; padding an int, a pair,
    'same' or 'valid'."""

    def setup(self, fan_in, fan_out, window, stride=1, padding=0, with_bias=True):
        self.window = ops.pair(window)
        self.stride = ops.pair(stride)
        self.padding = padding
        stream = random.stream()
        bound = 1 / math.sqrt(fan_in * self.window[0] * self.window[1])
        self.kernel = random.uniform(stream, self.window + (fan_in, fan_out), bound)
        self.bias = random.uniform(stream, (fan_out,), bound) if with_bias else None

    def call(self, x):
        padded = numpy.pad(x, [(0, 0)] + _padding(self.padding, self.window) + [(0, 0)])
        views = numpy.lib.stride_tricks.sliding_window_view(padded, self.window, axis=(1, 2))
        views = views[:, ::self.stride[0], ::self.stride[1]]  # (N, H', W', C, kh, kw)
        y = numpy.einsum("nhwcij,ijco->nhwo", views, self.kernel)
        return y if self.bias is None else y + self.bias


class MaxPool2d(Module):
    def setup(self, window, stride=None, padding=0, ceil=False):
        self.options = (window, stride, padding, ceil)

    def call(self, x):
        return ops.max_pool2d(x, *self.options)


class AvgPool2d(Module):
    def setup(self, window, stride=None, padding=0):
        self.options = (window, stride, padding)

    def call(self, x):
        return ops.avg_pool2d(x, *self.options)


class GlobalAvgPool2d(Module):
    """Mean over H and W of an NHWC image, kept as size-1 axes."""

    def call(self, x):
        return x.mean(axis=(1, 2), keepdims=True)


class LayerNorm(Module):
    """Normalizes the last axis, then scales and offsets it when learnable."""

    def setup(self, features, epsilon=1e-5, learnable=True):
        self.epsilon = epsilon
        self.scale = numpy.ones(features, numpy.float32) if learnable else None
        self.offset = numpy.zeros(features, numpy.float32) if learnable else None

    def call(self, x):
        centered = x - x.mean(axis=-1, keepdims=True)
        y = centered / numpy.sqrt((centered**2).mean(axis=-1, keepdims=True) + self.epsilon)
        return y if self.scale is None else y * self.scale + self.offset


class BatchNorm(Module):
    """Normalizes each feature of the last axis (the channels of an NHWC image) over the other
    axes. Running statistics decay by `decay` per training step: new = decay * old + (1 -
    decay) * batch."""

    def setup(self, features, decay=0.9, epsilon=1e-5):
        self.decay = decay
        self.epsilon = epsilon
        self.scale = numpy.ones(features, numpy.float32)
        self.offset = numpy.zeros(features, numpy.float32)
        self.mean = numpy.zeros(features, numpy.float32)
        self.var = numpy.ones(features, numpy.float32)

    def call(self, x):
        axes = tuple(range(x.ndim - 1))
        if self.training:
            mean, var = x.mean(axis=axes), x.var(axis=axes)
            count = x.size // x.shape[-1]
            self.mean = self.decay * self.mean + (1 - self.decay) * mean
            self.var = self.decay * self.var + (1 - self.decay) * var * count / max(count - 1, 1)
        else:
            mean, var = self.mean, self.var
        return (x - mean) / numpy.sqrt(var + self.epsilon) * self.scale + self.offset


class Dropout(Module):
    """Zeroes each element with probability `rate` while training, scaling the rest by
    1 / (1 - rate); its mask comes from the layer's own stream."""

    def setup(self, rate=0.5):
        self.rate = rate
        self.stream = random.stream()

    def call(self, x):
        if not self.training or self.rate == 0:
            return x
        keep = random.keep_mask(self.stream, numpy.shape(x), self.rate)
        return numpy.where(keep, x / (1 - self.rate), 0).astype(numpy.asarray(x).dtype)


class Flatten(Module):
    def setup(self, start=1, stop=-1):
        self.start, self.stop = start, stop

    def call(self, x):
        return ops.flatten(x, self.start, self.stop)


class Sequential(Module):
    """Its layers, given as one list, applied one after the other; `sequential[i]` is the i-th."""

    def setup(self, layers):
        self.layers = list(layers)

    def __getitem__(self, index):
        return self.layers[index]

    def __len__(self):
        return len(self.layers)

    def call(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Identity(Module):
    def call(self, x):
        return x


def _activation(function, name):
    class Activation(Module):
        def call(self, x):
            return function(x)

    Activation.__name__ = Activation.__qualname__ = name
    return Activation


ReLU = _activation(ops.relu, "ReLU")
Tanh = _activation(ops.tanh, "Tanh")
Sigmoid = _activation(ops.sigmoid, "Sigmoid")


class GELU(Module):
    def setup(self, tanh_approximation=False):
        self.tanh_approximation = tanh_approximation

    def call(self, x):
        return ops.gelu(x, self.tanh_approximation)
