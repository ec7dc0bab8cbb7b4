"""jax.Array over NumPy: an ndarray that cannot be changed in place and has only the methods and
properties a real jax.Array has (the API snapshot lists them), with `.at[index].set(...)` and
friends for functional updates. Values take JAX's default dtypes (64-bit types are not enabled
in JAX by default: float64 becomes float32, int64 int32)."""
import numpy as np

import _standin

_CANONICAL = {np.dtype(np.float64): np.dtype(np.float32), np.dtype(np.int64): np.dtype(np.int32),
              np.dtype(np.uint64): np.dtype(np.uint32),
              np.dtype(np.complex128): np.dtype(np.complex64)}
_ARRAY_API = set(_standin.entry("jax.Array").get("methods", []))


def canonical_dtype(dtype):
    dtype = np.dtype(dtype)
    return _CANONICAL.get(dtype, dtype)


class Array(np.ndarray):
    """An immutable array; arithmetic gives new arrays, `x += y` binds a new one."""

    def __array_wrap__(self, result, context=None, return_scalar=False):
        result = np.asarray(result)
        if result.dtype in _CANONICAL:
            result = result.astype(_CANONICAL[result.dtype])
        return result.view(Array)

    def __getattribute__(self, name):
        if name[0] != "_" and name not in _ARRAY_API:
            raise AttributeError("'jax.Array' object has no attribute '%s'" % name)
        return super().__getattribute__(name)

    def __setitem__(self, index, value):
        raise TypeError("JAX arrays are immutable and do not support in-place item assignment; "
                        "use x.at[idx].set(y)")

    def __iadd__(self, other):
        return self + other

    def __isub__(self, other):
        return self - other

    def __imul__(self, other):
        return self * other

    def __itruediv__(self, other):
        return self / other

    def __ifloordiv__(self, other):
        return self // other

    def __imod__(self, other):
        return self % other

    def __ipow__(self, other):
        return self ** other

    def __imatmul__(self, other):
        return self @ other

    def __iand__(self, other):
        return self & other

    def __ior__(self, other):
        return self | other

    def __ixor__(self, other):
        return self ^ other

    def __bool__(self):
        return bool(np.asarray(self))

    def __repr__(self):
        return "Array(%s, dtype=%s)" % (np.array2string(np.asarray(self), separator=", "), self.dtype)

    @property
    def at(self):
        return _IndexUpdateHelper(self)

    @property
    def mT(self):
        return np.swapaxes(self, -1, -2)

    def astype(self, dtype, copy=False):
        return asarray(np.asarray(self).astype(canonical_dtype(dtype)))

    def sort(self, axis=-1, **kwargs):
        return asarray(np.sort(np.asarray(self), axis=axis, **kwargs))

    def item(self, *args):
        return np.asarray(self).item(*args)

    def tolist(self):
        return np.asarray(self).tolist()


class _IndexUpdateHelper:
    def __init__(self, array):
        self._array = array

    def __getitem__(self, index):
        return _IndexUpdateRef(self._array, index)


class _IndexUpdateRef:
    """x.at[index]: each method returns a new array; repeated indices accumulate in add/mul/min/max
    (as in JAX; NumPy's fancy-index assignment would keep the last one)."""

    def __init__(self, array, index):
        self._array = array
        self._index = _plain(index)

    def _updated(self, apply):
        result = np.array(self._array)
        apply(result)
        return asarray(result)

    def get(self, **kwargs):
        return asarray(np.asarray(self._array)[self._index])

    def set(self, values, **kwargs):
        return self._updated(lambda out: out.__setitem__(self._index, _plain(values)))

    def add(self, values, **kwargs):
        return self._updated(lambda out: np.add.at(out, self._index, _plain(values)))

    def multiply(self, values, **kwargs):
        return self._updated(lambda out: np.multiply.at(out, self._index, _plain(values)))

    def min(self, values, **kwargs):
        return self._updated(lambda out: np.minimum.at(out, self._index, _plain(values)))

    def max(self, values, **kwargs):
        return self._updated(lambda out: np.maximum.at(out, self._index, _plain(values)))


def _plain(value):
    """Arrays inside indices and values as plain ndarrays."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, np.ndarray):
        return np.asarray(value)
    return value


def asarray(value, dtype=None):
    """A stand-in jax.Array of `value`, in JAX's default dtypes."""
    array = np.asarray(value.value if hasattr(value, "__standin_variable__") else value)
    target = canonical_dtype(dtype if dtype is not None else array.dtype)
    if array.dtype != target:
        array = array.astype(target)
    return array.view(Array)


def wrap(result):
    """NumPy results as stand-in arrays (lists and tuples of them too)."""
    if isinstance(result, (np.ndarray, np.generic)):
        return asarray(result)
    if isinstance(result, tuple) and not hasattr(result, "_fields"):
        return tuple(wrap(item) for item in result)
    if isinstance(result, list):
        return [wrap(item) for item in result]
    return result


def unwrap(value):
    """Stand-in arrays (and Variables) as plain ndarrays, for NumPy's functions."""
    if hasattr(value, "__standin_variable__"):
        value = value.value
    if isinstance(value, np.ndarray):
        return np.asarray(value)
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return type(value)(unwrap(item) for item in value)
    return value
