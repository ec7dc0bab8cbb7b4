"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn
import keras


class SequenceClassifier(keras.Model):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab_size, embed_dim)
        self.lstm = keras.layers.LSTM(hidden_size, input_shape=(None, embed_dim), return_sequences=True)
        self.head = keras.layers.Dense(num_classes, input_dim=hidden_size)

    def call(self, tokens: keras.KerasTensor) -> keras.KerasTensor:
        outputs = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(keras.Model):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int):
        super().__init__()
        self.rnn = keras.layers.LSTM(hidden_size, input_shape=(None, features), return_sequences=True)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'keras': a call of the layer uses more than its outputs, which 'keras.layers.LSTM' stacked returns alone
        self.stacked = nn.LSTM(hidden_size, hidden_size, num_layers=2)

    def call(self, xs: keras.KerasTensor) -> keras.KerasTensor:
        outputs = keras.ops.swapaxes(self.rnn(keras.ops.swapaxes(xs, 0, 1)), 0, 1)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'keras': 'keras.layers.LSTM' returns its 'output' alone: only a call whose other results are discarded ('output, _ = ...' or '...[0]') converts
        outputs, (h, c) = self.stacked(outputs)
        return h[-1]
