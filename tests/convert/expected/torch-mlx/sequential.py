"""A classifier built entirely from nn.Sequential."""
from mlx import nn


def make_classifier(in_features: int, hidden: int, num_classes: int) -> nn.Sequential:
    return nn.Sequential(
        lambda x: x.reshape(x.shape[0], -1),
        nn.Linear(in_features, hidden),
        nn.ReLU(),
        nn.Linear(hidden, hidden),
        nn.Tanh(),
        nn.Linear(hidden, num_classes),
    )


model = make_classifier(784, 256, 10)
