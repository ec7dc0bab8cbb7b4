"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn
import keras


class SequenceClassifier(keras.Model):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab_size, embed_dim)
        # switcheroo: no mapping for 'torch.nn.LSTM' to 'keras'
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.head = keras.layers.Dense(num_classes, input_dim=hidden_size)

    def call(self, tokens: keras.KerasTensor) -> keras.KerasTensor:
        outputs, _ = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(keras.Model):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.LSTM' to 'keras'
        self.rnn = nn.LSTM(features, hidden_size)
        # switcheroo: no mapping for 'torch.nn.LSTM' to 'keras'
        self.stacked = nn.LSTM(hidden_size, hidden_size, num_layers=2)

    def call(self, xs: keras.KerasTensor) -> keras.KerasTensor:
        outputs = self.rnn(xs)[0]
        outputs, (h, c) = self.stacked(outputs)
        return h[-1]
