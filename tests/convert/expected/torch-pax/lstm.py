"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn
import jax


class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Embedding' to 'paxml': praxis.layers.Embedding takes num_classes and input_dims as hyper-parameter fields: Praxis layers are not converted yet
        self.embed = nn.Embedding(vocab_size, embed_dim)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'paxml': Praxis has LSTM cells (LstmCellSimple) driven by FRnn, with its own state layout: not converted yet
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, tokens: jax.Array) -> jax.Array:
        outputs, _ = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(nn.Module):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'paxml': Praxis has LSTM cells (LstmCellSimple) driven by FRnn, with its own state layout: not converted yet
        self.rnn = nn.LSTM(features, hidden_size)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'paxml': Praxis has LSTM cells (LstmCellSimple) driven by FRnn, with its own state layout: not converted yet
        self.stacked = nn.LSTM(hidden_size, hidden_size, num_layers=2)

    def forward(self, xs: jax.Array) -> jax.Array:
        outputs = self.rnn(xs)[0]
        outputs, (h, c) = self.stacked(outputs)
        return h[-1]
