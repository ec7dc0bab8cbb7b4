"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
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
        self.stacked = [keras.layers.LSTM(hidden_size, input_shape=(None, hidden_size), return_sequences=True, return_state=True), keras.layers.LSTM(hidden_size, input_shape=(None, hidden_size), return_sequences=True, return_state=True)]

    def call(self, xs: keras.KerasTensor) -> keras.KerasTensor:
        outputs = keras.ops.swapaxes(self.rnn(keras.ops.swapaxes(xs, 0, 1)), 0, 1)
        outputs, h_l0, c_l0 = self.stacked[0](keras.ops.swapaxes(outputs, 0, 1))
        outputs, h_l1, c_l1 = self.stacked[1](outputs)
        h = keras.ops.stack([h_l0, h_l1])
        return h[-1]
