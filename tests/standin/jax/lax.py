"""jax.lax over NumPy: the convolutions and window reductions Flax's layers are built on, with
lax's own conventions (dimension numbers, explicit (low, high) padding that may be negative,
input and kernel dilation, feature groups), and the few other functions conversions emit."""
import builtins

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

import _standin
from jax._array import asarray


@_standin.exported("jax.lax.stop_gradient")
def stop_gradient(x):
    return asarray(x)


@_standin.exported("jax.lax.rsqrt")
def rsqrt(x, *, accuracy=None):
    return asarray(1 / np.sqrt(np.asarray(x)))


@_standin.exported("jax.lax.max")
def max(x, y):  # noqa: A001 (lax's name)
    return asarray(np.maximum(x, y))


@_standin.exported("jax.lax.min")
def min(x, y):  # noqa: A001
    return asarray(np.minimum(x, y))


@_standin.exported("jax.lax.add")
def add(x, y):
    return asarray(np.add(x, y))


@_standin.exported("jax.lax.padtype_to_pads")
def padtype_to_pads(in_shape, window_shape, window_strides, padding):
    if padding == "VALID":
        return [(0, 0)] * len(in_shape)
    if padding not in ("SAME", "SAME_LOWER"):
        raise ValueError("unknown padding %r" % (padding,))
    pads = []
    for size, window, stride in zip(in_shape, window_shape, window_strides):
        out = -(-size // stride)
        total = np.maximum((out - 1) * stride + window - size, 0)
        small, large = int(total // 2), int(total - total // 2)
        pads.append((small, large) if padding == "SAME" else (large, small))
    return pads


def _dilate(x, factors, axes):
    for axis, factor in zip(axes, factors):
        if factor > 1 and x.shape[axis] > 0:
            shape = list(x.shape)
            shape[axis] = (shape[axis] - 1) * factor + 1
            out = np.zeros(shape, x.dtype)
            index = [slice(None)] * x.ndim
            index[axis] = slice(None, None, factor)
            out[tuple(index)] = x
            x = out
    return x


def _pad(x, pads, axes, value=0):
    """lax padding: (low, high) per axis; a negative amount removes elements."""
    widths = [(0, 0)] * x.ndim
    for axis, (low, high) in zip(axes, pads):
        widths[axis] = (builtins.max(low, 0), builtins.max(high, 0))
    x = np.pad(x, widths, constant_values=value)
    crop = [slice(None)] * x.ndim
    for axis, (low, high) in zip(axes, pads):
        crop[axis] = slice(-low if low < 0 else 0, x.shape[axis] + high if high < 0 else None)
    return x[tuple(crop)]


def _permutations(dimension_numbers, ndim):
    """lhs, rhs and output permutations to N spatial... C / spatial... I O / N spatial... C."""
    if dimension_numbers is None:
        spatial = "".join(chr(ord("a") + i) for i in range(ndim - 2))
        dimension_numbers = ("NC" + spatial, "OI" + spatial, "NC" + spatial)
    lhs, rhs, out = dimension_numbers
    spatial = [c for c in rhs if c not in "OI"]
    lhs_perm = [lhs.index("N")] + [lhs.index(c) for c in spatial] + [lhs.index("C")]
    rhs_perm = [rhs.index(c) for c in spatial] + [rhs.index("I"), rhs.index("O")]
    out_order = [out.index("N")] + [out.index(c) for c in spatial] + [out.index("C")]
    return lhs_perm, rhs_perm, np.argsort(out_order)


def _tuple(value, count, default=1):
    if value is None:
        return (default,) * count
    return (int(value),) * count if np.ndim(value) == 0 else tuple(int(v) for v in value)


@_standin.exported("jax.lax.conv_general_dilated")
def conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None,
                         dimension_numbers=None, feature_group_count=1, batch_group_count=1,
                         precision=None, preferred_element_type=None):
    if batch_group_count != 1:
        raise NotImplementedError("the stand-in of lax.conv_general_dilated has no batch groups")
    lhs, rhs = np.asarray(lhs), np.asarray(rhs)
    lhs_perm, rhs_perm, out_perm = _permutations(dimension_numbers, lhs.ndim)
    x, kernel = lhs.transpose(lhs_perm), rhs.transpose(rhs_perm)
    count = x.ndim - 2
    axes = tuple(range(1, count + 1))
    strides = _tuple(window_strides, count)
    kernel_dilation = _tuple(rhs_dilation, count)
    x = _dilate(x, _tuple(lhs_dilation, count), axes)
    window = tuple((k - 1) * d + 1 for k, d in zip(kernel.shape[:count], kernel_dilation))
    if isinstance(padding, str):
        padding = padtype_to_pads(x.shape[1:-1], window, strides, padding)
    x = _pad(x, [tuple(pair) for pair in padding], axes)
    windows = sliding_window_view(x, window, axis=axes)
    windows = windows[(slice(None),) + tuple(slice(None, None, s) for s in strides) + (slice(None),)
                      + tuple(slice(None, None, d) for d in kernel_dilation)]
    groups = feature_group_count
    if groups == 1:
        out = np.tensordot(windows, kernel, axes=([count + 1] + [count + 2 + i for i in range(count)],
                                                  [count] + list(range(count))))
    else:
        letters = "pqr"[:count]
        window_letters = "uvw"[:count]
        grouped = windows.reshape(windows.shape[:count + 1] + (groups, -1) + windows.shape[count + 2:])
        grouped_kernel = kernel.reshape(kernel.shape[:count + 1] + (groups, -1))
        out = np.einsum("n%sgc%s,%scgo->n%sgo" % (letters, window_letters, window_letters, letters),
                        grouped, grouped_kernel, optimize=True)
        out = out.reshape(out.shape[:count + 1] + (-1,))
    return asarray(out.transpose(out_perm), preferred_element_type or np.result_type(lhs, rhs))


def _conv_transpose_padding(window, stride, padding):
    if padding == "SAME":
        total = window + stride - 2
        low = window - 1 if stride > window - 1 else int(np.ceil(total / 2))
    elif padding == "VALID":
        total = window + stride - 2 + builtins.max(window - stride, 0)
        low = window - 1
    else:
        raise ValueError("unknown padding %r" % (padding,))
    return low, total - low


@_standin.exported("jax.lax.conv_transpose")
def conv_transpose(lhs, rhs, strides, padding, rhs_dilation=None, dimension_numbers=None,
                   transpose_kernel=False, precision=None, preferred_element_type=None):
    lhs, rhs = np.asarray(lhs), np.asarray(rhs)
    if dimension_numbers is None:
        spatial = "HWD"[:lhs.ndim - 2]
        dimension_numbers = ("N%sC" % spatial, "%sIO" % spatial, "N%sC" % spatial)
    _, rhs_perm, _ = _permutations(dimension_numbers, lhs.ndim)
    count = lhs.ndim - 2
    spatial_axes = rhs_perm[:count]
    dilation = _tuple(rhs_dilation, count)
    window = [(rhs.shape[axis] - 1) * d + 1 for axis, d in zip(spatial_axes, dilation)]
    if isinstance(padding, str):
        padding = [_conv_transpose_padding(k, s, padding) for k, s in zip(window, _tuple(strides, count))]
    if transpose_kernel:
        rhs = np.flip(rhs, axis=tuple(spatial_axes))
        rhs = np.swapaxes(rhs, rhs_perm[count], rhs_perm[count + 1])
    return conv_general_dilated(lhs, rhs, (1,) * count, padding, lhs_dilation=strides,
                                rhs_dilation=dilation, dimension_numbers=dimension_numbers,
                                preferred_element_type=preferred_element_type)


_REDUCTIONS = {"max": np.max, "min": np.min, "add": np.sum}


@_standin.exported("jax.lax.reduce_window")
def reduce_window(operand, init_value, computation, window_dimensions, window_strides=None,
                  padding="VALID", base_dilation=None, window_dilation=None):
    if base_dilation is not None or window_dilation is not None:
        raise NotImplementedError("the stand-in of lax.reduce_window has no dilation")
    reduce = _REDUCTIONS[computation.__name__]
    x = np.asarray(operand)
    strides = _tuple(window_strides, x.ndim)
    if isinstance(padding, str):
        padding = padtype_to_pads(x.shape, window_dimensions, strides, padding)
    x = _pad(x, [tuple(pair) for pair in padding], range(x.ndim), value=init_value)
    windows = sliding_window_view(x, tuple(window_dimensions))
    windows = windows[tuple(slice(None, None, s) for s in strides)]
    result = reduce(windows, axis=tuple(range(x.ndim, 2 * x.ndim)))
    if computation.__name__ == "add":
        result = result + init_value
    return asarray(result.astype(x.dtype))
