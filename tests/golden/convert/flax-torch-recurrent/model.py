"""Recurrent layers read back to PyTorch: an nnx.Sequential of nnx.RNN layers (or of
nnx.Bidirectional layers of a forward RNN and a backward one with reverse=True,
keep_order=True) is one nn.LSTM / nn.GRU with num_layers and bidirectional, called for its
outputs (`[0]`); the layers run in turn with return_carry=True and their carries stacked are
read as the unpacking of the final state. A reversed RNN alone, an RNN beside other layers and
any other use of return_carry are reported at their line."""
import jax
import jax.numpy as jnp
from flax import nnx


class Recurrent(nnx.Module):
    def __init__(self, features: int, hidden: int, *, rngs: nnx.Rngs):
        self.lstm = nnx.RNN(nnx.LSTMCell(features, hidden, rngs=rngs))
        self.stacked = nnx.Sequential(nnx.RNN(nnx.LSTMCell(features, hidden, rngs=rngs), time_major=True),
                                      nnx.RNN(nnx.LSTMCell(hidden, hidden, rngs=rngs), time_major=True))
        self.both_ways = nnx.Sequential(
            nnx.Bidirectional(nnx.RNN(nnx.LSTMCell(features, hidden, rngs=rngs)),
                              nnx.RNN(nnx.LSTMCell(features, hidden, rngs=rngs), reverse=True, keep_order=True)),
            nnx.Bidirectional(nnx.RNN(nnx.LSTMCell(2 * hidden, hidden, rngs=rngs)),
                              nnx.RNN(nnx.LSTMCell(2 * hidden, hidden, rngs=rngs), reverse=True, keep_order=True)))
        self.gru = nnx.Bidirectional(nnx.RNN(nnx.GRUCell(features, hidden, rngs=rngs)),
                                     nnx.RNN(nnx.GRUCell(features, hidden, rngs=rngs), reverse=True, keep_order=True),
                                     time_major=True)

    def __call__(self, x: jax.Array) -> jax.Array:
        (c_l0, h_l0), out = self.lstm(x, return_carry=True)
        h, c = jnp.stack([h_l0]), jnp.stack([c_l0])
        (c_l0, h_l0), deep = self.stacked.layers[0](x.swapaxes(0, 1), return_carry=True)
        (c_l1, h_l1), deep = self.stacked.layers[1](deep, return_carry=True)
        deep_h = jnp.stack([h_l0, h_l1])
        ((c_l0, h_l0), (c_l0_reverse, h_l0_reverse)), wide = self.both_ways.layers[0](x, return_carry=True)
        ((c_l1, h_l1), (c_l1_reverse, h_l1_reverse)), wide = self.both_ways.layers[1](wide, return_carry=True)
        state = jnp.stack([h_l0, h_l0_reverse, h_l1, h_l1_reverse]), jnp.stack([c_l0, c_l0_reverse, c_l1, c_l1_reverse])
        (h_l0, h_l0_reverse), gated = self.gru(x.swapaxes(0, 1), return_carry=True)
        gated_h = jnp.stack([h_l0, h_l0_reverse])
        plain = self.both_ways(x)
        return (out[:, -1] + h[0] + c[-1] + deep[-1] + deep_h[-1] + wide[:, -1, :4] + state[0][-1]
                + gated[0, :, :4] + gated_h[1] + plain[:, -1, 4:])


class Reported(nnx.Module):
    def __init__(self, features: int, hidden: int, *, rngs: nnx.Rngs):
        self.backward = nnx.RNN(nnx.LSTMCell(features, hidden, rngs=rngs), reverse=True, keep_order=True)
        self.mixed = nnx.Sequential(nnx.RNN(nnx.LSTMCell(features, hidden, rngs=rngs)), nnx.Linear(hidden, features, rngs=rngs))
        self.lstm = nnx.RNN(nnx.LSTMCell(features, hidden, rngs=rngs))

    def __call__(self, x: jax.Array) -> jax.Array:
        carry, out = self.lstm(x, return_carry=True)
        return self.backward(x) + self.mixed(x) + out + carry[1]
