"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import tensorflow as tf


class TiedLanguageModel(tf.keras.Model):
    def __init__(self, vocab_size: int, dim: int):
        super().__init__()
        self.embed = tf.keras.layers.Embedding(vocab_size, dim)
        self.norm = tf.keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)

    # switcheroo: 'self.head' ('linear'), whose 'weight' is tied to 'self.embed' 'weight' at line 13, is written as a method calling 'self.embed' ([[weights.tied-layer]])
    def head(self, x):
        return tf.matmul(x, self.embed.embeddings, transpose_b=True)

    def call(self, tokens: tf.Tensor) -> tf.Tensor:
        return self.head(self.norm(self.embed(tokens)))
