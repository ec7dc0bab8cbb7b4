"""flax.nnx's normalization layers over NumPy, with Flax's names and statistics: scale and bias
parameters, BatchNorm's running `mean` and `var` (BatchStat), the biased variance E[x^2] - E[x]^2
(Flax's fast variance), the running statistics updated as momentum * old + (1 - momentum) * new,
and the variance in rsqrt(var + epsilon)."""
import numpy as np

import _standin
from jax._array import asarray
from jax.nn import initializers
from flax.nnx.module import BatchStat, Module, Param


def _stats(x, axes):
    mean = x.mean(axis=axes, keepdims=True)
    mean_of_squares = np.square(x).mean(axis=axes, keepdims=True)
    return mean, np.maximum(0.0, mean_of_squares - np.square(mean))


def _scale_and_bias(module, num_features, use_scale, use_bias, scale_init, bias_init, dtype, rngs):
    module.scale = Param(scale_init(rngs.params(), (num_features,), dtype)) if use_scale else None
    module.bias = Param(bias_init(rngs.params(), (num_features,), dtype)) if use_bias else None


def _normalize(module, x, mean, var, feature_axis=-1):
    y = (x - mean) / np.sqrt(var + module.epsilon)
    shape = [1] * x.ndim
    shape[feature_axis] = x.shape[feature_axis]
    if module.scale is not None:
        y = y * np.asarray(module.scale.value).reshape(shape)
    if module.bias is not None:
        y = y + np.asarray(module.bias.value).reshape(shape)
    return asarray(y.astype(np.result_type(x.dtype, np.float32)))


@_standin.exported("flax.nnx.BatchNorm")
class BatchNorm(Module):
    def __init__(self, num_features, *, use_running_average=False, axis=-1, momentum=0.99,
                 epsilon=1e-5, param_dtype=np.float32, use_bias=True, use_scale=True,
                 bias_init=initializers.zeros, scale_init=initializers.ones, rngs):
        self.num_features, self.axis = num_features, axis
        self.use_running_average, self.momentum, self.epsilon = use_running_average, momentum, epsilon
        self.mean = BatchStat(np.zeros((num_features,), param_dtype))
        self.var = BatchStat(np.ones((num_features,), param_dtype))
        _scale_and_bias(self, num_features, use_scale, use_bias, scale_init, bias_init, param_dtype, rngs)

    def __call__(self, x, use_running_average=None, *, mask=None):
        x = np.asarray(x)
        axis = self.axis % x.ndim
        shape = [1] * x.ndim
        shape[axis] = x.shape[axis]
        running = self.use_running_average if use_running_average is None else use_running_average
        if running:
            mean = np.asarray(self.mean.value).reshape(shape)
            var = np.asarray(self.var.value).reshape(shape)
        else:
            mean, var = _stats(x, tuple(i for i in range(x.ndim) if i != axis))
            m = self.momentum
            self.mean.value = asarray(m * np.asarray(self.mean.value) + (1 - m) * mean.reshape(-1))
            self.var.value = asarray(m * np.asarray(self.var.value) + (1 - m) * var.reshape(-1))
        return _normalize(self, x, mean, var, axis)


class _AffineNorm(Module):
    """A normalization with a scale and a bias per feature and nothing else to set up."""

    def __init__(self, num_features, *, epsilon=1e-6, param_dtype=np.float32, use_bias=True,
                 use_scale=True, bias_init=initializers.zeros, scale_init=initializers.ones, rngs):
        self.num_features, self.epsilon = num_features, epsilon
        _scale_and_bias(self, num_features, use_scale, use_bias, scale_init, bias_init, param_dtype, rngs)


@_standin.exported("flax.nnx.LayerNorm")
class LayerNorm(_AffineNorm):
    """Normalizes over the last axis (reduction_axes=-1, feature_axes=-1)."""

    def __call__(self, x, *, mask=None):
        x = np.asarray(x)
        mean, var = _stats(x, (-1,))
        return _normalize(self, x, mean, var)


@_standin.exported("flax.nnx.RMSNorm")
class RMSNorm(Module):
    def __init__(self, num_features, *, epsilon=1e-6, param_dtype=np.float32, use_scale=True,
                 scale_init=initializers.ones, rngs):
        self.num_features, self.epsilon = num_features, epsilon
        _scale_and_bias(self, num_features, use_scale, False, scale_init, None, param_dtype, rngs)

    def __call__(self, x, mask=None):
        x = np.asarray(x)
        mean_of_squares = np.square(x).mean(axis=-1, keepdims=True)
        return _normalize(self, x, 0.0, mean_of_squares)


