"""A classifier head built as one tf.keras.Sequential list."""
import tensorflow as tf


def make_head(in_features: int, hidden: int, num_classes: int) -> tf.keras.Sequential:
    return tf.keras.Sequential([
        tf.keras.layers.Dense(hidden, input_dim=in_features),
        tf.keras.layers.ReLU(),
        tf.keras.layers.Dense(num_classes, input_dim=hidden),
    ])
