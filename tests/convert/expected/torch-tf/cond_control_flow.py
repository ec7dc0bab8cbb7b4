"""Data-dependent choices: elementwise with torch.where, whole values with if."""
import tensorflow as tf


def soft_clip(x: tf.Tensor, limit: float) -> tf.Tensor:
    return tf.where(tf.math.abs(x) > limit, tf.math.sign(x) * limit, x)


def leaky(x: tf.Tensor) -> tf.Tensor:
    return tf.where(x > 0, x, 0.01 * x)


def normalize_if_large(x: tf.Tensor) -> tf.Tensor:
    norm = tf.math.sqrt(tf.reduce_sum(x * x))
    if norm > 1.0:
        return x / norm
    return x
