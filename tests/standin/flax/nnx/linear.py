"""flax.nnx's linear layers over NumPy, with Flax's parameter names and layouts: Linear
(kernel (in, out), bias), LinearGeneral, Conv and ConvTranspose (channels last, kernel
spatial... + (in // groups, out)), Embed (embedding (num, features))."""
import numpy as np

import _standin
from jax import lax
from jax._array import asarray
from jax.nn import initializers
from flax.nnx.module import Module, Param

default_kernel_init = initializers.lecun_normal()
default_bias_init = initializers.zeros


def _param(init, rngs, shape, dtype):
    return Param(init(rngs.params(), shape, dtype))


def _value(variable):
    return None if variable is None else np.asarray(variable.value)


@_standin.exported("flax.nnx.Linear")
class Linear(Module):
    def __init__(self, in_features, out_features, *, use_bias=True, dtype=None, param_dtype=np.float32,
                 kernel_init=default_kernel_init, bias_init=default_bias_init, rngs):
        self.in_features, self.out_features = in_features, out_features
        self.kernel = _param(kernel_init, rngs, (in_features, out_features), param_dtype)
        self.bias = _param(bias_init, rngs, (out_features,), param_dtype) if use_bias else None

    def __call__(self, inputs):
        y = np.asarray(inputs) @ _value(self.kernel)
        return asarray(y if self.bias is None else y + _value(self.bias))


@_standin.exported("flax.nnx.LinearGeneral")
class LinearGeneral(Module):
    """Contracts the input's `axis` with the kernel's leading axes (in_features shape)."""

    def __init__(self, in_features, out_features, *, axis=-1, use_bias=True, param_dtype=np.float32,
                 kernel_init=default_kernel_init, bias_init=default_bias_init, rngs):
        self.in_features = (in_features,) if np.ndim(in_features) == 0 else tuple(in_features)
        self.out_features = (out_features,) if np.ndim(out_features) == 0 else tuple(out_features)
        self.axis = (axis,) if np.ndim(axis) == 0 else tuple(axis)
        self.kernel = _param(kernel_init, rngs, self.in_features + self.out_features, param_dtype)
        self.bias = _param(bias_init, rngs, self.out_features, param_dtype) if use_bias else None

    def __call__(self, inputs):
        x = np.asarray(inputs)
        axes = [a % x.ndim for a in self.axis]
        y = np.tensordot(x, _value(self.kernel), axes=(axes, list(range(len(axes)))))
        return asarray(y if self.bias is None else y + _value(self.bias))


def _canonicalize_padding(padding, rank):
    if isinstance(padding, str):
        return padding
    if isinstance(padding, int):
        return [(padding, padding)] * rank
    pairs = [(p, p) if isinstance(p, int) else tuple(p) for p in padding]
    if len(pairs) == 1 and rank > 1:
        pairs = pairs * rank
    if len(pairs) != rank:
        raise ValueError("padding %r does not give one entry per spatial axis (%d)" % (padding, rank))
    return pairs


def _broadcast(value, rank):
    if value is None:
        return (1,) * rank
    return (value,) * rank if isinstance(value, int) else tuple(value)


def _spatial_name(rank):
    return "HWD"[:rank] if rank <= 3 else "".join(chr(ord("a") + i) for i in range(rank))


def _prepare(layer, inputs):
    """A convolution's spatial rank, its inputs with any number of batch axes (none included) as
    one batch axis, their batch shape, and the padding in lax's terms."""
    rank = len(layer.kernel_size)
    x = np.asarray(inputs)
    batch_shape = x.shape[:x.ndim - rank - 1]
    x = x.reshape((int(np.prod(batch_shape)),) + x.shape[x.ndim - rank - 1:])
    return rank, x, batch_shape, _canonicalize_padding(layer.padding, rank)


def _with_bias(y, bias, batch_shape):
    """A convolution's result with its bias added and its batch axes back."""
    y = np.asarray(y)
    if bias is not None:
        y = y + _value(bias)
    return asarray(y.reshape(batch_shape + y.shape[1:]))


