"""jax.numpy over NumPy. jax.numpy follows NumPy's semantics on purpose, so every function of
the real jax.numpy (as the API snapshot lists it) that NumPy has under the same name is NumPy's,
called through the real signature (a keyword JAX does not take is an error) and returning
immutable stand-in arrays in JAX's default dtypes. JAX's differences are written out below."""
import sys

import numpy as np

from jax._array import Array, canonical_dtype
from jax.numpy._twins import make_twin, twin_getattr

ndarray = Array
pi, e, inf, nan, newaxis = np.pi, np.e, np.inf, np.nan, np.newaxis
euler_gamma = np.euler_gamma
dtype, finfo, iinfo = np.dtype, np.finfo, np.iinfo
bool_, float16, float32, float64 = np.bool_, np.float16, np.float32, np.float64
int8, int16, int32, int64 = np.int8, np.int16, np.int32, np.int64
uint8, uint16, uint32, uint64 = np.uint8, np.uint16, np.uint32, np.uint64
complex64, complex128 = np.complex64, np.complex128
integer, floating, inexact, number = np.integer, np.floating, np.inexact, np.number
bool = np.bool_  # jnp.bool is the boolean dtype


# --- JAX's differences from NumPy -------------------------------------------------------------

def _empty(shape, dtype=None, **kwargs):
    return np.zeros(shape, dtype=dtype)  # JAX has no uninitialised memory: empty gives zeros


def _empty_like(prototype, dtype=None, shape=None, **kwargs):
    return np.zeros_like(prototype, dtype=dtype, shape=shape)


def _astype(x, dtype, copy=False, device=None):
    return np.asarray(x).astype(canonical_dtype(dtype))


def _clip(arr=None, min=None, max=None):  # noqa: A002 (JAX's names)
    return np.clip(arr, min, max)


def _reshape(a, shape=None, order="C", copy=None, out_sharding=None):
    return np.reshape(a, shape, order=order)


def _asarray(a, dtype=None, order=None, copy=None, device=None, out_sharding=None):
    return np.array(a, dtype=None if dtype is None else canonical_dtype(dtype), order=order)


def _take(a, indices, axis=None, out=None, mode=None, unique_indices=False,
          indices_are_sorted=False, fill_value=None):
    # JAX's default mode returns NaN (or the fill value) for indices out of range instead of
    # raising; in range, both agree
    return np.take(a, indices, axis=axis, mode="raise")


def _unstack(x, axis=0):
    return tuple(np.moveaxis(np.asarray(x), axis, 0))


def _permute_dims(a, axes):
    return np.transpose(a, axes)


def _matrix_transpose(x):
    return np.swapaxes(x, -1, -2)


def _broadcast_to(array, shape):
    # np.any, not the builtin: this module's `any` becomes jnp.any once that is first used
    if np.any(np.atleast_1d(shape) < 0):
        raise ValueError("jnp.broadcast_to: the shape %s has a negative size" % (shape,))
    return np.broadcast_to(array, shape)


def _copy_then(update, name):
    # JAX's forms of NumPy's in-place writers return a new array and refuse inplace=True
    def functional(a, *args, inplace=True, **keywords):
        if inplace:
            raise ValueError("jax.numpy.%s cannot update an array in place: pass inplace=False"
                             % name)
        out = np.array(a, copy=True)
        update(out, *args, **{k: v for k, v in keywords.items() if v is not None})
        return out
    return functional


_DIFFERENT = {
    "empty": _empty, "empty_like": _empty_like, "astype": _astype, "clip": _clip,
    "reshape": _reshape, "asarray": _asarray, "array": _asarray, "take": _take,
    "unstack": _unstack, "permute_dims": _permute_dims, "matrix_transpose": _matrix_transpose,
    "broadcast_to": _broadcast_to, "concat": np.concatenate, "pow": np.power,
    "acos": np.arccos, "asin": np.arcsin, "atan": np.arctan, "atan2": np.arctan2,
    "acosh": np.arccosh, "asinh": np.arcsinh, "atanh": np.arctanh, "trapezoid": np.trapz,
    "put_along_axis": _copy_then(np.put_along_axis, "put_along_axis"),
    "place": _copy_then(np.place, "place"), "put": _copy_then(np.put, "put"),
}
for _name, _function in _DIFFERENT.items():
    setattr(sys.modules[__name__], _name, make_twin("jax.numpy." + _name, _function))

# every other function of the real jax.numpy that NumPy has, made on first use
__getattr__ = twin_getattr(sys.modules[__name__], "jax.numpy", np)


from jax.numpy import fft, linalg  # noqa: E402  (the submodules, as `jnp.linalg.norm`)

__all__ = ["fft", "linalg", "ndarray"]
