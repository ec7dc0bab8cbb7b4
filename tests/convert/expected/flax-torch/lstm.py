"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
from flax import nnx
import torch
from torch import nn


class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        # switcheroo: cannot convert 'flax.nnx.RNN' to 'torch': it needs the 'recurrent_layer' hook
        # switcheroo: cannot convert 'flax.nnx.LSTMCell' to 'torch': a cell takes one time step and Flax's carry is (c, h), PyTorch's (h, c): not converted yet
        self.lstm = nnx.RNN(nnx.LSTMCell(embed_dim, hidden_size, rngs=rngs))
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        outputs = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])
