"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import mlx.optimizers as optim
import mlx
import mlx.core as mx
from mlx import nn


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.hidden = nn.Linear(features, 16)
        self.out = nn.Linear(16, 1)

    def __call__(self, x: mx.array) -> mx.array:
        return self.out(nn.relu(self.hidden(x)))


def train(model: Net, batches, epochs: int = 3):
    optimizer = optim.Adam(learning_rate=1e-2, bias_correction=True)
    for _ in range(epochs):
        for x, y in batches:
            def loss_fn(model):
                loss = ((model(x) - y) ** 2).mean()
                return loss
            loss, grads = mlx.nn.value_and_grad(model, loss_fn)(model)
            optimizer.update(model, grads)
            mx.eval(model.parameters(), optimizer.state)
    return model


def evaluate(model: Net, x: mx.array, y: mx.array):
    error = ((model(x) - y) ** 2).mean()
    return error
