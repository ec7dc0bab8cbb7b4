"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import jax
import jax.numpy as jnp
from flax import nnx


class SequenceClassifier(nnx.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int, *, rngs: nnx.Rngs):
        self.embed = nnx.Embed(vocab_size, embed_dim, rngs=rngs)
        self.lstm = nnx.RNN(nnx.LSTMCell(embed_dim, hidden_size, rngs=rngs))
        self.head = nnx.Linear(hidden_size, num_classes, rngs=rngs)

    def __call__(self, tokens: jax.Array) -> jax.Array:
        outputs = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(nnx.Module):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int, *, rngs: nnx.Rngs):
        self.rnn = nnx.RNN(nnx.LSTMCell(features, hidden_size, rngs=rngs), time_major=True)
        self.stacked = nnx.Sequential(nnx.RNN(nnx.LSTMCell(hidden_size, hidden_size, rngs=rngs), time_major=True), nnx.RNN(nnx.LSTMCell(hidden_size, hidden_size, rngs=rngs), time_major=True))

    def __call__(self, xs: jax.Array) -> jax.Array:
        outputs = self.rnn(xs)
        (c_l0, h_l0), outputs = self.stacked.layers[0](outputs, return_carry=True)
        (c_l1, h_l1), outputs = self.stacked.layers[1](outputs, return_carry=True)
        h = jnp.stack([h_l0, h_l1])
        return h[-1]
