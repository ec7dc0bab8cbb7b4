"""A classifier built entirely from nn.Sequential."""
import keras


def make_classifier(in_features: int, hidden: int, num_classes: int) -> keras.Sequential:
    return keras.Sequential(
        [keras.layers.Flatten(), keras.layers.Dense(hidden, input_dim=in_features), keras.layers.ReLU(), keras.layers.Dense(hidden, input_dim=hidden), keras.layers.Activation(activation='tanh'), keras.layers.Dense(num_classes, input_dim=hidden)],
    )


model = make_classifier(784, 256, 10)
