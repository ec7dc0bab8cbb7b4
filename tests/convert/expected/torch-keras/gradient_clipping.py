"""A training step whose gradients are clipped to a global norm before Adam."""
import torch
import keras


class Classifier(keras.Layer):
    def __init__(self, features: int, classes: int):
        super().__init__()
        self.linear = keras.layers.Dense(classes, input_dim=features)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.linear(x)


def make_optimizer(model: Classifier):
    # switcheroo: cannot convert 'torch.optim.Adam' to 'keras': Keras optimizers take no parameters: training is model.compile(optimizer, loss) + model.fit, not converted yet
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'keras'
    return torch.optim.Adam(model.parameters(), lr=3e-4)


def train_step(model: Classifier, optimizer, x: keras.KerasTensor, y: keras.KerasTensor):
    # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'keras'
    optimizer.zero_grad()
    loss = keras.ops.mean(((model(x) - y) ** 2))
    # switcheroo: no mapping for 'torch.Tensor.backward' to 'keras'
    loss.backward()
    # switcheroo: no mapping for 'torch.nn.utils.clip_grad_norm_' to 'keras'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'keras'
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'keras'
    optimizer.step()
    return loss
