"""A training step whose gradients are clipped to a global norm before Adam."""
import torch
import keras


class Classifier(keras.Model):
    def __init__(self, features: int, classes: int):
        super().__init__()
        self.linear = keras.layers.Dense(classes, input_dim=features)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.linear(x)


def make_optimizer(model: Classifier):
    return keras.optimizers.Adam(learning_rate=3e-4, epsilon=1e-08)


def train_step(model: Classifier, optimizer, x: keras.KerasTensor, y: keras.KerasTensor):
    optimizer.zero_grad()
    loss = keras.ops.mean(((model(x) - y) ** 2))
    loss.backward()
    # switcheroo: no mapping for 'torch.nn.utils.clip_grad_norm_' to 'keras'
    torch.nn.utils.clip_grad_norm_(model.trainable_variables, 1.0)
    optimizer.step()
    return loss
