"""A test-only stand-in for JAX over NumPy, for running what Switcheroo converts to Flax NNX
where JAX cannot be installed (tests/standin; docs/conversion.md). It holds only what
conversions emit and what the stand-in's flax.nnx needs, each name checked against the API
snapshot of the real JAX (tests/api-snapshots/jax.json)."""
from jax._array import Array, asarray as _asarray
from jax import image, numpy, lax, nn, random
import _standin


@_standin.exported("jax.device_put")
def device_put(x, device=None):
    return _asarray(x)


@_standin.exported("jax.jit")
def jit(fun, *, static_argnums=None, static_argnames=None, donate_argnums=None):
    return fun


__all__ = ["Array", "image", "numpy", "lax", "nn", "random", "device_put", "jit"]
