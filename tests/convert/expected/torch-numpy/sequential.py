"""A classifier built entirely from nn.Sequential."""
import torch.nn as nn
import numpy as np


def make_classifier(in_features: int, hidden: int, num_classes: int) -> nn.Sequential:
    # switcheroo: no mapping for 'torch.nn.Sequential' to 'numpy'
    # switcheroo: no mapping for 'torch.nn.Flatten' to 'numpy'
    # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
    # switcheroo: cannot convert 'torch.nn.ReLU' to 'numpy': no value for 'input'
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(in_features, hidden),
        nn.ReLU(),
        nn.Linear(hidden, hidden),
        np.tanh,
        nn.Linear(hidden, num_classes),
    )


model = make_classifier(784, 256, 10)
