"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn
import jax
from flax import nnx


class SequenceClassifier(nnx.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int, *, rngs: nnx.Rngs):
        self.embed = nnx.Embed(vocab_size, embed_dim, rngs=rngs)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'flax': it needs the 'recurrent_layer' hook
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.head = nnx.Linear(hidden_size, num_classes, rngs=rngs)

    def __call__(self, tokens: jax.Array) -> jax.Array:
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'flax': it needs the 'recurrent_layer' hook
        outputs, _ = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])
