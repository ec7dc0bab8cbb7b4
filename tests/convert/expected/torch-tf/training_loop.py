"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import torch
import tensorflow as tf


class Net(tf.keras.Model):
    def __init__(self, features: int):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(16, input_dim=features)
        self.out = tf.keras.layers.Dense(1, input_dim=16)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.out(tf.nn.relu(self.hidden(x)))


def train(model: Net, batches, epochs: int = 3):
    # switcheroo: no mapping for 'torch.optim.Adam' to 'tensorflow'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'tensorflow'
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(epochs):
        for x, y in batches:
            # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'tensorflow'
            optimizer.zero_grad()
            loss = tf.reduce_mean(((model(x) - y) ** 2))
            # switcheroo: no mapping for 'torch.Tensor.backward' to 'tensorflow'
            loss.backward()
            # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'tensorflow'
            optimizer.step()
    return model


def evaluate(model: Net, x: tf.Tensor, y: tf.Tensor):
    # switcheroo: no mapping for 'torch.no_grad' to 'tensorflow'
    with torch.no_grad():
        error = tf.reduce_mean(((model(x) - y) ** 2))
    return error
