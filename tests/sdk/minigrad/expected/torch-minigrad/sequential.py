"""A classifier built entirely from nn.Sequential."""
from minigrad import nn


def make_classifier(in_features: int, hidden: int, num_classes: int) -> nn.Sequential:
    return nn.Sequential(
        [nn.Flatten(), nn.Dense(in_features, hidden), nn.ReLU(), nn.Dense(hidden, hidden), nn.Tanh(), nn.Dense(hidden, num_classes)],
    )


model = make_classifier(784, 256, 10)
