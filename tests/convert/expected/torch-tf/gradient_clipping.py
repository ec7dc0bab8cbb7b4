"""A training step whose gradients are clipped to a global norm before Adam."""
import torch
import tensorflow as tf


class Classifier(tf.keras.Model):
    def __init__(self, features: int, classes: int):
        super().__init__()
        self.linear = tf.keras.layers.Dense(classes, input_dim=features)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.linear(x)


def make_optimizer(model: Classifier):
    # switcheroo: no mapping for 'torch.optim.Adam' to 'tensorflow'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'tensorflow'
    return torch.optim.Adam(model.parameters(), lr=3e-4)


def train_step(model: Classifier, optimizer, x: tf.Tensor, y: tf.Tensor):
    # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'tensorflow'
    optimizer.zero_grad()
    loss = tf.reduce_mean(((model(x) - y) ** 2))
    # switcheroo: no mapping for 'torch.Tensor.backward' to 'tensorflow'
    loss.backward()
    # switcheroo: no mapping for 'torch.nn.utils.clip_grad_norm_' to 'tensorflow'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'tensorflow'
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'tensorflow'
    optimizer.step()
    return loss
