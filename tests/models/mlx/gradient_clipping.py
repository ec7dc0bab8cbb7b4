"""One Adam step whose gradients are clipped to a global norm, as MLX users write it."""
import mlx.core as mx
import mlx.nn as nn
import mlx.optimizers as optim


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int):
        super().__init__()
        self.linear = nn.Linear(features, classes)

    def __call__(self, x: mx.array) -> mx.array:
        return self.linear(x)


def make_optimizer(model: Classifier):
    return optim.Adam(learning_rate=3e-4, bias_correction=True)


def train_step(model: Classifier, optimizer, x: mx.array, y: mx.array):
    def loss_fn(model):
        return mx.mean(mx.square(model(x) - y))

    loss, grads = nn.value_and_grad(model, loss_fn)(model)
    grads, _ = optim.clip_grad_norm(grads, max_norm=1.0)
    optimizer.update(model, grads)
    mx.eval(model.parameters(), optimizer.state)
    return loss