@_standin.exported("flax.nnx.Conv")
class Conv(Module):
    def __init__(self, in_features, out_features, kernel_size, strides=1, *, padding="SAME",
                 input_dilation=1, kernel_dilation=1, feature_group_count=1, use_bias=True,
                 param_dtype=np.float32, kernel_init=default_kernel_init,
                 bias_init=default_bias_init, rngs):
        self.kernel_size = (kernel_size,) if isinstance(kernel_size, int) else tuple(kernel_size)
        if in_features % feature_group_count:
            raise ValueError("in_features %d is not a multiple of feature_group_count %d"
                             % (in_features, feature_group_count))
        self.in_features, self.out_features = in_features, out_features
        self.strides, self.padding = strides, padding
        self.input_dilation, self.kernel_dilation = input_dilation, kernel_dilation
        self.feature_group_count = feature_group_count
        shape = self.kernel_size + (in_features // feature_group_count, out_features)
        self.kernel = _param(kernel_init, rngs, shape, param_dtype)
        self.bias = _param(bias_init, rngs, (out_features,), param_dtype) if use_bias else None

    def __call__(self, inputs):
        rank, x, batch_shape, padding = _prepare(self, inputs)
        if padding == "CIRCULAR":
            pads = [(0, 0)] + [((k - 1) // 2, k // 2) for k in self.kernel_size] + [(0, 0)]
            x, padding = np.pad(x, pads, mode="wrap"), "VALID"
        elif padding == "CAUSAL":
            padding = [((self.kernel_size[0] - 1) * _broadcast(self.kernel_dilation, 1)[0], 0)]
        spatial = _spatial_name(rank)
        y = lax.conv_general_dilated(
            x, _value(self.kernel), _broadcast(self.strides, rank), padding,
            lhs_dilation=_broadcast(self.input_dilation, rank),
            rhs_dilation=_broadcast(self.kernel_dilation, rank),
            dimension_numbers=("N%sC" % spatial, "%sIO" % spatial, "N%sC" % spatial),
            feature_group_count=self.feature_group_count)
        return _with_bias(y, self.bias, batch_shape)


@_standin.exported("flax.nnx.ConvTranspose")
class ConvTranspose(Module):
    def __init__(self, in_features, out_features, kernel_size, strides=None, *, padding="SAME",
                 kernel_dilation=None, use_bias=True, param_dtype=np.float32,
                 kernel_init=default_kernel_init, bias_init=default_bias_init,
                 transpose_kernel=False, rngs):
        self.kernel_size = (kernel_size,) if isinstance(kernel_size, int) else tuple(kernel_size)
        self.in_features, self.out_features = in_features, out_features
        self.strides, self.padding, self.kernel_dilation = strides, padding, kernel_dilation
        self.transpose_kernel = transpose_kernel
        channels = (out_features, in_features) if transpose_kernel else (in_features, out_features)
        self.kernel = _param(kernel_init, rngs, self.kernel_size + channels, param_dtype)
        self.bias = _param(bias_init, rngs, (out_features,), param_dtype) if use_bias else None

    def __call__(self, inputs):
        rank, x, batch_shape, padding = _prepare(self, inputs)
        if padding == "CIRCULAR":
            raise NotImplementedError("the stand-in's ConvTranspose has no CIRCULAR padding")
        y = np.asarray(lax.conv_transpose(x, _value(self.kernel), _broadcast(self.strides, rank),
                                          padding, rhs_dilation=_broadcast(self.kernel_dilation, rank),
                                          transpose_kernel=self.transpose_kernel))
        return _with_bias(y, self.bias, batch_shape)


@_standin.exported("flax.nnx.Embed")
class Embed(Module):
    def __init__(self, num_embeddings, features, *, param_dtype=np.float32,
                 embedding_init=initializers.variance_scaling(1.0, "fan_in", "normal", out_axis=0),
                 rngs):
        self.num_embeddings, self.features = num_embeddings, features
        self.embedding = _param(embedding_init, rngs, (num_embeddings, features), param_dtype)

    def __call__(self, inputs):
        indices = np.asarray(inputs)
        if not np.issubdtype(indices.dtype, np.integer):
            raise ValueError("Input type must be an integer or unsigned integer.")
        return asarray(np.take(_value(self.embedding), indices, axis=0))

    def attend(self, query):
        """The query's dot product with every embedding: query @ table.T (a head tied to the
        table)."""
        return asarray(np.matmul(np.asarray(query), _value(self.embedding).T))
