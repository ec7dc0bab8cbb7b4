"""A whole training loop as MLX users write it: a loss function of the model, epochs of Adam
steps (value_and_grad, update, eval), then an evaluation."""
import mlx.core as mx
import mlx.nn as nn
import mlx.optimizers as optim


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.hidden = nn.Linear(features, 16)
        self.out = nn.Linear(16, 1)

    def __call__(self, x: mx.array) -> mx.array:
        return self.out(nn.relu(self.hidden(x)))


def loss_fn(model: Net, x: mx.array, y: mx.array):
    return nn.losses.mse_loss(model(x), y, reduction="mean")


def train(model: Net, batches, epochs: int = 3):
    # bias_correction=True: MLX's Adam corrects the moments' bias only when asked
    optimizer = optim.Adam(learning_rate=1e-2, bias_correction=True)
    for _ in range(epochs):
        for x, y in batches:
            loss, grads = nn.value_and_grad(model, loss_fn)(model, x, y)
            optimizer.update(model, grads)
            mx.eval(model.parameters(), optimizer.state)
    return model


def evaluate(model: Net, x: mx.array, y: mx.array):
    return mx.mean(mx.square(model(x) - y))
