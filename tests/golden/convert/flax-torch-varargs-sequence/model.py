import jax.numpy as jnp


def buffers(x: jnp.ndarray, d, shape):
    # `d` may be a number or a tuple: torch.zeros takes either whole, so it is not spread
    # (torch.zeros(*d) fails for a number).
    zeros = jnp.zeros(d)
    ones = jnp.ones((2, 3))
    sized = jnp.zeros(3)
    return zeros, ones, sized, x.reshape(shape)
