"""Layers whose input size Keras infers on the first call: PyTorch needs it stated."""
import tensorflow as tf
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, classes: int):
        super().__init__()
        # switcheroo: cannot convert 'tensorflow.keras.layers.Conv2D' to 'torch': 'tensorflow.keras.layers.Conv2D' is called without 'input_shape'
        self.conv = tf.keras.layers.Conv2D(8, 3, padding="same")
        # switcheroo: cannot convert 'tensorflow.keras.layers.Dense' to 'torch': 'tensorflow.keras.layers.Dense' is called without 'input_dim'
        self.head = tf.keras.layers.Dense(classes)

    def forward(self, x):
        x = torch.relu(self.conv(x))
        return self.head(torch.mean(x, dim=(2, 3)))
