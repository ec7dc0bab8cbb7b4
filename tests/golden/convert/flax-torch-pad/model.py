import jax.numpy as jnp


def pad_last(h):
    # PyTorch pads the last axis by (0, 1); NumPy and JAX want a pair for every axis
    return jnp.pad(h, ((0, 0),) * (h.ndim - 1) + ((0, 1),))


def pad_modes(x):
    a = jnp.pad(x, ((0, 0),) * (x.ndim - 2) + ((3, 4), (1, 2)), mode='edge')
    b = jnp.pad(x, ((0, 0),) * (x.ndim - 2) + ((2, 2), (1, 1)), mode='wrap')
    c = jnp.pad(x, ((0, 0),) * (x.ndim - 2) + ((1, 1), (2, 2)), 'reflect')
    d = jnp.pad(x, ((0, 0),) * (x.ndim - 2) + ((0, 2), (1, 0)), constant_values=-1.0)
    return a + 0, b, c, d


def pad_sizes(x, pad_r: int, pad_b: int):
    # a channels-last image, as in Swin: (C, W, H) from the last axis backwards
    return jnp.pad(x, ((0, 0),) * (x.ndim - 3) + ((0, pad_b), (0, pad_r), (0, 0)))


def written_out(x):
    # pairs for every axis, the leading (0, 0) ones dropped
    return jnp.pad(x, ((0, 0), (0, 0), (1, 2), (3, 4)), mode="edge")


def reflect_symmetric(x):
    # NumPy's 'symmetric' repeats the edge; PyTorch has no such mode
    return jnp.pad(x, ((1, 1),), mode="symmetric")
