"""A classifier head built as one keras.Sequential list."""
import keras


def make_head(in_features: int, hidden: int, num_classes: int) -> keras.Sequential:
    return keras.Sequential([
        keras.layers.Dense(hidden, input_dim=in_features),
        keras.layers.ReLU(),
        keras.layers.Dense(num_classes, input_dim=hidden),
    ])
