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
