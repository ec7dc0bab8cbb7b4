"""A sequence tagger: a GRU over embedded tokens, an LSTM over its outputs, a Dense per step."""
import keras


class SequenceTagger(keras.Model):
    def __init__(self, vocab: int, dim: int, hidden: int, tags: int):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab, dim)
        self.gru = keras.layers.GRU(hidden, return_sequences=True, input_shape=(None, dim))
        self.lstm = keras.layers.LSTM(hidden, return_sequences=True, input_shape=(None, hidden))
        self.out = keras.layers.Dense(tags, input_dim=hidden)

    def call(self, tokens):
        steps = self.gru(self.embed(tokens))
        return self.out(self.lstm(steps))


class StackedEncoder(keras.Model):
    """Two LSTMs run one by one, built to return their final states, stacked as PyTorch's."""

    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.encoders = [
            keras.layers.LSTM(hidden, input_shape=(None, dim), return_sequences=True, return_state=True),
            keras.layers.LSTM(hidden, input_shape=(None, hidden), return_sequences=True, return_state=True),
        ]

    def call(self, steps):
        steps, h_l0, c_l0 = self.encoders[0](steps)
        steps, h_l1, c_l1 = self.encoders[1](steps)
        h, c = keras.ops.stack([h_l0, h_l1]), keras.ops.stack([c_l0, c_l1])
        return h[-1] + c[-1]
