"""Weight-normalized layers (Salimans & Kingma): w = g * v / |v|."""
import torch.nn as nn
from torch.nn.utils import weight_norm
import keras


class WeightNormMLP(keras.Model):
    def __init__(self, features: int, hidden: int, out_features: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'keras'
        self.fc1 = weight_norm(keras.layers.Dense(hidden, input_dim=features))
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'keras'
        self.fc2 = nn.utils.weight_norm(keras.layers.Dense(out_features, input_dim=hidden), dim=0)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.fc2(keras.ops.relu(self.fc1(x)))
