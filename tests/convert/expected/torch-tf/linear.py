"""A single affine layer: logistic regression over a feature vector."""
import tensorflow as tf


class LogisticRegression(tf.keras.Model):
    def __init__(self, in_features: int, num_classes: int):
        super().__init__()
        self.linear = tf.keras.layers.Dense(num_classes, input_dim=in_features)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return tf.math.sigmoid(self.linear(x))
