"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import jax
from flax import nnx


class SequenceClassifier(nnx.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int, *,
                 rngs: nnx.Rngs):
        self.embed = nnx.Embed(vocab_size, embed_dim, rngs=rngs)
        self.lstm = nnx.RNN(nnx.LSTMCell(embed_dim, hidden_size, rngs=rngs))
        self.head = nnx.Linear(hidden_size, num_classes, rngs=rngs)

    def __call__(self, tokens: jax.Array) -> jax.Array:
        outputs = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])
