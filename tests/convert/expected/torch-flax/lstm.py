"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn
import jax
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
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'flax': only one layer, one direction with biases, returning every step, converts ('flax.nnx.RNN' runs one cell: stack them for more)
        self.stacked = nn.LSTM(hidden_size, hidden_size, num_layers=2)

    def __call__(self, xs: jax.Array) -> jax.Array:
        outputs = self.rnn(xs)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'flax': 'flax.nnx.RNN' returns the outputs only: the final state needs return_carry=True (an LSTM's carry is (c, h), not (h, c))
        outputs, (h, c) = self.stacked(outputs)
        return h[-1]
