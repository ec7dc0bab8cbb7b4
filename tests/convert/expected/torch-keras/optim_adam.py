"""Adam on a small regressor: one training step."""
import torch
import keras


class Regressor(keras.Layer):
    def __init__(self, features: int):
        super().__init__()
        self.linear = keras.layers.Dense(1, input_dim=features)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    # switcheroo: cannot convert 'torch.optim.Adam' to 'keras': Keras optimizers take no parameters: training is model.compile(optimizer, loss) + model.fit, not converted yet
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'keras'
    return torch.optim.Adam(model.parameters(), lr=lr)


def train_step(model: Regressor, optimizer, x: keras.KerasTensor, y: keras.KerasTensor):
    # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'keras'
    optimizer.zero_grad()
    loss = keras.ops.mean(((model(x) - y) ** 2))
    # switcheroo: no mapping for 'torch.Tensor.backward' to 'keras'
    loss.backward()
    # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'keras'
    optimizer.step()
    return loss
