"""One LSTM layer unrolled over time, with PyTorch's gate order (input, forget, cell, output)."""
import jax.numpy as jnp


def sigmoid(x):
    return 1.0 / (1.0 + jnp.exp(-x))


def lstm(xs, w_ih, w_hh, b):
    # xs: (T, N, I); w_ih: (I, 4H); w_hh: (H, 4H); b: (4H,)
    hidden = w_hh.shape[0]
    h = jnp.zeros((xs.shape[1], hidden))
    c = jnp.zeros((xs.shape[1], hidden))
    outputs = []
    for x in xs:
        gates = jnp.matmul(x, w_ih) + jnp.matmul(h, w_hh) + b
        i, f, g, o = jnp.split(gates, 4, axis=-1)
        c = sigmoid(f) * c + sigmoid(i) * jnp.tanh(g)
        h = sigmoid(o) * jnp.tanh(c)
        outputs.append(h)
    return jnp.stack(outputs)
