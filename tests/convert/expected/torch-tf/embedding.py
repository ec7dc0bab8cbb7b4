"""Token embedding with a mean-pooled bag-of-words classifier."""
import tensorflow as tf


class BagOfEmbeddings(tf.keras.Model):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        self.embed = tf.keras.layers.Embedding(vocab_size, dim)
        self.classifier = tf.keras.layers.Dense(num_classes, input_dim=dim)

    def call(self, tokens: tf.Tensor) -> tf.Tensor:
        vectors = self.embed(tokens)
        return self.classifier(tf.reduce_mean(vectors, axis=1))
