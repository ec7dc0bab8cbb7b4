"""Adam on a small regressor: one training step."""
import torch
import tensorflow as tf


class Regressor(tf.keras.Model):
    def __init__(self, features: int):
        super().__init__()
        self.linear = tf.keras.layers.Dense(1, input_dim=features)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    # switcheroo: no mapping for 'torch.optim.Adam' to 'tensorflow'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'tensorflow'
    return torch.optim.Adam(model.parameters(), lr=lr)


def train_step(model: Regressor, optimizer, x: tf.Tensor, y: tf.Tensor):
    # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'tensorflow'
    optimizer.zero_grad()
    loss = tf.reduce_mean(((model(x) - y) ** 2))
    # switcheroo: no mapping for 'torch.Tensor.backward' to 'tensorflow'
    loss.backward()
    # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'tensorflow'
    optimizer.step()
    return loss
