"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
from flax import nnx
import numpy as np


class SequenceClassifier(nnx.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int, *,
                 rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Embed' to 'numpy'
        self.embed = nnx.Embed(vocab_size, embed_dim, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.RNN' to 'numpy'
        # switcheroo: cannot convert 'flax.nnx.LSTMCell' to 'numpy': a cell takes one time step and Flax's carry is (c, h), PyTorch's (h, c): not converted yet
        self.lstm = nnx.RNN(nnx.LSTMCell(embed_dim, hidden_size, rngs=rngs))
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.head = nnx.Linear(hidden_size, num_classes, rngs=rngs)

    def __call__(self, tokens: np.ndarray) -> np.ndarray:
        outputs = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])
