"""A classifier built entirely from nn.Sequential."""
import tensorflow as tf


def make_classifier(in_features: int, hidden: int, num_classes: int) -> tf.keras.Sequential:
    return tf.keras.Sequential(
        [tf.keras.layers.Flatten(), tf.keras.layers.Dense(hidden, input_dim=in_features), tf.keras.layers.ReLU(), tf.keras.layers.Dense(hidden, input_dim=hidden), tf.keras.layers.Activation(activation='tanh'), tf.keras.layers.Dense(num_classes, input_dim=hidden)],
    )


model = make_classifier(784, 256, 10)
