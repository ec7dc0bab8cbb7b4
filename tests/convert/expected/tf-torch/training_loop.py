"""A whole training loop with tf.GradientTape steps, then an evaluation."""
import tensorflow as tf
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.hidden = nn.Linear(in_features=features, out_features=16)
        self.out = nn.Linear(in_features=16, out_features=1)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


def train(model: Net, batches, epochs: int = 3):
    optimizer = tf.keras.optimizers.Adam(learning_rate=1e-2, epsilon=1e-08)
    for _ in range(epochs):
        for x, y in batches:
            # switcheroo: no mapping for 'tensorflow.GradientTape' to 'torch'
            with tf.GradientTape() as tape:
                loss = torch.mean(torch.square(model(x) - y))
            # switcheroo: no mapping for 'tensorflow.GradientTape.gradient' to 'torch'
            grads = tape.gradient(loss, model.trainable_variables)
            # switcheroo: cannot convert 'tensorflow.keras.optimizers.Optimizer.apply_gradients' to 'torch': a tf.GradientTape step is not converted back to backward/step yet
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return model


def evaluate(model: Net, x, y):
    return torch.mean(torch.square(model(x) - y))
