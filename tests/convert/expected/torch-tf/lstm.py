"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import tensorflow as tf


class SequenceClassifier(tf.keras.Model):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.embed = tf.keras.layers.Embedding(vocab_size, embed_dim)
        self.lstm = tf.keras.layers.LSTM(hidden_size, input_shape=(None, embed_dim), return_sequences=True)
        self.head = tf.keras.layers.Dense(num_classes, input_dim=hidden_size)

    def call(self, tokens: tf.Tensor) -> tf.Tensor:
        outputs = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(tf.keras.Model):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int):
        super().__init__()
        self.rnn = tf.keras.layers.LSTM(hidden_size, input_shape=(None, features), return_sequences=True)
        self.stacked = [tf.keras.layers.LSTM(hidden_size, input_shape=(None, hidden_size), return_sequences=True, return_state=True), tf.keras.layers.LSTM(hidden_size, input_shape=(None, hidden_size), return_sequences=True, return_state=True)]

    def call(self, xs: tf.Tensor) -> tf.Tensor:
        outputs = (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(self.rnn((lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(xs, 0, 1)), 0, 1)
        outputs, h_l0, c_l0 = self.stacked[0]((lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(outputs, 0, 1))
        outputs, h_l1, c_l1 = self.stacked[1](outputs)
        h = tf.stack([h_l0, h_l1])
        return h[-1]
