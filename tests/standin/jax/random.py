"""jax.random over NumPy: explicit keys. A key is a pair of 32-bit words (a typed key from
`key`, a uint32 array from `PRNGKey`); every draw and split derives a NumPy generator from the
words, so the same key gives the same numbers (not JAX's numbers: threefry is not reproduced)."""
import numpy as np

import _standin
from jax._array import asarray, canonical_dtype


class KeyArray:
    """What jax.random.key returns: a typed key (one, or an array of them from split)."""

    def __init__(self, words):
        self.words = np.asarray(words, dtype=np.uint32).reshape(-1, 2)
        self.shape = self.words.shape[:-1] if len(self.words) != 1 else ()

    def __getitem__(self, index):
        return KeyArray(self.words[index])

    def __iter__(self):
        return (KeyArray(words) for words in self.words)

    def __len__(self):
        return len(self.words)


def _words(key):
    if isinstance(key, KeyArray):
        if len(key.words) != 1:
            raise TypeError("expected a single key, got an array of %d keys" % len(key.words))
        return key.words[0]
    words = np.asarray(key)
    if words.dtype != np.uint32 or words.shape != (2,):
        raise TypeError("a JAX key is a key array or a uint32 array of shape (2,), got %s %s"
                        % (words.dtype, words.shape))
    return words


def _generator(key, purpose=0):
    return np.random.default_rng(np.random.SeedSequence([int(w) for w in _words(key)] + [purpose]))


@_standin.exported("jax.random.key")
def key(seed, *, impl=None):
    return KeyArray([0, int(seed) & 0xFFFFFFFF])


@_standin.exported("jax.random.PRNGKey")
def PRNGKey(seed, *, impl=None):
    return asarray(np.array([0, int(seed) & 0xFFFFFFFF], dtype=np.uint32))


@_standin.exported("jax.random.split")
def split(key, num=2):
    words = _generator(key, 1).integers(0, 2 ** 32, size=(num, 2), dtype=np.uint64).astype(np.uint32)
    return KeyArray(words) if isinstance(key, KeyArray) else asarray(words)


@_standin.exported("jax.random.fold_in")
def fold_in(key, data):
    words = _generator(key, 2 + int(data)).integers(0, 2 ** 32, size=2, dtype=np.uint64)
    return KeyArray(words) if isinstance(key, KeyArray) else asarray(words.astype(np.uint32))


def _shape(shape):
    if shape is None:
        return ()
    return (int(shape),) if np.ndim(shape) == 0 else tuple(int(size) for size in shape)


def _float(dtype):
    return canonical_dtype(dtype or np.float32)


def _generated(dtype):
    """NumPy's generators draw float32 or float64 (float32 is much faster for big weights)."""
    return np.float32 if dtype == np.float32 else np.float64


@_standin.exported("jax.random.normal")
def normal(key, shape=(), dtype=None):
    dtype = _float(dtype)
    return asarray(_generator(key).standard_normal(_shape(shape), dtype=_generated(dtype)), dtype)


@_standin.exported("jax.random.uniform")
def uniform(key, shape=(), dtype=None, minval=0.0, maxval=1.0):
    return asarray(_generator(key).uniform(minval, maxval, _shape(shape)), _float(dtype))


@_standin.exported("jax.random.truncated_normal")
def truncated_normal(key, lower, upper, shape=None, dtype=None):
    generator = _generator(key)
    dtype = _float(dtype)
    shape = _shape(shape) if shape is not None else np.broadcast(lower, upper).shape
    values = generator.standard_normal(shape, dtype=_generated(dtype))
    outside = np.flatnonzero((values < lower) | (values > upper))
    while outside.size:
        flat = values.reshape(-1)
        flat[outside] = generator.standard_normal(outside.size, dtype=values.dtype)
        outside = outside[(flat[outside] < lower) | (flat[outside] > upper)]
    return asarray(values, dtype)


@_standin.exported("jax.random.bernoulli")
def bernoulli(key, p=0.5, shape=None):
    shape = _shape(shape) if shape is not None else np.shape(p)
    return asarray(_generator(key).random(shape) < np.asarray(p))


@_standin.exported("jax.random.randint")
def randint(key, shape, minval, maxval, dtype=None):
    values = _generator(key).integers(minval, maxval, _shape(shape))
    return asarray(values, canonical_dtype(dtype or np.int32))


@_standin.exported("jax.random.permutation")
def permutation(key, x, axis=0, independent=False):
    return asarray(_generator(key).permutation(np.asarray(x), axis=axis))


@_standin.exported("jax.random.categorical")
def categorical(key, logits, axis=-1, shape=None):
    logits = np.moveaxis(np.asarray(logits, dtype=np.float64), axis, -1)
    probabilities = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probabilities /= probabilities.sum(axis=-1, keepdims=True)
    cumulative = probabilities.cumsum(axis=-1)
    draws = _generator(key).random(cumulative.shape[:-1] + (1,))
    return asarray((draws > cumulative).sum(axis=-1))
