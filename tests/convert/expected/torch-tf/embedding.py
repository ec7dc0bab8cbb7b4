"""Token embedding with a mean-pooled bag-of-words classifier."""
import torch.nn as nn
import tensorflow as tf


class BagOfEmbeddings(tf.keras.Model):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        self.embed = tf.keras.layers.Embedding(vocab_size, dim)
        self.classifier = tf.keras.layers.Dense(num_classes, input_dim=dim)

    def call(self, tokens: tf.Tensor) -> tf.Tensor:
        vectors = self.embed(tokens)
        return self.classifier(tf.reduce_mean(vectors, axis=1))


class PaddedBagOfEmbeddings(tf.keras.Model):
    """Token 0 pads: its row of the table starts at zero, so padding adds nothing to the sum."""

    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Embedding' to 'tensorflow': 'tensorflow.keras.layers.Embedding' has no 'padding_idx' (only its default converts)
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.classifier = tf.keras.layers.Dense(num_classes, input_dim=dim)

    def call(self, tokens: tf.Tensor) -> tf.Tensor:
        return self.classifier(tf.reduce_sum(self.embed(tokens), axis=1))
