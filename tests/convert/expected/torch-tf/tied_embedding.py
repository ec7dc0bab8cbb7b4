"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import tensorflow as tf


class TiedLanguageModel(tf.keras.Model):
    def __init__(self, vocab_size: int, dim: int):
        super().__init__()
        self.embed = tf.keras.layers.Embedding(vocab_size, dim)
        self.norm = tf.keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)
        self.head = tf.keras.layers.Dense(vocab_size, input_dim=dim, use_bias=False)
        # switcheroo: no mapping for the tie 'self.head.weight = self.embed.weight' to 'tensorflow': the target's traits name no 'linear' parameter 'weight' ([[weights.layer]])
        self.head.weight = self.embed.weight

    def call(self, tokens: tf.Tensor) -> tf.Tensor:
        return self.head(self.norm(self.embed(tokens)))
