"""Adam on a small regressor: one training step."""
import mlx.optimizers as optim
import mlx
import mlx.core as mx
from mlx import nn


class Regressor(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.linear = nn.Linear(features, 1)

    def __call__(self, x: mx.array) -> mx.array:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    return optim.Adam(learning_rate=lr, bias_correction=True)


def train_step(model: Regressor, optimizer, x: mx.array, y: mx.array):
    def loss_fn(model):
        loss = ((model(x) - y) ** 2).mean()
        return loss
    loss, grads = mlx.nn.value_and_grad(model, loss_fn)(model)
    optimizer.update(model, grads)
    mx.eval(model.parameters(), optimizer.state)
    return loss