@_standin.exported("flax.nnx.GroupNorm")
class GroupNorm(Module):
    """Channels last: statistics per sample and group over every axis but the batch axis."""

    def __init__(self, num_features, num_groups=32, group_size=None, *, epsilon=1e-6,
                 param_dtype=np.float32, use_bias=True, use_scale=True,
                 bias_init=initializers.zeros, scale_init=initializers.ones, rngs):
        if (num_groups is None) == (group_size is None):
            raise ValueError("Either `num_groups` or `group_size` should be specified.")
        if group_size is not None:
            num_groups = num_features // group_size
        if num_features % num_groups:
            raise ValueError("Number of groups (%d) does not divide the number of channels (%d)."
                             % (num_groups, num_features))
        self.num_features, self.num_groups, self.epsilon = num_features, num_groups, epsilon
        _scale_and_bias(self, num_features, use_scale, use_bias, scale_init, bias_init, param_dtype, rngs)

    def __call__(self, x, *, mask=None):
        x = np.asarray(x)
        group_size = x.shape[-1] // self.num_groups
        grouped = x.reshape(x.shape[:-1] + (self.num_groups, group_size))
        axes = tuple(range(1, x.ndim - 1)) + (-1,)
        mean, var = _stats(grouped, axes)
        mean = np.repeat(mean, group_size, axis=-1).reshape(mean.shape[:-2] + (-1,))
        var = np.repeat(var, group_size, axis=-1).reshape(var.shape[:-2] + (-1,))
        return _normalize(self, x, mean, var)


@_standin.exported("flax.nnx.InstanceNorm")
class InstanceNorm(_AffineNorm):
    """Statistics per sample and channel over the spatial axes (channels last)."""

    def __call__(self, x, *, mask=None):
        x = np.asarray(x)
        mean, var = _stats(x, tuple(range(1, x.ndim - 1)))
        return _normalize(self, x, mean, var)


def _axes(axes, ndim):
    axes = (axes,) if isinstance(axes, int) else tuple(axes)
    return tuple(sorted(axis % ndim for axis in axes))


@_standin.exported("flax.nnx.WeightNorm")
class WeightNorm(Module):
    """Weight normalization of the kernels of a wrapped layer, as Flax does it: `scales` maps
    each kernel's path in the layer (`('kernel',)`) to an array, not a Param, shaped as the
    kernel's `feature_axes`; each call first overwrites the kernel in place with
    scale * v / sqrt(sum(v^2) + epsilon), the sum over the other axes, then calls the layer."""

    def __init__(self, layer_instance, *, feature_axes=-1, use_scale=True, scale_init=initializers.ones,
                 epsilon=1e-12, dtype=None, param_dtype=np.float32, rngs):
        self.layer_instance = layer_instance
        self.feature_axes = () if feature_axes is None else feature_axes
        self.use_scale, self.epsilon = use_scale, epsilon
        self.scales = None
        if use_scale:
            self.scales = {}
            for path, kernel in self._kernels():
                shape = tuple(kernel.value.shape[axis] for axis in _axes(self.feature_axes, kernel.value.ndim))
                self.scales[path] = scale_init(rngs.params(), shape, param_dtype)

    def _kernels(self):
        """(path in the layer, Param) of each parameter whose path holds 'kernel'."""
        for path, module in self.layer_instance.iter_modules():
            for name, value in vars(module).items():
                if isinstance(value, Param) and "kernel" in path + (name,):
                    yield path + (name,), value

    def __call__(self, x, *args, **kwargs):
        for path, kernel in self._kernels():
            v = np.asarray(kernel.value)
            features = _axes(self.feature_axes, v.ndim)
            others = tuple(axis for axis in range(v.ndim) if axis not in features)
            value = v / np.sqrt(np.square(v).sum(axis=others, keepdims=True) + self.epsilon)
            if self.use_scale:
                shape = [v.shape[axis] if axis in features else 1 for axis in range(v.ndim)]
                value = value * np.asarray(self.scales[path]).reshape(shape)
            kernel.value = asarray(value.astype(v.dtype))
        return self.layer_instance(x, *args, **kwargs)
