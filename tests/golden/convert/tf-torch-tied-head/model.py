import tensorflow as tf


class TiedHead(tf.keras.Model):
    """A language model's output projection that is its token embedding's table, transposed:
    back in PyTorch a Linear without a bias whose weight is the Embedding's."""

    def __init__(self, vocab_size: int, dim: int):
        super().__init__()
        self.embed = tf.keras.layers.Embedding(vocab_size, dim)
        self.proj = tf.keras.layers.Dense(dim, input_dim=dim)

    # the logits of every token: the table transposed
    def logits(self, h):
        return tf.matmul(h, self.embed.embeddings, transpose_b=True)

    def call(self, tokens: tf.Tensor) -> tf.Tensor:
        return self.logits(tf.math.tanh(self.proj(self.embed(tokens))))
